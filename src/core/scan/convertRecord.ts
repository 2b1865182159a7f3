import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { RecordVersionDto } from '../../contract';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { catalogEntryByNumber } from '../cases/catalog';
import { getCaseRow } from '../cases/caseStore';
import { requireCaseAccess } from '../access/caseAccess';
import { getRecordRow } from '../cases/recordStore';
import { appendVersion, correctionsOf, versionsOf } from '../cases/recordVersions';
import { isPdfPage, ocrOf, pageRowsOf, placedPageOf, storeOcr } from '../cases/recordPages';
import { ensurePages } from '../cases/recordScans';
import { asJob } from '../jobs/asJob';
import { loadPdfkit } from '../pdf/writer';
import { unitSignerAsync } from '../signing/unitSigner';
import { recognize, removeReadOnlyFile, writeSignedPdf } from './convert';

/**
 * A registered record's stored pages become its next signed version, kept in the file store
 * (DB3206/T 1060 §6.2.2 b, d, e); the scans themselves stay as they were added. A record that has a
 * signed version gets a new one only with a reason (a correction, §6.2.2 d). Used by
 * `records.convert` and by the sample case.
 */
export async function convertRecord(ctx: Context, req: { recordId: string; ocr?: boolean; reason?: string }): Promise<RecordVersionDto> {
  const record = getRecordRow(ctx.db, req.recordId);
  const caseRow = getCaseRow(ctx.db, { caseId: String(record.case_id) });
  ctx.audit.target = `case:${caseRow.case_number}/record:${record.id}`;
  if (caseRow.state === '已归档') throw new CoreError('read-only', `案件“${caseRow.case_number}”已归档，文书不能再生成新版本。`);
  // Signing a record's pages is a change of the case's records: the people of the case, or the archive department once closed (§4.10.1).
  requireCaseAccess(ctx, record.case_id, 'edit');
  const hasVersion = Boolean(ctx.db.prepare('SELECT 1 FROM record_versions WHERE record_id = ?').get(record.id));
  if (hasVersion && !req.reason) throw new CoreError('bad-request', '该文书已有签章版本。生成新版本须填写更正原因，原版本将保留。', 'reason');
  // The PDF writer loads while the key is unsealed (decision 0017).
  loadPdfkit().catch(() => undefined);
  const { identity, signer, unit } = await unitSignerAsync(ctx, '生成签章 PDF');

  const tmpOut = path.join(ctx.vault.root, 'tmp', `${randomUUID()}.pdf`);
  const names = new Map<string, string>();
  let result;
  try {
    ({ value: result } = await asJob(ctx, 'scan', `《${record.title}》转 PDF`, async (control) => {
      await ensurePages(ctx, record.id, control);
      const rows = pageRowsOf(ctx.db, record.id);
      if (!rows.length) throw new CoreError('bad-request', `文书《${record.title}》还没有扫描页，无法生成 PDF。请先添加扫描件。`);
      for (const r of rows) names.set(r.file_sha256, r.file_name);
      const pages = rows.map((r) => placedPageOf(r, (sha) => ctx.vault.pathOf(sha)));
      // Pages recognized before keep their text; with ocr, the rest are recognized now and kept too.
      // Born-digital PDF pages have their own text (decision 0009) and are never recognized.
      const todo = req.ocr ? rows.flatMap((r, i) => (r.ocr === null && !isPdfPage(r) ? [i] : [])) : [];
      const fresh = todo.length ? await recognize(todo.map((i) => pages[i]!), control) : [];
      const ocr = rows.map(ocrOf);
      todo.forEach((i, k) => (ocr[i] = fresh[k]!));
      const signed = await writeSignedPdf({
        pages,
        ocr,
        outPath: tmpOut,
        metadata: { title: record.title, caseNumber: caseRow.case_number, recordType: catalogEntryByNumber(record.type_number).name, author: unit.compilingUnit },
        marks: correctionsOf(ctx.db, record.id),
        signer,
        signerName: identity.subject,
        location: unit.compilingUnit,
        control,
        now: () => new Date(),
      });
      return {
        ...signed,
        pageCount: rows.length,
        blankPages: rows.flatMap((r) => (r.is_blank ? [r.position] : [])),
        hasOcr: rows.every((r, i) => isPdfPage(r) || ocr[i]),
        newOcr: todo.map((i, k) => ({ pageId: rows[i]!.id, rotation: rows[i]!.rotation, ocr: fresh[k]! })),
      };
    }));
  } catch (error) {
    removeReadOnlyFile(tmpOut);
    // The store names files by their hash; people know them by the names they were added under.
    if (error instanceof CoreError) throw new CoreError(error.code, [...names].reduce((m, [sha, name]) => m.split(sha).join(name), error.message), error.field);
    throw error;
  }
  let stored;
  try {
    // Signed in the store's tmp folder and hashed there by the signer: moved into place, not copied.
    stored = ctx.vault.adopt(tmpOut, result.sha256);
  } finally {
    removeReadOnlyFile(tmpOut);
  }
  try {
    const version = ctx.db.transaction(() => {
      const fileId = Number(
        ctx.db
          .prepare("INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, 'application/pdf', ?)")
          .run(stored.sha256, stored.size, `${record.title}.pdf`, ctx.nowIso).lastInsertRowid,
      );
      storeOcr(ctx.db, result.newOcr);
      return appendVersion(ctx.db, {
        recordId: record.id,
        fileId,
        pageCount: result.pageCount,
        blankPages: result.blankPages,
        hasOcr: result.hasOcr,
        signerFingerprint: result.signer.fingerprint,
        signedAt: result.signedAt,
        reason: req.reason ?? '',
        createdBy: ctx.user!.username,
        createdAt: ctx.nowIso,
      });
    })();
    ctx.audit.detail = `第 ${version} 版，${result.pageCount} 页，SHA-256 ${result.sha256.slice(0, 16)}…${req.reason ? `，更正原因：${req.reason}` : ''}`;
  } catch (error) {
    if (stored.isNew) ctx.vault.discard(stored.sha256);
    throw error;
  }
  return versionsOf(ctx.db, record.id).at(-1)!;
}
