import { randomUUID } from 'node:crypto';
import type { ReadingSessionDto } from '../../contract';
import { askCaseAccess, requireCaseAccess } from '../access/caseAccess';
import type { Context, Handlers } from '../context';
import { caseArchivalCode } from '../dossier/store';
import { compiledVolumes } from '../dossier/volumes';
import { CoreError } from '../errors';
import { closeDocuments, withDocument } from './documents';
import { exportVolume } from './export';
import { caseNumberOf, liveSession, requireStillReadable } from './liveSession';
import { describePagesViewed, describeVolumePages } from './pages';
import { pageText, renderPage } from './render';
import { closeSession, CLOSE_REASON_LABELS, getSession, insertSession, openSessionsOf, recordPageViewed, touchSession, type CloseReason, type ReadingSession, type SessionVolume } from './sessions';
import { endAbandonedSessions } from './sweep';
import { readerLabel, watermarkText, type Watermark } from './watermark';

type ReadingMethods = 'reading.open' | 'reading.page' | 'reading.close' | 'reading.print' | 'reading.export';

const watermarkOf = (ctx: Context): Watermark => ({ reader: readerLabel(ctx.user!.displayName, ctx.user!.username), terminalId: ctx.terminal.id, at: ctx.now });

function volumeOf(s: ReadingSession, volume: string, caseNumber: string): SessionVolume {
  const v = s.volumes.find((x) => x.volume === volume);
  if (!v) throw new CoreError('bad-request', `卷宗“${caseNumber}”没有${volume}。请选择${s.volumes.map((x) => x.volume).join('或')}。`, 'volume');
  return v;
}

function requirePages(v: SessionVolume, pages: readonly number[]): void {
  const beyond = pages.find((p) => p > v.pageCount);
  if (beyond !== undefined) throw new CoreError('bad-request', `${v.volume}共 ${v.pageCount} 页，没有第 ${beyond} 页。`, 'page');
}

/**
 * The reading room (DB3206/T 1060 §4.10.2, §4.10.3, §6.2.2 f–g; issue 5 items 5 and 7). The reader
 * never receives the volume file: the core draws each page, after asking the policy again, with the
 * reader, terminal and time burned into its pixels. Every open, close, print and export is logged;
 * pages are kept per session and listed in the closing entry; every refusal is logged by the pipeline.
 * Handlers that may end a session as they refuse are async (no enclosing transaction), so the
 * closing write survives the refusal.
 */
