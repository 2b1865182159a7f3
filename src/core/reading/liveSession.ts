import { accessSettings } from '../access/accessSettings';
import { requireCaseAccess } from '../access/caseAccess';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { closeDocuments } from './documents';
import { describePagesViewed } from './pages';
import { closeSession, getSession, CLOSE_REASON_LABELS, type CloseReason, type ReadingSession } from './sessions';

export function caseNumberOf(ctx: Context, caseId: number): string {
  const row = ctx.db.prepare('SELECT case_number FROM cases WHERE id = ?').get(caseId) as { case_number: string } | undefined;
  if (!row) throw new CoreError('not-found', '案件不存在，可能已被删除。');
  return row.case_number;
}

/**
 * Ends a session and says so in this call's audit entry, with the pages viewed (issue 5 item 7).
 * Called from async handlers (no transaction around them), so the closing write stands even when
 * the call then fails with a refusal; the pipeline logs that refusal with this detail.
 */
export function endSession(ctx: Context, s: ReadingSession, reason: CloseReason): void {
  closeSession(ctx.db, s.id, ctx.nowIso, reason);
  closeDocuments(s.id);
  ctx.audit.detail = `查阅会话 ${s.id} 已结束（${CLOSE_REASON_LABELS[reason]}）；已查阅：${describePagesViewed(s.pagesViewed)}`;
}

/**
 * The caller's own open session, at the terminal it was opened on (§4.10.2: reading happens at the
 * designated place, a session cannot move to another desk); a session idle past the unit's limit is
 * ended here and refused. The audit entry of the call names the case.
 */
export function liveSession(ctx: Context, readingId: string): ReadingSession {
  const s = getSession(ctx.db, readingId);
  if (!s) throw new CoreError('not-found', '查阅会话不存在，请重新打开卷宗。');
  ctx.audit.target = `case:${caseNumberOf(ctx, s.caseId)}`;
  if (s.username !== ctx.user!.username) throw new CoreError('forbidden', '这不是您的查阅会话，不能使用。请以本人账户打开卷宗。');
  if (s.terminalId !== ctx.terminal.id) throw new CoreError('forbidden', '查阅会话只能在打开它的终端上继续（DB3206/T 1060 §4.10.2）。请在本终端重新打开卷宗。');
  if (s.closedAt) throw new CoreError('forbidden', `查阅会话已结束（${CLOSE_REASON_LABELS[s.closeReason as CloseReason] ?? '已关闭'}），请重新打开卷宗。`);
  const idleMinutes = accessSettings(ctx.db).readingIdleMinutes;
  if (ctx.now.getTime() - Date.parse(s.lastSeenAt) > idleMinutes * 60_000) {
    endSession(ctx, s, 'idle');
    throw new CoreError('forbidden', `查阅会话闲置超过 ${idleMinutes} 分钟，已结束。请重新打开卷宗继续查阅。`);
  }
  return s;
}

/**
 * The policy asked again for this page (§4.10.2: a grant holds for a limited time): an expired or
 * revoked grant, a terminal no longer designated, ends the session at the next page.
 */
export function requireStillReadable(ctx: Context, s: ReadingSession): void {
  try {
    requireCaseAccess(ctx, s.caseId, 'view');
  } catch (error) {
    if (error instanceof CoreError && error.code === 'forbidden') endSession(ctx, s, 'refused');
    throw error;
  }
}
