import type { AccessRequestDto, AccessRequestStatus, GrantDto } from '../../../contract';
import { caseArchivalCode } from '../../dossier/store';
import { CoreError } from '../../errors';
import type { Db } from '../../store/db';
import { grantStateAt } from '../grants';

/** One borrowing request with its grant (access_requests, migration 0011) and what the DTO shows of its case. */
export interface RequestRow {
  id: number;
  case_id: number;
  requested_by: string;
  requested_at: string;
  terminal_id: string;
  purpose: string;
  days: number;
  want_print: number;
  want_export: number;
  renews: number | null;
  status: AccessRequestStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string;
  starts_at: string | null;
  ends_at: string | null;
  allow_print: number | null;
  allow_export: number | null;
  renewals: number;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string;
  pledge_accepted_at: string | null;
  pledge_terminal_id: string | null;
  pledge_version: string | null;
  case_number: string;
  cause: string;
  requested_by_name: string | null;
}

/** The request, its case and the asker's name, in one row. */
const SELECT = `
  SELECT r.*, c.case_number, c.cause, u.display_name AS requested_by_name
  FROM access_requests r
  JOIN cases c ON c.id = r.case_id
  LEFT JOIN users u ON u.username = r.requested_by`;

/** A request by the id the DTO carries; a malformed id is as unknown as a missing one. */
export function getRequestRow(db: Db, requestId: string, field = 'requestId'): RequestRow {
  const id = /^\d{1,15}$/.test(requestId) ? Number(requestId) : NaN;
  const row = Number.isSafeInteger(id) ? (db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RequestRow | undefined) : undefined;
  if (!row) throw new CoreError('not-found', `借阅申请 ${requestId} 不存在。请刷新借阅申请列表后重试。`, field);
  return row;
}

export type ListScope = 'mine' | 'pending' | 'overdue' | 'all';

/**
 * Requests newest first. `overdue`: approved grants past their end and not revoked (逾期), which the
 * archive department follows up or revokes; the same test as grantStateAt's `expired`.
 */
export function listRequestRows(db: Db, q: { scope: ListScope; username: string; caseNumber: string; nowIso: string }): RequestRow[] {
  const where: string[] = [];
  if (q.scope === 'mine') where.push('r.requested_by = @username');
  if (q.scope === 'pending') where.push("r.status = 'pending'");
  if (q.scope === 'overdue') where.push("r.status = 'approved' AND r.revoked_at IS NULL AND r.ends_at <= @now");
  if (q.caseNumber) where.push('c.case_number = @caseNumber');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return db.prepare(`${SELECT} ${clause} ORDER BY r.requested_at DESC, r.id DESC`).all({ username: q.username, caseNumber: q.caseNumber, now: q.nowIso }) as RequestRow[];
}

export function toRequestDto(db: Db, row: RequestRow, nowIso: string): AccessRequestDto {
  return {
    id: String(row.id),
    caseId: String(row.case_id),
    caseNumber: row.case_number,
    cause: row.cause,
    archivalCode: caseArchivalCode(db, row.case_id),
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name ?? row.requested_by,
    requestedAt: row.requested_at,
    terminalId: row.terminal_id,
    purpose: row.purpose,
    days: row.days,
    wantPrint: row.want_print === 1,
    wantExport: row.want_export === 1,
    renews: row.renews === null ? null : String(row.renews),
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    grant: grantOf(row, nowIso),
  };
}

/** The grant as it stands at `nowIso`: state and overdue are computed, never stored. */
function grantOf(row: RequestRow, nowIso: string): GrantDto | null {
  if (row.status !== 'approved' || !row.starts_at || !row.ends_at) return null;
  const state = grantStateAt({ starts_at: row.starts_at, ends_at: row.ends_at, revoked_at: row.revoked_at }, nowIso);
  return {
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    print: row.allow_print === 1,
    export: row.allow_export === 1,
    state,
    overdue: state === 'expired',
    renewals: row.renewals,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    revokeReason: row.revoke_reason,
    pledge: row.pledge_accepted_at ? { acceptedAt: row.pledge_accepted_at, terminalId: row.pledge_terminal_id ?? '', version: row.pledge_version ?? '' } : null,
  };
}
