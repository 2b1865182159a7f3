import { randomBytes } from 'node:crypto';
import type { MediumCheckDto } from '../../../contract';
import { getUnit } from '../../access/users';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { signDetached, verifyDetached } from '../../signing/detachedCms';
import { unitTrustAnchors } from '../../signing/store';
import { unitSigner } from '../../signing/unitSigner';
import { recordMediumEvent } from '../history';
import { findMediumByTag, type MediumRow } from '../store';
import { placementOf, readRecordBytes, writeRecordBytes, type Placement } from './placement';
import { decodeFrame, encodeFrame, IDENTITY_FORMAT, parseRecord, type IdentityRecord } from './record';
import { hardwareMismatch } from './hardware';
import { verdictFor } from './verdict';

export { IDENTITY_TRAILER_BYTES } from './record';
export { IDENTITY_FILE_NAME } from './placement';

export type MediumCheck = MediumCheckDto & { medium: MediumRow | null };

/**
 * Recognizes the medium at `device` (DB3206/T 1060 §6.1.3 e: media are used only as registered
 * assets of the unit): reads its identity record, checks the unit's signature, and compares it with
 * the register. `expectTag`: the medium the caller means (wiping, handover); `forUse`: the caller is
 * about to use it, so it must be checked out to them. Never throws for a bad medium — it answers a
 * verdict; it throws only when `device` cannot be read at all.
 */
export function checkMediumAt(ctx: Context, device: string, opts: { expectTag?: string; forUse?: boolean } = {}): MediumCheck {
  const placement = placementOf(device);
  const frame = decodeFrame(readRecordBytes(placement));
  const answer = (verdict: MediumCheckDto['verdict'], message: string, tag: string | null, medium: MediumRow | null = null): MediumCheck => ({ device, verdict, tag, message, medium });
  if (frame.kind === 'none') return answer('unregistered', '该介质上没有本单位的身份记录，是未登记的介质，不得使用。请交信息中心登记并写入身份记录。', null);
  if (frame.kind === 'damaged') return answer('forged', `该介质上的身份记录已损坏或被改动（${frame.reason}），不得使用。请交安全保密员核查。`, null);
  const record = parseRecord(frame.json);
  const signature = verifyDetached(frame.json, frame.signature, unitTrustAnchors(ctx.db));
  if (!record || !signature.isValid) {
    const why = record ? signature.reasons.join('；') : '记录内容不是本系统的身份记录格式';
    return answer('forged', `该介质上的身份记录不是本单位签发的或已被改动（${why}），不得使用。请交安全保密员核查。`, record?.tag ?? null);
  }
  const medium = findMediumByTag(ctx.db, record.tag) ?? null;
  const verdict = verdictFor({ record, medium, placement, expectTag: opts.expectTag, forUse: opts.forUse ?? false, username: ctx.user?.username ?? null });
  return answer(verdict.verdict, verdict.message, record.tag, medium);
}

/** Signs the record for `medium` with the unit certificate and writes it onto `device`; returns it. */
export async function placeIdentityRecord(ctx: Context, medium: Pick<MediumRow, 'tag' | 'kind' | 'classification' | 'serial' | 'capacity_bytes'>, device: string): Promise<IdentityRecord> {
  const placement = placementOf(device);
  refuseOtherHardware(placement, medium);
  const record: IdentityRecord = {
    format: IDENTITY_FORMAT,
    tag: medium.tag,
    kind: medium.kind,
    classification: medium.classification,
    serial: medium.serial,
    capacityBytes: medium.capacity_bytes,
    unit: getUnit(ctx.db)?.compilingUnit ?? '',
    nonce: randomBytes(16).toString('hex'),
    writtenAt: ctx.nowIso,
    writtenBy: ctx.user?.username ?? '',
  };
  const json = Buffer.from(JSON.stringify(record), 'utf8');
  const { signer } = unitSigner(ctx, '写入介质身份记录');
  writeRecordBytes(placement, encodeFrame(json, await signDetached(json, signer)));
  return record;
}

/**
 * Writes (again) the signed identity record onto the registered medium at `device` and keeps its
 * nonce in the register, so any earlier or copied record stops matching (§6.1.3 e). The medium is
 * written first: if the register update then fails, the medium carries a nonce the register does not
 * know and is refused as mismatched — it fails closed.
 */
export async function writeIdentityAt(ctx: Context, medium: MediumRow, device: string): Promise<void> {
  const record = await placeIdentityRecord(ctx, medium, device);
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE media SET identity_nonce = ?, identity_written_at = ? WHERE id = ?').run(record.nonce, record.writtenAt, medium.id);
    recordMediumEvent(ctx.db, medium.id, { at: record.writtenAt, actor: record.writtenBy, action: '写入身份记录', detail: `写入 ${device}` });
  })();
}

/** Writing a medium's identity onto a device whose serial or size say it is another piece of hardware is refused. */
function refuseOtherHardware(p: Placement, medium: Pick<MediumRow, 'tag' | 'serial' | 'capacity_bytes'>): void {
  const mismatch = hardwareMismatch(p, medium);
  if (mismatch) throw new CoreError('conflict', `${mismatch}，不能把 ${medium.tag} 的身份记录写到这里。请核对插入的介质。`, 'device');
}
