import { WIPE_METHOD_LABELS, type SanitizationCertificateDto, type WipeDestination, type WipeMethod } from '../../../contract';
import { getUnit } from '../../access/users';
import type { Context } from '../../context';
import { asJob } from '../../jobs/asJob';
import type { JobControl } from '../../jobs/jobs';
import { signDetached } from '../../signing/detachedCms';
import { storeSignedDocument } from '../../signing/signedDocument';
import { unitSigner } from '../../signing/unitSigner';
import type { StoredFile } from '../../vault/vault';
import type { MediumRow } from '../store';
import { categoryOf } from './plan';
import { nextCertificateNumber, TOOL, type SignedCertificate } from './certificateData';
import { drawCertificate } from './certificatePdf';
import { certificateById } from './certificateStore';

export interface CertificateInput {
  medium: MediumRow;
  method: WipeMethod;
  verification: string;
  performedBy: { username: string; displayName: string };
  witness: { username: string; displayName: string };
  destination: WipeDestination;
  destructionBody?: string | null;
  limits?: string[];
  /** NIST SP 800-88 App. G "Tool Used": the drive's tool (nvme-cli, hdparm) when the drive did the sanitizing; else this application. */
  tool?: { name: string; version: string };
  /** The destruction body's own certificate (a scan), kept beside ours. */
  attachment?: { path: string; name: string; mediaType: string };
}

export interface PreparedCertificate {
  document: SignedCertificate;
  documentText: string;
  pdf: StoredFile;
  json: StoredFile;
  attachment: (StoredFile & { name: string; mediaType: string }) | null;
}

/**
 * NIST SP 800-88 Rev. 1 Appendix G, kept twice (issue 6 item 6): a certified PDF/A drawn like the
 * dossier's acceptance report, and the same fields as JSON with a detached CMS signature, both by the
 * unit certificate. Files only: the row is written by `recordCertificate` in the caller's transaction,
 * and `discardCertificate` removes the files if that transaction fails.
 */
export async function prepareCertificate(ctx: Context, input: CertificateInput, control: JobControl): Promise<PreparedCertificate> {
  const { medium } = input;
  const performedAt = new Date().toISOString();
  const document: SignedCertificate = {
    number: nextCertificateNumber(ctx.db, Number(performedAt.slice(0, 4))),
    tag: medium.tag,
    mediumKind: medium.kind,
    classification: medium.classification,
    manufacturer: medium.brand,
    model: medium.model,
    serial: medium.serial,
    method: input.method,
    methodLabel: WIPE_METHOD_LABELS[input.method],
    category: categoryOf(input.method),
    tool: input.tool?.name ?? TOOL.name,
    toolVersion: input.tool?.version ?? TOOL.version,
    verification: input.verification,
    performedBy: input.performedBy.username,
    performedByName: input.performedBy.displayName,
    witness: input.witness.username,
    witnessName: input.witness.displayName,
    performedAt,
    destination: input.destination,
    destructionBody: input.destructionBody ?? null,
    limits: input.limits ?? [],
  };
  const documentText = JSON.stringify(document);
  const unit = getUnit(ctx.db)!;
  const { identity, signer } = unitSigner(ctx, '签发清除证明');
  const signature = await signDetached(Buffer.from(documentText, 'utf8'), signer);
  // The exact signed bytes travel as a string beside their signature, so `jq -r .certificate` and
  // `openssl cms -verify -binary -content` check it without any canonicalisation.
  const envelope = { format: 'sanitization-certificate/1', certificate: documentText, signature: signature.toString('base64') };
  const { json, pdf } = await storeSignedDocument(ctx, {
    json: `${JSON.stringify(envelope, null, 2)}\n`,
    pdf: {
      metadata: { title: `${document.number} 存储介质清除证明`, caseNumber: document.number, recordType: '存储介质清除证明', author: unit.compilingUnit },
      signer,
      signerName: identity.subject,
      location: unit.compilingUnit,
      control,
      now: () => new Date(),
      afterPages: (doc) => drawCertificate(doc, document, unit.compilingUnit),
    },
  });
  try {
    const attachment = input.attachment ? { ...ctx.vault.put(input.attachment.path), name: input.attachment.name, mediaType: input.attachment.mediaType } : null;
    return { document, documentText, pdf, json, attachment };
  } catch (error) {
    for (const s of [json, pdf]) if (s.isNew) ctx.vault.discard(s.sha256);
    throw error;
  }
}

/** Inside the caller's transaction: the files' rows and the certificate's row. */
export function recordCertificate(ctx: Context, p: PreparedCertificate, mediumId: number, wipeRunId: number | null): SanitizationCertificateDto {
  const insertFile = ctx.db.prepare('INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, ?, ?)');
  const file = (s: StoredFile, name: string, mediaType: string) => Number(insertFile.run(s.sha256, s.size, name, mediaType, ctx.nowIso).lastInsertRowid);
  const pdfId = file(p.pdf, `${p.document.number}-清除证明.pdf`, 'application/pdf');
  const jsonId = file(p.json, `${p.document.number}-清除证明.json`, 'application/json');
  const attachmentId = p.attachment ? file(p.attachment, p.attachment.name, p.attachment.mediaType) : null;
  const id = Number(
    ctx.db
      .prepare('INSERT INTO sanitization_certificates (number, medium_id, wipe_run_id, method, data, pdf_file_id, json_file_id, attachment_file_id, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(p.document.number, mediumId, wipeRunId, p.document.method, p.documentText, pdfId, jsonId, attachmentId, p.document.performedAt).lastInsertRowid,
  );
  return certificateById(ctx.db, id);
}

export function discardCertificate(ctx: Context, p: PreparedCertificate): void {
  for (const s of [p.pdf, p.json, p.attachment]) if (s?.isNew) ctx.vault.discard(s.sha256);
}

/** Issues run one after another in this process (see `certify`). */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Issues a certificate: the signed files are made (as a job, with progress), then `commit` runs in one
 * transaction with the certificate's row, so the medium's new status, its request and its certificate
 * appear together or not at all; on failure the files go again. Serialised within the process, because
 * the number (QC-year-serial) is inside the signed files before its row exists.
 */
export function certify<T>(ctx: Context, input: CertificateInput, wipeRunId: number | null, commit: (certificate: SanitizationCertificateDto) => T): Promise<T> {
  const issue = queue.then(async () => {
    const { value: prepared } = await asJob(ctx, 'wipe', `签发清除证明 ${input.medium.tag}`, (control) => prepareCertificate(ctx, input, control));
    try {
      return ctx.db.transaction(() => commit(recordCertificate(ctx, prepared, input.medium.id, wipeRunId)))();
    } catch (error) {
      discardCertificate(ctx, prepared);
      throw error;
    }
  });
  queue = issue.catch(() => undefined);
  return issue;
}
