import type { ParsedRequestOf } from '../../../contract';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { askCaseAccess } from '../caseAccess';
import { grantStateAt } from '../grants';
import { STATUS_LABELS } from './requests';
import type { RequestRow } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The archive department decides (DB3206/T 1060 §4.10.2), through the one policy: an archivist, on an
 * archived case, and never on their own request (三员分立, issue 5 item 6) unless `ownAllowed`.
 */
function requireDecider(ctx: Context, row: RequestRow, ownAllowed = false): void {
  const answer = askCaseAccess(ctx, row.case_id, 'approve', undefined, ownAllowed ? undefined : row.requested_by);
  if (!answer.decision.allow) throw new CoreError('forbidden', `借阅申请 ${row.id}（案件“${row.case_number}”）：${answer.decision.reason}`);
}

function requirePending(row: RequestRow, what: string): void {
  if (row.status !== 'pending') throw new CoreError('conflict', `借阅申请 ${row.id} 已${STATUS_LABELS[row.status]}，不能再${what}。请刷新列表查看其当前状态。`);
}

/** A grant in the store that has not been revoked: the only kind that can be renewed or revoked. */
function requireUnrevokedGrant(row: RequestRow, what: string): { starts_at: string; ends_at: string } {
  if (row.status !== 'approved' || !row.starts_at || !row.ends_at) {
    throw new CoreError('conflict', `借阅申请 ${row.id} 未获批准（${STATUS_LABELS[row.status]}），没有可${what}的借阅授权。`);
  }
  if (row.revoked_at) throw new CoreError('conflict', `借阅申请 ${row.id} 的授权已于 ${row.revoked_at} 撤销，不能再${what}。如仍需查阅，请由借阅人重新申请。`);
  return { starts_at: row.starts_at, ends_at: row.ends_at };
}

/**
 * Approval: the window starts now and runs the days granted; the archive department may shorten it
 * and leave out print or export, never give more than was asked (§4.10.2 限定时间、范围).
 */
export function approveRequest(ctx: Context, row: RequestRow, req: ParsedRequestOf<'access.approve'>): void {
  requirePending(row, '审批');
  requireDecider(ctx, row);
  const days = req.days ?? row.days;
  if (days > row.days) throw new CoreError('bad-request', `批准的借阅天数（${days} 天）不能超过申请的 ${row.days} 天；如需更长，请借阅人另行申请。`, 'days');
  if (req.print === true && row.want_print !== 1) throw new CoreError('bad-request', '申请中未要求打印，审批时不能增加打印权限；如需打印，请借阅人重新申请。', 'print');
  if (req.export === true && row.want_export !== 1) throw new CoreError('bad-request', '申请中未要求导出，审批时不能增加导出权限；如需导出，请借阅人重新申请。', 'export');
  const print = req.print ?? row.want_print === 1;
  const exportAllowed = req.export ?? row.want_export === 1;
  const endsAt = new Date(ctx.now.getTime() + days * DAY_MS).toISOString();
  ctx.db
    .prepare(
      `UPDATE access_requests SET status = 'approved', decided_by = ?, decided_at = ?, decision_note = ?,
         starts_at = ?, ends_at = ?, allow_print = ?, allow_export = ? WHERE id = ? AND status = 'pending'`,
    )
    .run(ctx.user!.username, ctx.nowIso, req.note, ctx.nowIso, endsAt, print ? 1 : 0, exportAllowed ? 1 : 0, row.id);
  const extras = [print ? '打印' : '', exportAllowed ? '导出' : ''].filter(Boolean).join('、') || '仅查阅';
  ctx.audit.detail = [`批准借阅申请 ${row.id}（借阅人 ${row.requested_by}）：${days} 天，至 ${endsAt}；${extras}`, req.note].filter(Boolean).join('；');
}

export function rejectRequest(ctx: Context, row: RequestRow, reason: string): void {
  requirePending(row, '审批');
  requireDecider(ctx, row);
  ctx.db
    .prepare("UPDATE access_requests SET status = 'rejected', decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND status = 'pending'")
    .run(ctx.user!.username, ctx.nowIso, reason, row.id);
  ctx.audit.detail = `不予批准借阅申请 ${row.id}（借阅人 ${row.requested_by}）：${reason}`;
}

/**
 * Revoking ends a grant at once, also one that has run out (which takes it off the overdue list).
 * It only takes access away, so the rule against deciding one's own request does not apply.
 */
export function revokeGrant(ctx: Context, row: RequestRow, reason: string): void {
  requireUnrevokedGrant(row, '撤销');
  requireDecider(ctx, row, true);
  ctx.db.prepare('UPDATE access_requests SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL').run(ctx.nowIso, ctx.user!.username, reason, row.id);
  ctx.audit.detail = `撤销借阅授权 ${row.id}（借阅人 ${row.requested_by}）：${reason}`;
}

/** Renewal extends the grant from its end, or from now if it has already ended, so no day is granted twice. */
export function renewGrant(ctx: Context, row: RequestRow, days: number): void {
  const grant = requireUnrevokedGrant(row, '续借');
  requireDecider(ctx, row);
  const from = Math.max(Date.parse(grant.ends_at), ctx.now.getTime());
  const endsAt = new Date(from + days * DAY_MS).toISOString();
  const wasExpired = grantStateAt({ ...grant, revoked_at: null }, ctx.nowIso) === 'expired';
  ctx.db.prepare('UPDATE access_requests SET ends_at = ?, renewals = renewals + 1 WHERE id = ?').run(endsAt, row.id);
  ctx.audit.detail = `续借授权 ${row.id}（借阅人 ${row.requested_by}）：延长 ${days} 天，${wasExpired ? '自今日起' : `自原到期时间 ${grant.ends_at} 起`}，至 ${endsAt}`;
}
