import type { MediumCheckVerdict, MediumStatus } from '../../../contract';
import { MEDIUM_STATUS_LABELS } from '../../../contract';
import type { MediumRow } from '../store';
import type { Placement } from './placement';
import type { IdentityRecord } from './record';
import { hardwareMismatch } from './hardware';

/** Statuses in which a medium may be used at all; the others are out of circulation (§6.1.3 a, d). */
const USABLE: readonly MediumStatus[] = ['in-stock', 'requested', 'checked-out'];

/**
 * The verdict for a genuine (validly signed) record against the register, in order of what matters
 * most: not ours to know, another medium than meant, out of circulation, not in the caller's hands.
 */
export function verdictFor(i: { record: IdentityRecord; medium: MediumRow | null; placement: Placement; expectTag?: string; forUse: boolean; username: string | null }): { verdict: MediumCheckVerdict; message: string } {
  const { record, medium } = i;
  if (!medium) return { verdict: 'unregistered', message: `介质自称 ${record.tag}，但台账中没有该资产编号，不得使用。请交信息中心核查登记。` };
  if (i.expectTag && i.expectTag.toUpperCase() !== medium.tag) {
    return { verdict: 'mismatch', message: `插入的是 ${medium.tag}，不是要操作的 ${i.expectTag.toUpperCase()}。请核对介质标签后重新插入。` };
  }
  if (medium.identity_nonce !== record.nonce) {
    return { verdict: 'mismatch', message: `介质上的 ${medium.tag} 身份记录不是台账中最近写入的那一份（可能是复制的或旧的记录），不得使用。请交信息中心核查并重新写入身份记录。` };
  }
  const hardware = hardwareMismatch(i.placement, medium);
  if (hardware) return { verdict: 'mismatch', message: `${hardware}，身份记录与硬件不符，不得使用。请交安全保密员核查。` };
  if (!USABLE.includes(medium.status)) {
    return { verdict: 'not-usable', message: `${medium.tag} 在台账中的状态为“${MEDIUM_STATUS_LABELS[medium.status]}”，不得使用。` };
  }
  if (i.forUse && (medium.status !== 'checked-out' || medium.holder !== i.username)) {
    const who = medium.status === 'checked-out' ? `已领用给 ${medium.holder}` : '尚未领用给任何人';
    return { verdict: 'not-checked-out', message: `${medium.tag} ${who}，不是领用给您的介质，不得使用。请先办理领用手续。` };
  }
  return { verdict: 'ok', message: `${medium.tag} 是本单位已登记的介质，身份记录有效${i.forUse ? '，且已领用给您' : ''}。` };
}
