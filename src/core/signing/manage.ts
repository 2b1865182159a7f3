import type { Context, Handlers } from '../context';
import { CoreError } from '../errors';
import { hasPermission } from '../access/permissions';
import { getUnit } from '../access/users';
import { createUnitIdentitySync, importPkcs12, KeyProtectionError, Pkcs12ImportError, type KeyProtector, type SigningIdentityRecord } from '../pdf/sign';
import { signingStatus } from './status';
import { addCurrentIdentity, currentStoredIdentity, hasIdentity, toCertificateInfo, type StoredIdentity } from './store';

type ManageMethods = 'signing.importPkcs12' | 'signing.rotate' | 'signing.unlock';

/**
 * Changing the unit's signing identity (issue 3 item 1): a CA-issued PKCS#12 or a new self-issued
 * certificate becomes current; earlier certificates stay as trust anchors, so files they signed keep
 * verifying (DB3206/T 1060 §6.2.2 d). Each is one transaction together with its audit entry.
 */
export const signingManageHandlers: Pick<Handlers, ManageMethods> = {
  'signing.importPkcs12': {
    kind: 'change',
    access: 'people.manage',
    run: (ctx, req) => {
      const protector = protectorForNewKey(ctx);
      let imported;
      try {
        imported = importPkcs12(Buffer.from(req.pkcs12Base64, 'base64'), req.password, protector, { now: ctx.now });
      } catch (error) {
        if (error instanceof Pkcs12ImportError) {
          throw new CoreError('bad-request', error.message, error.reason === 'wrong-password' ? 'password' : 'pkcs12Base64');
        }
        throw sealingFailure(error);
      }
      return makeCurrent(ctx, protector, imported.identity, imported.chainDer, '导入');
    },
  },

  'signing.rotate': {
    kind: 'change',
    access: 'people.manage',
    run: (ctx) => {
      const protector = protectorForNewKey(ctx);
      const unit = getUnit(ctx.db)!;
      let identity: SigningIdentityRecord;
      try {
        identity = createUnitIdentitySync({ unitName: unit.compilingUnit, keyBits: ctx.signingKeyBits, now: ctx.now }, protector);
      } catch (error) {
        throw sealingFailure(error);
      }
      return makeCurrent(ctx, protector, identity, [], '更换');
    },
  },

  /**
   * On a machine without an OS key store the passphrase lives only in memory, so after a restart
   * it is asked again. A wrong one is refused (and logged as refused), never kept. Without any
   * certificate yet, the passphrase is the one the first certificate will be sealed with.
   */
  'signing.unlock': {
    kind: 'change',
    access: 'signed-in',
    run: (ctx, req) => {
      const roles = ctx.user!.roles;
      if (!hasPermission(roles, 'records.write') && !hasPermission(roles, 'people.manage')) {
        throw new CoreError('forbidden', '解锁签章私钥需要“登记文书”或“管理人员”的权限。如需办理，请联系系统管理员。');
      }
      const current = currentStoredIdentity(ctx.db);
      if (current?.protection === 'os') {
        throw new CoreError(
          'bad-request',
          '本单位当前的签章私钥由操作系统密钥库保护，不能用口令解锁；它只能在创建它的电脑和 Windows 账户中使用。请在那台电脑上签章，或由系统管理员导入新证书。',
        );
      }
      ctx.audit.target = current ? `certificate:${current.fingerprint.slice(0, 16)}` : 'certificate:（尚无）';
      let protector: KeyProtector;
      try {
        protector = current ? ctx.keys.verifiedPassphrase(req.passphrase, current) : ctx.keys.passphraseProtector(req.passphrase);
      } catch (error) {
        if (error instanceof KeyProtectionError && error.code === 'wrong-passphrase') {
          throw new CoreError('forbidden', '私钥保护口令不正确，签章私钥仍未解锁。请核对口令（区分大小写）后重试。', 'passphrase');
        }
        throw sealingFailure(error);
      }
      ctx.onRollback(ctx.keys.keep(protector));
      ctx.audit.detail = current ? '签章私钥已解锁（本次运行有效）' : '已设置私钥保护口令（本次运行有效），尚无签章证书';
      return signingStatus(ctx);
    },
  },
};

/**
 * What seals a new key: the OS key store, else the passphrase of this run. A passphrase that does
 * not open the current key is refused, so that a typo cannot leave the unit with two passphrases.
 */
function protectorForNewKey(ctx: Context): KeyProtector {
  const protector = ctx.keys.forNewKeys();
  const current = currentStoredIdentity(ctx.db);
  if (!protector) {
    throw new CoreError(
      'bad-request',
      current
        ? '签章私钥尚未解锁：本机没有系统密钥库，请先输入私钥保护口令解锁，再导入或更换证书。'
        : '本机没有系统密钥库，请先设置私钥保护口令（“解锁签章私钥”），再导入或更换证书。',
    );
  }
  if (current && current.protection === protector.kind && !ctx.keys.canOpen(current)) {
    throw new CoreError('bad-request', '私钥保护口令与当前签章证书的口令不一致，未作更改。请使用设置时的私钥保护口令。');
  }
  return protector;
}

function makeCurrent(ctx: Context, protector: KeyProtector, identity: SigningIdentityRecord, chainDer: Buffer[], verb: '导入' | '更换'): ReturnType<typeof toCertificateInfo> {
  if (hasIdentity(ctx.db, identity.fingerprint)) {
    throw new CoreError('conflict', '该证书已在本单位的证书列表中，无需重复导入。', 'pkcs12Base64');
  }
  const previous: StoredIdentity | null = currentStoredIdentity(ctx.db);
  addCurrentIdentity(ctx.db, identity, chainDer, ctx.nowIso);
  ctx.keys.sealed(protector, identity.fingerprint);
  ctx.audit.target = `certificate:${identity.fingerprint.slice(0, 16)}`;
  ctx.audit.detail = `${verb}签章证书：${identity.subject}，有效期至 ${identity.notAfter.slice(0, 10)}，私钥以${protector.kind === 'os' ? '系统密钥库' : '口令'}保护${
    previous ? `；原证书 ${previous.fingerprint.slice(0, 16)}… 保留用于验证以往文件` : ''
  }`;
  return toCertificateInfo(currentStoredIdentity(ctx.db)!);
}

function sealingFailure(error: unknown): unknown {
  return error instanceof KeyProtectionError ? new CoreError('bad-request', error.message) : error;
}
