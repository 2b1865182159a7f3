import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { DossierSupplementDto, ParsedRequestOf } from '../../contract';
import { asJob } from '../jobs/asJob';
import { readInputs, StoredOriginals } from '../cases/recordScans';
import { insertRecord, typeNumberOf } from '../cases/recordStore';
import { appendVersion } from '../cases/recordVersions';
import { catalogEntryByNumber } from '../cases/catalog';
import { requireCaseAccess } from '../access/caseAccess';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { throwIfCancelled } from '../jobs/jobs';
import { removeReadOnlyFile, writeSignedPdf, type SignedPdf } from '../scan/convert';
import { unitSigner } from '../signing/unitSigner';
import type { Db } from '../store/db';
import { dossierState } from './assemble';
import { chineseDate, drawPageStamp, drawRemarksSheet } from './forms';
import { formatPageRange, paginate } from './pagination';

/**
 * A correction after archiving (DOMAIN.md "Dossier rules"; DB3206/T 1060 §6.2.2 d): nothing in the
 * archived volume changes. The correction is a new record with its reason: its scans are kept, it
 * gets its own signed version, and a signed supplement carries its pages numbered on from the volume's
 * last page and a new remarks sheet that states what was added and why. All rows are written in one
 * transaction after the files are complete; any failure leaves neither files nor rows.
 */
