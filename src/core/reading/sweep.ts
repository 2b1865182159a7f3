import { accessSettings } from '../access/accessSettings';
import { appendAudit } from '../audit/log';
import type { Context } from '../context';
import { closeDocuments } from './documents';
import { describePagesViewed } from './pages';
import { closeSession, idleOpenSessions } from './sessions';

/**
 * Sessions nobody closed (the window was closed, the machine switched off, the reader walked away)
 * end when their idle limit passed; the log gets their pages all the same (issue 5 item 7), as an
 * entry of the reader's, written when the workstation next opens or closes a reading. Must run in
 * the caller's transaction. Returns how many were ended.
 */
export function endAbandonedSessions(ctx: Context): number {
  const idleMs = accessSettings(ctx.db).readingIdleMinutes * 60_000;
  const stale = idleOpenSessions(ctx.db, new Date(ctx.now.getTime() - idleMs).toISOString());
  for (const s of stale) {
    const endedAt = new Date(Date.parse(s.lastSeenAt) + idleMs).toISOString();
    closeSession(ctx.db, s.id, endedAt, 'idle');
    closeDocuments(s.id);
    const caseNumber = (ctx.db.prepare('SELECT case_number FROM cases WHERE id = ?').get(s.caseId) as { case_number: string }).case_number;
    appendAudit(ctx.db, {
      at: ctx.nowIso,
      actor: s.username,
      action: 'reading.close',
      target: `case:${caseNumber}`,
      terminalId: s.terminalId,
      channel: ctx.caller.channel,
      outcome: 'ok',
      detail: `查阅会话 ${s.id} 未经关闭，闲置超时于 ${endedAt} 结束（最后一页 ${s.lastSeenAt}，由工作站补记）；已查阅：${describePagesViewed(s.pagesViewed)}`,
    });
  }
  return stale.length;
}
