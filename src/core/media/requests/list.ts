import type { MediaRequestDto, ParsedRequestOf } from '../../../contract';
import { hasPermission } from '../../access/permissions';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { toRequestDto, type RequestRow } from './store';

/**
 * `mine`: asked by the caller; `actionable`: pending with a step the caller may take; `all`: the
 * whole list, for those who keep or approve media. Newest first.
 */
export function listRequests(ctx: Context, req: ParsedRequestOf<'media.requests'>): MediaRequestDto[] {
  const user = ctx.user!;
  if (req.scope === 'all' && !hasPermission(user.roles, 'media.manage') && !hasPermission(user.roles, 'media.approve') && !hasPermission(user.roles, 'media.wipe')) {
    throw new CoreError('forbidden', '全部介质申请只有保管、审批或清除介质的人员可以查看；您可以查看本人的申请或待您审批的申请。');
  }
  const where: string[] = [];
  const args: unknown[] = [];
  if (req.scope === 'mine') {
    where.push('r.requested_by = ?');
    args.push(user.username);
  }
  if (req.scope === 'actionable') where.push("r.status = 'pending'");
  if (req.kind) {
    where.push('r.kind = ?');
    args.push(req.kind);
  }
  if (req.tag) {
    where.push('m.tag = ?');
    args.push(req.tag);
  }
  const rows = ctx.db
    .prepare(`SELECT r.* FROM media_requests r JOIN media m ON m.id = r.medium_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id DESC`)
    .all(...args) as RequestRow[];
  const dtos = rows.map((row) => toRequestDto(ctx.db, row, user));
  return req.scope === 'actionable' ? dtos.filter((d) => d.canAct) : dtos;
}