export const readingHandlers: Pick<Handlers, ReadingMethods> = {
  'reading.open': {
    kind: 'view',
    access: 'signed-in',
    async runAsync(ctx, { caseId }) {
      const id = Number(caseId);
      const answer = requireCaseAccess(ctx, id, 'view');
      const caseNumber = answer.facts.caseNumber;
      const { grant, requestId, pledged } = answer.grant;
      if (grant.status === 'valid' && !pledged) throw new CoreError('forbidden', '请先阅读并接受保密承诺（§4.10.3）后再查阅。', 'pledge');
      const compiled = compiledVolumes(ctx.db, id);
      if (!compiled.length) throw new CoreError('bad-request', `案件“${caseNumber}”还没有组卷生成的卷宗文件，无法查阅。请先组卷。`);

      const readingId = randomUUID();
      const volumes: SessionVolume[] = [];
      try {
        // The page counts the reader is shown are those of the files themselves (covers, contents
        // and remarks sheet included), read once here; the documents stay open for the first pages.
        for (const v of compiled) {
          const pageCount = await withDocument(readingId, ctx.vault.pathOf(v.file.sha256), async (pdf) => pdf.pageCount);
          volumes.push({ volume: v.volume, edition: v.edition, fileId: Number(v.file.id), sha256: v.file.sha256, pageCount });
        }
      } catch (error) {
        closeDocuments(readingId);
        throw error;
      }

      const user = ctx.user!;
      const superseded = ctx.db.transaction(() => {
        endAbandonedSessions(ctx);
        // One reading at a time per person and desk: a window closed without reading.close leaves
        // its session open; it ends here, and this entry lists what it showed.
        const left = openSessionsOf(ctx.db, user.username, ctx.terminal.id);
        for (const old of left) closeSession(ctx.db, old.id, ctx.nowIso, 'superseded');
        insertSession(ctx.db, { id: readingId, caseId: id, username: user.username, terminalId: ctx.terminal.id, requestId: grant.status === 'valid' ? requestId : null, at: ctx.nowIso, volumes });
        return left;
      })();
      for (const old of superseded) closeDocuments(old.id);

      const ends = grant.status === 'valid' ? (ctx.db.prepare('SELECT ends_at FROM access_requests WHERE id = ?').get(requestId) as { ends_at: string }).ends_at : null;
      const printAllowed = askCaseAccess(ctx, id, 'print').decision.allow;
      const exportAllowed = askCaseAccess(ctx, id, 'export').decision.allow;
      ctx.audit.detail = [
        `打开查阅会话 ${readingId}：${volumes.map((v) => `${v.volume}第 ${v.edition} 版 ${v.pageCount} 页`).join('、')}`,
        grant.status === 'valid' ? `依据借阅申请 #${requestId}（至 ${ends}${printAllowed ? '，可打印' : ''}${exportAllowed ? '，可导出' : ''}）` : answer.decision.reason,
        ...superseded.map((old) => `结束此前未关闭的查阅会话 ${old.id}（已查阅：${describePagesViewed(old.pagesViewed)}）`),
      ].join('；');

      const cause = (ctx.db.prepare('SELECT cause FROM cases WHERE id = ?').get(id) as { cause: string }).cause;
      const session: ReadingSessionDto = {
        readingId,
        caseId: String(id),
        caseNumber,
        cause,
        archivalCode: caseArchivalCode(ctx.db, id),
        volumes: volumes.map((v) => ({ volume: v.volume, edition: v.edition, pageCount: v.pageCount })),
        watermark: { reader: readerLabel(user.displayName, user.username), terminalId: ctx.terminal.id },
        grant: grant.status === 'valid' && requestId !== null && ends ? { requestId: String(requestId), endsAt: ends, print: grant.print, export: grant.export } : null,
        copyAllowed: exportAllowed,
        printAllowed,
        exportAllowed,
      };
      return session;
    },
  },

  'reading.page': {
    // Each page is kept in the session and listed when it closes; refusals are logged as every refusal.
    kind: 'read',
    access: 'signed-in',
    async runAsync(ctx, { readingId, volume, page, widthPx }) {
      const s = liveSession(ctx, readingId);
      requireStillReadable(ctx, s);
      const caseNumber = caseNumberOf(ctx, s.caseId);
      const v = volumeOf(s, volume, caseNumber);
      requirePages(v, [page]);
      // Text leaves the reading room only with an export grant (issue 5 item 5: copy = export).
      const mayCopy = askCaseAccess(ctx, s.caseId, 'export').decision.allow;
      const watermark = watermarkOf(ctx);
      const { rendered, text } = await withDocument(s.id, ctx.vault.pathOf(v.sha256), async (pdf) => ({
        rendered: await renderPage(pdf, page, { widthPx, watermark }),
        text: mayCopy ? await pageText(pdf, page) : null,
      }));
      recordPageViewed(ctx.db, s.id, v.volume, page, ctx.nowIso);
      return {
        volume: v.volume,
        page,
        pageCount: v.pageCount,
        image: `data:image/jpeg;base64,${rendered.jpeg.toString('base64')}`,
        widthPx: rendered.widthPx,
        heightPx: rendered.heightPx,
        watermark: watermarkText(watermark),
        text,
      };
    },
  },

  'reading.close': {
    kind: 'change',
    access: 'signed-in',
    run(ctx, { readingId }) {
      const s = getSession(ctx.db, readingId);
      if (!s) throw new CoreError('not-found', '查阅会话不存在，可能已经结束。');
      ctx.audit.target = `case:${caseNumberOf(ctx, s.caseId)}`;
      if (s.username !== ctx.user!.username) throw new CoreError('forbidden', '这不是您的查阅会话，不能结束。');
      closeDocuments(s.id);
      const pages = describePagesViewed(s.pagesViewed);
      if (s.closedAt) {
        ctx.audit.detail = `查阅会话 ${s.id} 已于 ${s.closedAt} 结束（${CLOSE_REASON_LABELS[s.closeReason as CloseReason]}）；已查阅：${pages}`;
        return null;
      }
      closeSession(ctx.db, s.id, ctx.nowIso, 'closed');
      ctx.audit.detail = `结束查阅会话 ${s.id}；已查阅：${pages}`;
      endAbandonedSessions(ctx);
      return null;
    },
  },

  'reading.print': {
    kind: 'change',
    access: 'signed-in',
    // Async only so that a session ended here for idleness stays ended when the call is refused.
    async runAsync(ctx, { readingId, volume, pages }) {
      const s = liveSession(ctx, readingId);
      requireCaseAccess(ctx, s.caseId, 'print');
      const v = volumeOf(s, volume, caseNumberOf(ctx, s.caseId));
      const sorted = [...new Set(pages)].sort((a, b) => a - b);
      requirePages(v, sorted);
      touchSession(ctx.db, s.id, ctx.nowIso);
      const watermark = watermarkText(watermarkOf(ctx));
      ctx.audit.detail = `打印 ${describeVolumePages(v.volume, sorted)}，共 ${sorted.length} 页；水印：${watermark}`;
      return { pages: sorted, watermark };
    },
  },

  'reading.export': {
    kind: 'change',
    access: 'signed-in',
    async runAsync(ctx, { readingId, volume }) {
      const s = liveSession(ctx, readingId);
      requireCaseAccess(ctx, s.caseId, 'export');
      const caseNumber = caseNumberOf(ctx, s.caseId);
      const v = volumeOf(s, volume, caseNumber);
      touchSession(ctx.db, s.id, ctx.nowIso);
      const watermark = watermarkOf(ctx);
      ctx.audit.detail = `导出 ${v.volume}第 ${v.edition} 版`;
      const result = await exportVolume(ctx, { readingId: s.id, username: s.username, requestId: s.requestId, caseNumber, volume: v, watermark });
      ctx.audit.detail = `导出 ${v.volume}第 ${v.edition} 版，共 ${result.pageCount} 页（每页为加水印的图像）；水印：${watermarkText(watermark)}；文件 ${result.name}，SHA-256 ${result.sha256.slice(0, 16)}…`;
      return result;
    },
  },
};
