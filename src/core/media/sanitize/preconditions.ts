import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { findUserByName } from '../../access/users';
import { verifyPassword } from '../../access/passwords';
import type { MediumRow } from '../store';

/**
 * The second person of NIST SP 800-88 Rev. 1 Appendix G ("validated by"), present at the terminal:
 * another active person who confirms with their own password. A wrong password is a refusal, which
 * the pipeline logs as denied like any other.
 */
export function checkWitness(ctx: Context, witness: string, password: string): { username: string; displayName: string } {
  const row = findUserByName(ctx.db, witness.trim());
  const refuse = (message: string, field = 'witness') => new CoreError('forbidden', message, field);
  if (!row || row.is_active !== 1) throw refuse(`复核人“${witness}”不是本系统的在用人员。请由另一名在用人员到场复核。`);
  if (row.username === ctx.user!.username) throw refuse('复核人不能是操作人本人：须由另一人到场复核（两人在场）。');
  if (row.locked_until !== null && row.locked_until > ctx.nowIso) throw refuse(`复核人“${witness}”的账号已被锁定，不能复核。`);
  if (!verifyPassword(password, row.password_hash)) throw refuse(`复核人“${witness}”的登录密码不正确，操作未执行。`, 'witnessPassword');
  return { username: row.username, displayName: row.display_name };
}

export interface ApprovedRequest {
  id: number;
  destination: 'reuse' | 'retire' | 'third-party' | 'destruction';
}

export function approvedWipeRequest(ctx: Context, mediumId: number): ApprovedRequest | undefined {
  const row = ctx.db.prepare("SELECT id, destination FROM media_requests WHERE medium_id = ? AND kind = 'wipe' AND status = 'approved' ORDER BY id DESC LIMIT 1").get(mediumId) as
    | { id: number; destination: ApprovedRequest['destination'] | null }
    | undefined;
  return row ? { id: row.id, destination: row.destination ?? 'reuse' } : undefined;
}

/** Sanitizing needs an approved wipe request (§6.1.3 d: 经审批) and the medium out of circulation for it. */
export function requireApprovedWipe(ctx: Context, medium: MediumRow, statuses: readonly MediumRow['status'][]): ApprovedRequest {
  const request = approvedWipeRequest(ctx, medium.id);
  if (!request) throw new CoreError('bad-request', `${medium.tag} 没有已批准的清除申请，不能清除。请先提交清除申请并经审批。`, 'tag');
  if (!statuses.includes(medium.status)) throw new CoreError('bad-request', `${medium.tag} 的状态不是待清除/待销毁，不能清除。请核对台账。`, 'tag');
  return request;
}
