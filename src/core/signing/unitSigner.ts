import type { Context } from '../context';
import { CoreError } from '../errors';
import { getUnit } from '../access/users';
import { openSigner } from '../pdf/sign';
import { currentStoredIdentity } from './store';

/**
 * The unit's current certificate with its key unsealed, or a Chinese reason why it cannot sign;
 * `what` names the work that needs it (生成签章 PDF, 签署审计检查点 …).
 */
export function unitSigner(ctx: Context, what = '签名') {
  const identity = currentStoredIdentity(ctx.db);
  if (!identity) throw new CoreError('bad-request', `本单位还没有签章证书，不能${what}。请由系统管理员创建或导入证书。`);
  if (!ctx.keyProtector) throw new CoreError('bad-request', '无法使用签章私钥：请提供私钥保护口令（命令行用 DOSSIER_KEY_PASSPHRASE）。');
  try {
    return { identity, signer: openSigner(identity, ctx.keyProtector, identity.chainDer), unit: getUnit(ctx.db)! };
  } catch (error) {
    throw new CoreError('bad-request', (error as Error).message);
  }
}
