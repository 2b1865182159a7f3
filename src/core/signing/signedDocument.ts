import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context';
import { removeReadOnlyFile, writeSignedPdf, type SignedPdfOptions } from '../scan/convert';
import type { StoredFile } from '../vault/vault';

/**
 * A document the unit issues and keeps twice in the file store (the dossier's acceptance report, a
 * certificate of sanitization, a disposal certificate): its JSON as given, and a signed PDF/A drawn by
 * `pdf.afterPages`. Temporary files never outlive the call; if anything fails, bytes this call put new
 * into the store are taken out again, so a failed issue leaves nothing that looks issued. The caller
 * records the `files` rows in its own transaction (and discards `isNew` bytes if that rolls back).
 */
export async function storeSignedDocument(
  ctx: Context,
  o: { json: string; pdf: Omit<SignedPdfOptions, 'pages' | 'outPath'> },
): Promise<{ json: StoredFile; pdf: StoredFile }> {
  const tmp = path.join(ctx.vault.root, 'tmp');
  const jsonTmp = path.join(tmp, `${randomUUID()}.json`);
  const pdfTmp = path.join(tmp, `${randomUUID()}.pdf`);
  let json: StoredFile | undefined;
  try {
    fs.writeFileSync(jsonTmp, o.json, { mode: 0o600, flag: 'wx' });
    await writeSignedPdf({ ...o.pdf, pages: [], outPath: pdfTmp });
    json = ctx.vault.put(jsonTmp);
    return { json, pdf: ctx.vault.put(pdfTmp) };
  } catch (error) {
    if (json?.isNew) ctx.vault.discard(json.sha256);
    throw error;
  } finally {
    fs.rmSync(jsonTmp, { force: true });
    removeReadOnlyFile(pdfTmp);
  }
}
