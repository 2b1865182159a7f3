import type { ChainStepDto, MediaRequestKind, ParsedRequestOf } from '../../../contract';
import { MEDIUM_STATUS_LABELS, WIPE_DESTINATION_LABELS } from '../../../contract';
import { hasPermission } from '../../access/permissions';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { recordMediumEvent } from '../history';
import { mediaSettings } from '../settings';
import { getMediumByTag, type MediumRow } from '../store';

/**
 * Opens a request with the unit's chain as it stands now, copied into its steps: a later change of
 * the chain does not move requests already under way (migration 0012).
 */
function openRequest(ctx: Context, medium: MediumRow, kind: MediaRequestKind, fields: { purpose: string; days: number | null; destination: string | null }, chain: readonly ChainStepDto[]): number {
  const clash = ctx.db.prepare("SELECT id FROM media_requests WHERE medium_id = ? AND kind = ? AND status IN ('pending', 'approved')").get(medium.id, kind) as { id: number } | undefined;
  if (clash) throw new CoreError('conflict', `${medium.tag} 已有未办结的${kind === 'checkout' ? '领用' : '清除'}申请（编号 ${clash.id}），请等待其办结或先撤回。`, 'tag');
  const id = Number(
    ctx.db
      .prepare('INSERT INTO media_requests (medium_id, kind, requested_by, requested_at, purpose, days, destination) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(medium.id, kind, ctx.user!.username, ctx.nowIso, fields.purpose, fields.days, fields.destination).lastInsertRowid,
  );
  const insertStep = ctx.db.prepare('INSERT INTO media_request_steps (request_id, step, role, label) VALUES (?, ?, ?, ?)');
  chain.forEach((step, i) => insertStep.run(id, i, step.role, step.label));
  return id;
}

/** §6.1.3 c: a checkout is asked for an in-stock medium, which is then 申领中 until handed over or refused. */
export function requestCheckout(ctx: Context, req: ParsedRequestOf<'media.checkout'>): number {
  const medium = getMediumByTag(ctx.db, req.tag);
  ctx.audit.target = `medium:${medium.tag}`;
  if (medium.status !== 'in-stock') throw new CoreError('conflict', `${medium.tag} 当前为“${MEDIUM_STATUS_LABELS[medium.status]}”，只有在库的介质可以申领。`, 'tag');
  const wipe = ctx.db.prepare("SELECT id FROM media_requests WHERE medium_id = ? AND kind = 'wipe' AND status IN ('pending', 'approved')").get(medium.id) as { id: number } | undefined;
  if (wipe) throw new CoreError('conflict', `${medium.tag} 有未办结的清除申请（编号 ${wipe.id}），清除前不能申领。`, 'tag');
  const id = openRequest(ctx, medium, 'checkout', { purpose: req.purpose, days: req.days, destination: null }, mediaSettings(ctx.db).checkoutChain);
  recordMediumEvent(ctx.db, medium.id, { at: ctx.nowIso, actor: ctx.user!.username, action: '领用申请', detail: `申请 ${id}：${req.purpose}，${req.days} 天`, toStatus: 'requested' });
  ctx.audit.detail = `领用申请 ${id}：${req.purpose}，${req.days} 天`;
  return id;
}

/**
 * A wipe is asked for by the security officer or the custodian (media.wipe, media.manage), or by the
 * holder of a checked-out medium; the medium stays where it is until the chain approves (§6.1.3 d).
 */
export function requestWipe(ctx: Context, req: ParsedRequestOf<'media.wipeRequest'>): number {
  const medium = getMediumByTag(ctx.db, req.tag);
  ctx.audit.target = `medium:${medium.tag}`;
  const user = ctx.user!;
  const isHolder = medium.status === 'checked-out' && medium.holder === user.username;
  if (!isHolder && !hasPermission(user.roles, 'media.wipe') && !hasPermission(user.roles, 'media.manage')) {
    throw new CoreError('forbidden', '只有信息安全员、介质保管人或该介质的领用人可以申请清除。');
  }
  if (!['in-stock', 'checked-out', 'wiped'].includes(medium.status)) {
    throw new CoreError('conflict', `${medium.tag} 当前为“${MEDIUM_STATUS_LABELS[medium.status]}”，不能申请清除。`, 'tag');
  }
  const id = openRequest(ctx, medium, 'wipe', { purpose: req.reason, days: null, destination: req.destination }, mediaSettings(ctx.db).wipeChain);
  recordMediumEvent(ctx.db, medium.id, { at: ctx.nowIso, actor: user.username, action: '清除申请', detail: `申请 ${id}：${req.reason}（${WIPE_DESTINATION_LABELS[req.destination]}）` });
  ctx.audit.detail = `清除申请 ${id}：${req.reason}（${WIPE_DESTINATION_LABELS[req.destination]}）`;
  return id;
}