export async function appendRecordToArchived(ctx: Context, req: ParsedRequestOf<'dossiers.appendRecord'>): Promise<DossierSupplementDto & { jobId: string }> {
  const s = dossierState(ctx.db, req.caseId);
  const caseNumber = s.caseRow.case_number;
  ctx.audit.target = `case:${caseNumber}/dossier`;
  if (!s.row.archived_at) throw new CoreError('bad-request', `案件“${caseNumber}”的卷宗尚未归档：请直接在案件中添加文书，再重新组卷。`, 'caseId');
  // The archive department works on an archived dossier only at a designated terminal (§4.10.2), like reading it.
  requireCaseAccess(ctx, s.caseRow.id, 'view');
  const typeNumber = typeNumberOf(req.record.type, 'record.type');
  const { identity, signer, unit } = unitSigner(ctx, '生成签章 PDF');
  const firstNumber = lastNumberedPage(ctx.db, s.caseRow.id, s.pagination['正卷'].pageCount) + 1;
  const tmp = path.join(ctx.vault.root, 'tmp');
  const recordOut = path.join(tmp, `${randomUUID()}.pdf`);
  const supplementOut = path.join(tmp, `${randomUUID()}.pdf`);
  const originals = new StoredOriginals(ctx);
  const today = ctx.nowIso.slice(0, 10);

  const cleanUp = () => {
    removeReadOnlyFile(recordOut);
    removeReadOnlyFile(supplementOut);
  };
  let jobId: string;
  let made: { record: SignedPdf; supplement: SignedPdf; pageCount: number; blankPages: number[]; range: string; first: number | null; last: number | null };
  try {
    ({ jobId, value: made } = await asJob(ctx, 'compile', `追加文书：${req.record.title}`, async (control) => {
      const read = await readInputs(ctx.db, req.inputs, { signal: control.signal, onProgress: (done, total, file) => control.progress(done, total, `读取扫描件 ${file}`) });
      const pages = read.flatMap((r) => r.pages);
      if (!pages.length) throw new CoreError('bad-request', '给出的文件中没有扫描页（JPEG、PNG 或 TIFF）。', 'inputs');
      throwIfCancelled(control.signal);
      originals.put(read, control.signal);
      const common = { signer, signerName: identity.subject, location: unit.compilingUnit, control, now: () => new Date() };
      const record = await writeSignedPdf({
        ...common,
        pages,
        outPath: recordOut,
        metadata: { title: req.record.title, caseNumber, recordType: catalogEntryByNumber(typeNumber).name, author: unit.compilingUnit },
      });
      // Numbered on from the volume (and any earlier supplement), blank pages unnumbered as in the volume.
      const numbering = paginate([{ recordId: 'appended', pages: pages.map((p) => ({ isBlank: p.blank.isBlank })), duplex: false }], s.row.stamp_position).records[0]!;
      const shift = (n: number | null) => (n === null ? null : n + firstNumber - 1);
      const first = shift(numbering.firstPage);
      const last = shift(numbering.lastPage);
      const range = formatPageRange(first, last);
      const statement =
        `本卷于${chineseDate(s.row.archived_at)}归档，${chineseDate(today)}追加文件材料1件${numbering.numberedPages}页` +
        `${range ? `（第${range}页）` : ''}：《${req.record.title}》。追加原因：${req.reason}。原卷宗保持不变。`;
      const supplement = await writeSignedPdf({
        ...common,
        pages,
        outPath: supplementOut,
        metadata: { title: `${caseNumber} 正卷补充：${req.record.title}`, caseNumber, recordType: '卷宗（正卷补充）', author: unit.compilingUnit },
        overlay: (doc, i, geometry) => {
          const stamp = numbering.stamps[i];
          if (stamp) drawPageStamp(doc, { ...stamp, number: stamp.number + firstNumber - 1 }, geometry.widthPt, geometry.heightPt);
        },
        afterPages: (doc) => drawRemarksSheet(doc, { statement, compiler: ctx.user!.displayName, compiledOn: today, checker: '', checkedOn: null }, '正卷（补充）'),
      });
      return { record, supplement, pageCount: pages.length, blankPages: pages.flatMap((p, i) => (p.blank.isBlank ? [i + 1] : [])), range, first, last };
    }));
  } catch (error) {
    cleanUp();
    originals.discard();
    throw error;
  }

  const adopted: { sha256: string; isNew: boolean }[] = [];
  try {
    const recordFile = ctx.vault.adopt(recordOut, made.record.sha256);
    adopted.push(recordFile);
    const supplementFile = ctx.vault.adopt(supplementOut, made.supplement.sha256);
    adopted.push(supplementFile);
    ctx.db.transaction(() => {
      const recordId = insertRecord(ctx.db, s.caseRow.id, req.record, ctx.nowIso);
      originals.link(recordId);
      const insertFile = ctx.db.prepare("INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, 'application/pdf', ?)");
      const versionFile = Number(insertFile.run(recordFile.sha256, recordFile.size, `${req.record.title}.pdf`, ctx.nowIso).lastInsertRowid);
      appendVersion(ctx.db, {
        recordId,
        fileId: versionFile,
        pageCount: made.pageCount,
        blankPages: made.blankPages,
        hasOcr: false,
        signerFingerprint: made.record.signer.fingerprint,
        signedAt: made.record.signedAt,
        reason: '',
        createdBy: ctx.user!.username,
        createdAt: ctx.nowIso,
      });
      const supplementFileId = Number(insertFile.run(supplementFile.sha256, supplementFile.size, `${caseNumber}-正卷补充-${recordId}.pdf`, ctx.nowIso).lastInsertRowid);
      ctx.db
        .prepare('INSERT INTO dossier_supplements (case_id, record_id, file_id, reason, first_page, last_page, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(s.caseRow.id, recordId, supplementFileId, req.reason, made.first, made.last, ctx.user!.username, ctx.nowIso);
    })();
  } catch (error) {
    cleanUp();
    for (const a of adopted) if (a.isNew) ctx.vault.discard(a.sha256);
    originals.discard();
    throw error;
  }
  ctx.audit.detail = `追加《${req.record.title}》${made.range ? `，第${made.range}页` : ''}，原因：${req.reason}`;
  const supplements = supplementsOf(ctx.db, s.caseRow.id);
  return { ...supplements.at(-1)!, jobId };
}

function lastNumberedPage(db: Db, caseId: number, volumePages: number): number {
  const row = db.prepare('SELECT MAX(last_page) AS n FROM dossier_supplements WHERE case_id = ?').get(caseId) as { n: number | null };
  return Math.max(volumePages, row.n ?? 0);
}

export function supplementsOf(db: Db, caseId: number): DossierSupplementDto[] {
  const rows = db
    .prepare(
      `SELECT s.record_id, r.title, s.reason, s.first_page, s.last_page, s.added_by, s.added_at, f.id AS file_id, f.name, f.sha256, f.size, f.media_type
       FROM dossier_supplements s JOIN records r ON r.id = s.record_id JOIN files f ON f.id = s.file_id WHERE s.case_id = ? ORDER BY s.id`,
    )
    .all(caseId) as { record_id: number; title: string; reason: string; first_page: number | null; last_page: number | null; added_by: string; added_at: string; file_id: number; name: string; sha256: string; size: number; media_type: string }[];
  return rows.map((r) => ({
    recordId: String(r.record_id),
    title: r.title,
    reason: r.reason,
    pageRange: formatPageRange(r.first_page, r.last_page),
    file: { id: String(r.file_id), name: r.name, sha256: r.sha256, size: r.size, mediaType: r.media_type },
    addedBy: r.added_by,
    addedAt: r.added_at,
  }));
}
