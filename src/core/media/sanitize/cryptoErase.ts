import type { ParsedRequestOf, WipeResultDto } from '../../../contract';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { recordMediumEvent } from '../history';
import { getMediumByTag } from '../store';
import { certify } from './certificate';
import { destroyMediumKey, truncateWal } from './contentKey';
import { checkWitness, requireApprovedWipe } from './preconditions';

/** What crypto erase leaves, said on the certificate (NIST SP 800-88 Rev. 1 §2.6, App. D). */
export const CRYPTO_ERASE_LIMITS = [
  '只对本软件以该介质密钥加密写入的文件有效：介质上其他方式写入的明文不受影响。',
  '密文仍留在介质上，但没有密钥无法解开；数据库中该密钥已覆写并在 secure_delete 下删除，随后以 TRUNCATE 方式检查点清空 WAL。销毁前做的数据库备份中仍有封存的密钥，须按备份管理规定一并处置。',
];

/**
 * Cryptographic erase: destroys the medium's content key (issue 6 item 5). Not a sync handler: the
 * WAL can only be checkpointed and truncated after the transaction that deleted the key commits.
 */
export async function cryptoErase(ctx: Context, req: ParsedRequestOf<'media.cryptoErase'>): Promise<WipeResultDto> {
  const medium = getMediumByTag(ctx.db, req.tag);
  ctx.audit.target = `medium:${medium.tag}`;
  const request = requireApprovedWipe(ctx, medium, ['awaiting-wipe', 'awaiting-destruction']);
  const witness = checkWitness(ctx, req.witness, req.witnessPassword);
  const key = ctx.db.prepare('SELECT key_id FROM media_keys WHERE medium_id = ?').get(medium.id) as { key_id: string } | undefined;
  if (!key) throw new CoreError('bad-request', `${medium.tag} 上没有本软件加密写入的数据（没有介质密钥），密码擦除不适用。请改用全盘覆写。`, 'tag');
  const verification = `介质密钥 ${key.key_id} 已覆写并删除（secure_delete），数据库中不再有任何可解开该介质文件的密钥；WAL 已检查点并截断。`;
  const input = { medium, method: 'crypto-erase' as const, verification, performedBy: { username: ctx.user!.username, displayName: ctx.user!.displayName }, witness, destination: request.destination, limits: CRYPTO_ERASE_LIMITS };
  const result = await certify(ctx, input, null, (certificate): WipeResultDto => {
    const destroyed = destroyMediumKey(ctx, medium.id);
    if (!destroyed) throw new CoreError('conflict', `${medium.tag} 的介质密钥已被销毁，请刷新后查看。`);
    ctx.db.prepare("UPDATE media_requests SET status = 'completed', completed_at = ? WHERE id = ?").run(ctx.nowIso, request.id);
    recordMediumEvent(ctx.db, medium.id, {
      at: ctx.nowIso,
      actor: ctx.user!.username,
      action: '密码擦除',
      detail: `销毁介质密钥 ${destroyed.keyId}，复核人 ${witness.displayName}，证明 ${certificate.number}`,
      toStatus: medium.status === 'awaiting-destruction' ? 'awaiting-destruction' : 'wiped',
    });
    return { wipeId: certificate.id, tag: medium.tag, method: 'crypto-erase', bytes: 0, passes: 0, verification: 'none', isVerified: true, verificationDetail: verification, resumedFromBytes: null, certificate };
  });
  const wal = truncateWal(ctx);
  ctx.audit.detail = `销毁介质密钥，复核人 ${witness.username}，证明 ${result.certificate.number}${wal.busy ? '；WAL 因有读者未能立即截断，将在下次检查点清空' : ''}`;
  return result;
}
