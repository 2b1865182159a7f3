import type { GrantState } from '../../contract';
import type { Db } from '../store/db';
import type { AccessGrant } from './policy';

/** An approved request's grant as stored (access_requests, migration 0011). */
export interface GrantRow {
  id: number;
  starts_at: string;
  ends_at: string;
  allow_print: number;
  allow_export: number;
  revoked_at: string | null;
  pledge_accepted_at: string | null;
  decided_at: string;
}

export interface CurrentGrant {
  grant: AccessGrant;
  /** The request whose grant this is; null when there is none. */
  requestId: number | null;
  /** Whether the grantee has accepted the confidentiality pledge (§4.10.3) for it. */
  pledged: boolean;
}

/**
 * Where a grant stands at `at` (ISO, UTC): the one definition of "in force" that the policy
 * wiring (currentGrant) and the borrowing list (GrantDto.state) share, so that the list never shows
 * as active a grant the reading room refuses. The window is half-open: at `ends_at` it has ended.
 */
export function grantStateAt(row: Pick<GrantRow, 'starts_at' | 'ends_at' | 'revoked_at'>, at: string): GrantState {
  if (row.revoked_at) return 'revoked';
  if (at < row.starts_at) return 'not-started';
  return at < row.ends_at ? 'active' : 'expired';
}

/**
 * A person's grant for a case at a moment (DB3206/T 1060 §4.10.2): a grant in force wins; otherwise
 * the most recently decided one says why there is none (revoked, expired); a grant that has not
 * started yet, or no approved request at all, is none.
 */
export function currentGrant(db: Db, username: string, caseId: number, now: Date): CurrentGrant {
  const at = now.toISOString();
  const rows = db
    .prepare(
      `SELECT id, starts_at, ends_at, allow_print, allow_export, revoked_at, pledge_accepted_at, decided_at FROM access_requests
       WHERE case_id = ? AND requested_by = ? AND status = 'approved' ORDER BY decided_at DESC, id DESC`,
    )
    .all(caseId, username) as GrantRow[];
  const inForce = rows.find((r) => grantStateAt(r, at) === 'active');
  if (inForce) return { grant: { status: 'valid', print: inForce.allow_print === 1, export: inForce.allow_export === 1 }, requestId: inForce.id, pledged: Boolean(inForce.pledge_accepted_at) };
  const latest = rows.find((r) => grantStateAt(r, at) !== 'not-started');
  if (!latest) return { grant: { status: 'none' }, requestId: null, pledged: false };
  const status = grantStateAt(latest, at) === 'revoked' ? 'revoked' : 'expired';
  return { grant: { status }, requestId: latest.id, pledged: Boolean(latest.pledge_accepted_at) };
}
