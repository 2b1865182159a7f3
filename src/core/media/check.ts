import type { MediumCheckDto } from '../../contract';
import { hasPermission } from '../access/permissions';
import { appendAudit } from '../audit/log';
import type { Context } from '../context';
import { checkMediumAt } from './identity';

/**
 * `media.check` (§6.1.3 e): every verdict is logged, a bad one as a refusal (outcome denied). A
 * thrown CoreError would be logged as denied but would lose the verdict the caller needs to show,
 * so the method is a `read` (which the pipeline logs only when it throws) and writes its own entry,
 * in the call's transaction, with the outcome the verdict deserves. Custodians (media.manage) check
 * media in their keeping, in stock; anyone else checks a medium they are about to use, which must be
 * checked out to them.
 */
export function checkMedium(ctx: Context, device: string): MediumCheckDto {
  const forUse = !hasPermission(ctx.user!.roles, 'media.manage');
  const { medium, ...check } = checkMediumAt(ctx, device, { forUse });
  appendAudit(ctx.db, {
    at: ctx.nowIso,
    actor: ctx.user!.username,
    action: 'media.check',
    target: medium ? `medium:${medium.tag}` : check.tag ? `medium:${check.tag}` : `device:${device}`,
    terminalId: ctx.terminalId,
    channel: ctx.caller.channel,
    outcome: check.verdict === 'ok' ? 'ok' : 'denied',
    detail: `${check.verdict}：${check.message}`,
  });
  return check;
}
