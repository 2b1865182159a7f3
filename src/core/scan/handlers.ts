import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Context, Handlers } from '../context';
import { CoreError } from '../errors';
import { catalogEntryByNumber } from '../cases/catalog';
import { getCaseRow } from '../cases/caseStore';
import { getRecordRow } from '../cases/recordStore';
import { appendVersion, correctionsOf, versionsOf } from '../cases/recordVersions';
import { unitSigner } from '../signing/unitSigner';
import { asJob } from '../cases/pageHandlers';
import { isPdfPage, ocrOf, pageRowsOf, placedPageOf, storeOcr } from '../cases/recordPages';
import { ensurePages } from '../cases/recordScans';
import type { JobControl } from '../jobs/jobs';
import { convertScans, recognize, removeReadOnlyFile, writeSignedPdf } from './convert';

async function runJob<T>(ctx: Context, label: string, work: (control: JobControl) => Promise<T>): Promise<T & { jobId: string }> {
  const { jobId, value } = await asJob(ctx, 'scan', label, work);
  return { jobId, ...value };
}

export const scanHandlers: Pick<Handlers, 'scans.convert' | 'records.convert'> = {
  'scans.convert': {
    kind: 'change',
    access: 'records.write',
    runAsync: async (ctx, req) => {
      ctx.audit.target = `pdf:${path.basename(req.outPath)}`;
      for (const [field, p] of [['outPath', req.outPath], ...req.inputs.map((i, n) => [`inputs.${n}`, i] as const)] as const) {
        if (!path.isAbsolute(p)) throw new CoreError('bad-request', `请给出完整路径：${p}`, field);
      }
      const { identity, signer, unit } = unitSigner(ctx, '生成签章 PDF');
      const r = await runJob(ctx, '扫描件转 PDF', (control) => convertScans({
        control,
        now: () => new Date(),
        inputs: req.inputs,
        outPath: req.outPath,
        metadata: { title: req.title, caseNumber: req.caseNumber, recordType: req.recordType, author: unit.compilingUnit },
        ocr: req.ocr,
        signer,
        signerName: identity.subject,
        location: unit.compilingUnit,
      }));
      ctx.audit.detail = `${r.pages.length} 页，SHA-256 ${r.sha256.slice(0, 16)}…${r.ocr ? '，含文字识别' : ''}`;
      return r;
    },
  },

  /**
   * A registered record's stored scans become its next signed version, kept in the file store
   * (DB3206/T 1060 §6.2.2 b, d, e). The scans themselves stay as they were imported.
   */
  'records.convert': {
    kind: 'change',
    access: 'records.write',
    runAsync: async (ctx, req) => {
      const record = getRecordRow(ctx.db, req.recordId);
      const caseRow = getCaseRow(ctx.db, { caseId: String(record.case_id) });
      ctx.audit.target = `case:${caseRow.case_number}/record:${record.id}`;
      if (caseRow.state === '已归档') throw new CoreError('read-only', `案件“${caseRow.case_number}”已归档，文书不能再生成新版本。`);
      const hasVersion = Boolean(ctx.db.prepare('SELECT 1 FROM record_versions WHERE record_id = ?').get(record.id));
      if (hasVersion && !req.reason) throw new CoreError('bad-request', '该文书已有签章版本。生成新版本须填写更正原因，原版本将保留。', 'reason');
      const { identity, signer, unit } = unitSigner(ctx, '生成签章 PDF');

      const tmpOut = path.join(ctx.vault.root, 'tmp', `${randomUUID()}.pdf`);
      const names = new Map<string, string>();
      let result;
      try {
        result = await runJob(ctx, `《${record.title}》转 PDF`, async (control) => {
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
        });
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
            reason: req.reason,
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
    },
  },
};
