import type { MediumDto, ParsedRequestOf } from '../../../contract';
import { MEDIUM_STATUS_LABELS } from '../../../contract';
import { hasPermission } from '../../access/permissions';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { recordMediumEvent } from '../history';
import { checkMediumAt } from '../identity';
import { getMediumById, getMediumByTag, toMediumDto, type MediumRow } from '../store';
import { getRequestRow, REQUEST_STATUS_LABELS } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

/** With `device`, the medium in hand must be the registered one its tag says, genuine and usable (§6.1.3 e). */
function requireSameMedium(ctx: Context, medium: MediumRow, device: string | undefined): string {
  if (!device) return '';
  const check = checkMediumAt(ctx, device, { expectTag: medium.tag });
  if (check.verdict !== 'ok') throw new CoreError('conflict', `核验介质未通过：${check.message}`, 'device');
  return `，已核验 ${device} 的身份记录`;
}

/**
 * The custodian hands an approved and filed checkout to its asker (§6.1.3 c): the medium becomes
 * 已领用 with them as holder, due back after the days asked; the request is done.
 */
export function handOver(ctx: Context, req: ParsedRequestOf<'media.handover'>): MediumDto {
  const row = getRequestRow(ctx.db, req.requestId);
  const medium = getMediumById(ctx.db, row.medium_id);
  ctx.audit.target = `medium:${medium.tag}`;
  if (row.kind !== 'checkout') throw new CoreError('bad-request', `申请 ${row.id} 是清除申请，不能交付。`, 'requestId');
  if (row.status !== 'approved') throw new CoreError('conflict', `领用申请 ${row.id} ${REQUEST_STATUS_LABELS[row.status]}，须审批完毕并备案后才能交付。`, 'requestId');
  if (medium.status !== 'requested') throw new CoreError('conflict', `${medium.tag} 当前为“${MEDIUM_STATUS_LABELS[medium.status]}”，不能交付。`, 'requestId');
  const checked = requireSameMedium(ctx, medium, req.device);
  const dueAt = new Date(ctx.now.getTime() + (row.days ?? 0) * DAY_MS).toISOString();
  ctx.db.prepare("UPDATE media_requests SET status = 'completed', completed_at = ? WHERE id = ?").run(ctx.nowIso, row.id);
  recordMediumEvent(ctx.db, medium.id, { at: ctx.nowIso, actor: ctx.user!.username, action: '交付', detail: `领用申请 ${row.id}：交付 ${row.requested_by}，应于 ${dueAt} 前归还${checked}`, toStatus: 'checked-out', holder: row.requested_by, dueAt });
  ctx.audit.detail = `交付 ${row.requested_by}（领用申请 ${row.id}），应于 ${dueAt} 前归还${checked}`;
  return toMediumDto(ctx.db, getMediumById(ctx.db, medium.id), ctx.nowIso);
}

/** Checked back in by the custodian or brought back by the holder; with `device`, the medium is checked to be the one lent. */
export function returnMedium(ctx: Context, req: ParsedRequestOf<'media.return'>): MediumDto {
  const medium = getMediumByTag(ctx.db, req.tag);
  ctx.audit.target = `medium:${medium.tag}`;
  const user = ctx.user!;
  if (!hasPermission(user.roles, 'media.manage') && medium.holder !== user.username) {
    throw new CoreError('forbidden', `只有介质保管人或 ${medium.tag} 的领用人可以办理归还。`);
  }
  if (medium.status !== 'checked-out') throw new CoreError('conflict', `${medium.tag} 当前为“${MEDIUM_STATUS_LABELS[medium.status]}”，不是已领用的介质，无需归还。`, 'tag');
  const checked = requireSameMedium(ctx, medium, req.device);
  const late = medium.due_at !== null && medium.due_at < ctx.nowIso ? `（逾期，应于 ${medium.due_at} 前归还）` : '';
  recordMediumEvent(ctx.db, medium.id, { at: ctx.nowIso, actor: user.username, action: '归还', detail: [`${medium.holder} 归还${late}${checked}`, req.note].filter(Boolean).join('；'), toStatus: 'in-stock' });
  ctx.audit.detail = `${medium.holder} 归还${late}${checked}`;
  return toMediumDto(ctx.db, getMediumById(ctx.db, medium.id), ctx.nowIso);
}
