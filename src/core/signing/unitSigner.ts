import type { Context } from '../context';
import { CoreError } from '../errors';
import { getUnit } from '../access/users';
import { openSigner, openSignerAsync } from '../pdf/sign';
import { currentStoredIdentity } from './store';

/**
 * The unit's current certificate with its key unsealed, or a Chinese reason why it cannot sign;
 * `what` names the work that needs it (生成签章 PDF, 签署审计检查点 …).
 */
export function unitSigner(ctx: Context, what = '签名') {
  const { identity, protector } = signingParts(ctx, what);
  try {
    return { identity, signer: openSigner(identity, protector, identity.chainDer), unit: getUnit(ctx.db)! };
  } catch (error) {
    throw new CoreError('bad-request', (error as Error).message);
  }
}

/**
 * The same, with the key unsealed off the main thread (a passphrase's scrypt runs in libuv's pool),
 * so that a conversion loads its PDF writer meanwhile (decision 0017).
 */
export async function unitSignerAsync(ctx: Context, what = '签名'): Promise<ReturnType<typeof unitSigner>> {
  const { identity, protector } = signingParts(ctx, what);
  try {
    return { identity, signer: await openSignerAsync(identity, protector, identity.chainDer), unit: getUnit(ctx.db)! };
  } catch (error) {
    throw new CoreError('bad-request', (error as Error).message);
  }
}

function signingParts(ctx: Context, what: string) {
  const identity = currentStoredIdentity(ctx.db);
  if (!identity) throw new CoreError('bad-request', `本单位还没有签章证书，不能${what}。请由系统管理员创建或导入证书。`);
  if (!ctx.keyProtector) throw new CoreError('bad-request', '无法使用签章私钥：请提供私钥保护口令（命令行用 DOSSIER_KEY_PASSPHRASE）。');
  return { identity, protector: ctx.keyProtector };
}
