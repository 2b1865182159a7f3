import { requireCaseAccess } from '../access/caseAccess';
import type { Handlers } from '../context';
import { CoreError } from '../errors';
import { recognize } from '../scan/convert';
import { recordOpenForChange } from './guards';
import { arrangePages, isPdfPage, pageCountOf, pageRowOf, pageRowsOf, placedPageOf, setRotation, storeOcr, toRecordPageDto, turnBetween, turnThumbnail } from './recordPages';
import { ensurePages, listScanInputs, readOriginals, StoredOriginals } from './recordScans';
import { getRecordRow } from './recordStore';
import { asJob } from '../jobs/asJob';

type PageMethods = 'records.addScans' | 'records.pages' | 'records.rotatePage' | 'records.arrangePages' | 'records.ocr';

/**
 * The page model of a record (decision 0008): scans are read once when added; pages can be turned
 * and put in order, and recognized, until the record is signed (DB3206/T 1060 §6.2.2 d).
 */
export const pageHandlers: Pick<Handlers, PageMethods> = {
  /**
   * All or nothing: the files are read (job progress, cancel), then put in the file store, then the
   * files and their pages are added in one transaction that checks again that the record may change.
   * Any failure or cancel discards the files this call put in the store.
   */
  'records.addScans': {
    kind: 'change',
    access: 'records.write',
    runAsync: async (ctx, req) => {
      const record = recordOpenForChange(ctx, req.recordId);
      const originals = new StoredOriginals(ctx);
      ctx.onRollback(() => originals.discard());
      const { jobId } = await asJob(ctx, 'scan', `《${record.title}》添加扫描件`, async (control) => {
        await ensurePages(ctx, record.id, control);
        const { files, problems } = await listScanInputs(req.inputs);
        await originals.store(
          files,
          () => readOriginals(ctx.db, files, { signal: control.signal, onProgress: (done, total, file) => control.progress(done, total, `读取扫描件 ${file}`) }, problems),
          control.signal,
        );
        return true;
      });
      const added = ctx.db.transaction(() => {
        recordOpenForChange(ctx, record.id);
        const before = pageCountOf(ctx.db, record.id);
        const count = originals.link(record.id);
        return pageRowsOf(ctx.db, record.id).slice(before, before + count);
      })();
      const pageCount = pageCountOf(ctx.db, record.id);
      ctx.audit.detail = `文书 ${record.id}《${record.title}》添加 ${originals.stored.length} 个文件、${added.length} 页，共 ${pageCount} 页`;
      return { jobId, added: added.map(toRecordPageDto), pageCount };
    },
  },

  /** A read that may first read the originals of a record made before pages existed (ensurePages). */
  'records.pages': {
    kind: 'read',
    access: 'cases.read',
    runAsync: async (ctx, req) => {
      const record = getRecordRow(ctx.db, req.recordId);
      // Page thumbnails are the record's content: the same policy as opening the case (§4.10).
      requireCaseAccess(ctx, record.case_id, 'view');
      await ensurePages(ctx, record.id);
      return pageRowsOf(ctx.db, record.id).map(toRecordPageDto);
    },
  },

  'records.rotatePage': {
    kind: 'change',
    access: 'records.write',
    runAsync: async (ctx, req) => {
      const record = recordOpenForChange(ctx, req.recordId);
      const row = pageRowOf(ctx.db, record.id, req.pageId);
      const thumbnail = await turnThumbnail(row.thumbnail, turnBetween(row.rotation, req.rotation));
      return ctx.db.transaction(() => {
        recordOpenForChange(ctx, record.id);
        // Turned from what is stored now, so that two quick turns do not turn the thumbnail from a stale one.
        const current = pageRowOf(ctx.db, record.id, req.pageId);
        if (current.rotation !== row.rotation) throw new CoreError('conflict', '该页刚被他人旋转过，请刷新后重试。');
        setRotation(ctx.db, current, req.rotation, thumbnail);
        ctx.audit.detail = `文书 ${record.id} 第 ${row.position} 页旋转为 ${req.rotation} 度`;
        return toRecordPageDto(pageRowOf(ctx.db, record.id, req.pageId));
      })();
    },
  },

  'records.arrangePages': {
    kind: 'change',
    access: 'records.write',
    run: (ctx, req) => {
      const record = recordOpenForChange(ctx, req.recordId);
      arrangePages(ctx.db, record.id, req.pageIds);
      ctx.audit.detail = `文书 ${record.id}《${record.title}》调整 ${req.pageIds.length} 页的顺序`;
      return pageRowsOf(ctx.db, record.id).map(toRecordPageDto);
    },
  },

  /**
   * Chinese OCR for the pages that have none (issue 3 item 4), stored per page in one transaction
   * when every page is done: a cancel keeps nothing. Drawn as the text layer of the next signed version.
   */
  'records.ocr': {
    kind: 'change',
    access: 'records.write',
    runAsync: async (ctx, req) => {
      const record = recordOpenForChange(ctx, req.recordId);
      const { jobId, value } = await asJob(ctx, 'ocr', `《${record.title}》文字识别`, async (control) => {
        await ensurePages(ctx, record.id, control);
        // A born-digital PDF page has its own text (decision 0009): nothing to recognize.
        const todo = pageRowsOf(ctx.db, record.id).filter((r) => r.ocr === null && !isPdfPage(r));
        if (!todo.length) return [];
        const results = await recognize(
          todo.map((r) => placedPageOf(r, (sha) => ctx.vault.pathOf(sha))),
          control,
        );
        return todo.map((r, i) => ({ pageId: r.id, rotation: r.rotation, ocr: results[i]! }));
      });
      if (!pageCountOf(ctx.db, record.id)) throw new CoreError('bad-request', `文书《${record.title}》还没有扫描页，无法识别。`);
      ctx.db.transaction(() => {
        recordOpenForChange(ctx, record.id);
        storeOcr(ctx.db, value);
      })();
      const lines = value.reduce((n, v) => n + v.ocr.lines.length, 0);
      const words = value.reduce((n, v) => n + v.ocr.lines.reduce((m, l) => m + l.words.length, 0), 0);
      ctx.audit.detail = `文书 ${record.id}《${record.title}》识别 ${value.length} 页，${lines} 行`;
      return { jobId, recognized: value.length, lines, words };
    },
  },
};
