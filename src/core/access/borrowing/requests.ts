import type { ParsedRequestOf } from '../../../contract';
import { getCaseRow } from '../../cases/caseStore';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { isDesignatedTerminal } from '../../terminals/register';
import { grantStateAt } from '../grants';
import { getRequestRow, type RequestRow } from './store';

/** What the log says of a request: purpose, period and what beyond viewing is asked (§4.10.2 限定时间、用途). */
export function describeAsk(purpose: string, days: number, print: boolean, wantExport: boolean): string {
  const extras = [print ? '打印' : '', wantExport ? '导出' : ''].filter(Boolean).join('、') || '仅查阅';
  return `借阅目的：${purpose}；期限 ${days} 天；${extras}`;
}

/**
 * A reader asks to read an archived dossier (DB3206/T 1060 §4.10.2): only at a terminal the security
 * administrator designated, only for an archived case, one pending request per person and case.
 */
export function createRequest(ctx: Context, req: ParsedRequestOf<'access.request'>): number {
  const user = ctx.user!;
  const caseRow = getCaseRow(ctx.db, req);
  ctx.audit.target = `case:${caseRow.case_number}`;
  ctx.audit.detail = describeAsk(req.purpose, req.days, req.print, req.export);
  if (!isDesignatedTerminal(ctx.db, ctx.terminal.id, ctx.terminal.fingerprint)) {
    throw new CoreError('forbidden', `借阅已归档卷宗须在档案管理部门指定的查阅终端上申请和查阅（DB3206/T 1060 §4.10.2）。本终端（${ctx.terminal.id}）不是指定查阅终端，请到指定终端上办理。`);
  }
  if (caseRow.state !== '已归档') {
    throw new CoreError(
      'bad-request',
      `案件“${caseRow.case_number}”尚未归档（${caseRow.state}），无需借阅申请：归档前由承办部门和本案授权人员按规定查阅（§4.10.1），请联系承办部门。`,
      'caseNumber',
    );
  }
  const pending = ctx.db.prepare("SELECT id FROM access_requests WHERE case_id = ? AND requested_by = ? AND status = 'pending'").get(caseRow.id, user.username) as { id: number } | undefined;
  if (pending) {
    throw new CoreError('conflict', `您对案件“${caseRow.case_number}”已有一份待审批的借阅申请（编号 ${pending.id}），请等待审批，或先撤回该申请再重新申请。`);
  }
  if (req.renews) checkRenewed(ctx, getRequestRow(ctx.db, req.renews, 'renews'), caseRow.id);
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO access_requests (case_id, requested_by, requested_at, terminal_id, purpose, days, want_print, want_export, renews)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(caseRow.id, user.username, ctx.nowIso, ctx.terminal.id, req.purpose, req.days, req.print ? 1 : 0, req.export ? 1 : 0, req.renews ? Number(req.renews) : null);
  if (req.renews) ctx.audit.detail += `；续借申请 ${req.renews}`;
  return Number(lastInsertRowid);
}

/** 申请续借 continues one's own grant for the same case; a revoked grant is not continued but asked for anew. */
function checkRenewed(ctx: Context, renewed: RequestRow, caseId: number): void {
  if (renewed.requested_by !== ctx.user!.username || renewed.case_id !== caseId) {
    throw new CoreError('bad-request', `续借只能针对您本人对同一案件的借阅申请；申请 ${renewed.id} 不是。请核对原借阅申请编号。`, 'renews');
  }
  if (renewed.status !== 'approved') {
    throw new CoreError('bad-request', `原借阅申请 ${renewed.id} 未获批准，没有可续借的授权。请直接提出新的借阅申请（不填续借）。`, 'renews');
  }
  if (grantStateAt({ starts_at: renewed.starts_at!, ends_at: renewed.ends_at!, revoked_at: renewed.revoked_at }, ctx.nowIso) === 'revoked') {
    throw new CoreError('bad-request', `原借阅授权 ${renewed.id} 已被档案管理部门撤销，不能续借。如仍需查阅，请提出新的借阅申请（不填续借）。`, 'renews');
  }
}

/** The asker takes back a request nobody has decided yet. */
export function withdrawRequest(ctx: Context, row: RequestRow): void {
  if (row.requested_by !== ctx.user!.username) throw new CoreError('forbidden', '只能撤回本人提出的借阅申请。');
  if (row.status !== 'pending') throw new CoreError('conflict', `该借阅申请已${STATUS_LABELS[row.status]}，不能撤回。请刷新列表查看其当前状态。`);
  ctx.db
    .prepare("UPDATE access_requests SET status = 'withdrawn', decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'")
    .run(ctx.user!.username, ctx.nowIso, row.id);
  ctx.audit.detail = `撤回借阅申请 ${row.id}`;
}

export const STATUS_LABELS: Record<RequestRow['status'], string> = {
  pending: '待审批',
  approved: '批准',
  rejected: '不予批准',
  withdrawn: '撤回',
};
