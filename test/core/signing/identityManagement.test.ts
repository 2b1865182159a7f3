import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveApi } from '../../../src/contract';
import { createCore } from '../../../src/core/createCore';
import { passphraseProtector, type KeyProtector } from '../../../src/core/pdf/sign';
import { listIdentities } from '../../../src/core/signing/store';
import { openDatabase } from '../../../src/core/store/db';
import type { Core, CoreConfig } from '../../../src/core/types';
import { newCaller, PASSWORD, TestClock, tempDir, value } from '../../helpers/core';
import { databaseBytes, holdsKeyInClear, makePfx, PFX_PASSWORD, writeScan } from './fixtures';

const KEY_PASSPHRASE = '单位私钥口令-2024';
const LOG_N = 14;
const UNIT = '南通市烟草专卖局';

let cores: Core[] = [];
afterEach(() => {
  for (const c of cores) c.close();
  cores = [];
});

function open(dataDir: string, config: Partial<CoreConfig> = {}): Core {
  const core = createCore({ dataDir, scryptCost: 1024, signingKeyBits: 2048, keyPassphraseLogN: LOG_N, ...config });
  cores.push(core);
  return core;
}

/** Stands in for Electron safeStorage: a key the "OS" holds in memory, never in the database. */
function fakeOsProtector(): KeyProtector {
  const key = randomBytes(32);
  return {
    kind: 'os',
    protect(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    unprotect(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

async function setUp(core: Core, keyPassphrase?: string): Promise<ArchiveApi> {
  const admin = core.client(newCaller());
  value(
    await admin.setup.initialize({
      compilingUnit: UNIT,
      fondsNumber: 'J032',
      admin: { username: 'admin', displayName: '系统管理员', department: '办公室', password: PASSWORD },
      ...(keyPassphrase ? { keyPassphrase } : {}),
    }),
  );
  value(await admin.users.create({ username: 'liu', displayName: '刘芳', department: '档案室', roles: ['archivist'], password: PASSWORD }));
  value(await admin.users.create({ username: 'shen', displayName: '沈计', department: '审计', roles: ['auditor'], password: PASSWORD }));
  return admin;
}

async function signIn(core: Core, username: string): Promise<ArchiveApi> {
  const api = core.client(newCaller());
  value(await api.auth.login({ username, password: PASSWORD }));
  return api;
}

/** A one-page scan made into a signed PDF by the core, as the archive room does it. */
async function convertScan(api: ArchiveApi, title = '立案审批表') {
  const work = tempDir('dossier-scan-');
  const scan = await writeScan(path.join(work, '001.jpg'));
  const outPath = path.join(work, `${title}.pdf`);
  return { envelope: await api.scans.convert({ inputs: [scan], outPath, title }), outPath };
}

async function signedFile(api: ArchiveApi, title?: string): Promise<string> {
  const { envelope, outPath } = await convertScan(api, title);
  value(envelope);
  return outPath;
}

function pfxBase64(file: string): string {
  return fs.readFileSync(file).toString('base64');
}

function auditOf(dataDir: string, action: string): { outcome: string; detail: string }[] {
  const db = openDatabase(path.join(dataDir, 'archive.db'));
  try {
    return db.prepare('SELECT outcome, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { outcome: string; detail: string }[];
  } finally {
    db.close();
  }
}

/** The plain PKCS#8 key of every stored identity, unsealed with the passphrase, to look for on disk. */
function unsealedKeys(dataDir: string, passphrase: string): Buffer[] {
  const db = openDatabase(path.join(dataDir, 'archive.db'));
  try {
    return listIdentities(db).map((i) => passphraseProtector(passphrase, { logN: LOG_N }).unprotect(i.sealedKey));
  } finally {
    db.close();
  }
}

describe('how this process protects the signing key', () => {
  it('reports os, passphrase or none in setup.status and signing.status', async () => {
    expect(value(await open(tempDir(), { keyProtector: fakeOsProtector() }).client(newCaller()).setup.status()).keyProtection).toBe('os');
    const withPassphrase = open(tempDir(), { keyProtector: passphraseProtector(KEY_PASSPHRASE, { logN: LOG_N }) });
    expect(value(await withPassphrase.client(newCaller()).setup.status()).keyProtection).toBe('passphrase');
    const none = open(tempDir());
    expect(value(await none.client(newCaller()).setup.status()).keyProtection).toBe('none');
    const admin = await setUp(none);
    expect(value(await admin.signing.status())).toMatchObject({ current: null, canSign: false, keyProtection: 'none', certificates: [] });
  });

  it('without an OS key store, set-up seals the key with the passphrase given and keeps it for the run', async () => {
    const dir = tempDir();
    const core = open(dir);
    const admin = await setUp(core, KEY_PASSPHRASE);
    expect(value(await core.client(newCaller()).setup.status()).keyProtection).toBe('passphrase');
    const status = value(await admin.signing.status());
    expect(status).toMatchObject({ canSign: true, keyProtection: 'passphrase', current: { protection: 'passphrase', subject: expect.stringContaining(`O=${UNIT}`) } });
    const liu = await signIn(core, 'liu');
    expect(value(await liu.pdf.verify({ path: await signedFile(liu) }))).toMatchObject({ status: 'valid', isSignerTrusted: true });
    const [key] = unsealedKeys(dir, KEY_PASSPHRASE);
    expect(holdsKeyInClear(databaseBytes(dir), key!)).toBe(false);
  });

  it('a short passphrase at set-up is refused on its field, and nothing is set up', async () => {
    const core = open(tempDir());
    const r = await core.client(newCaller()).setup.initialize({
      compilingUnit: UNIT,
      fondsNumber: 'J032',
      admin: { username: 'admin', displayName: '系统管理员', department: '办公室', password: PASSWORD },
      keyPassphrase: '短口令',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'keyPassphrase', message: '私钥保护口令至少 8 位' } });
    expect(value(await core.client(newCaller()).setup.status()).isSetUp).toBe(false);
  });
});

describe('signing.unlock after a restart', () => {
  async function restarted() {
    const dir = tempDir();
    await setUp(open(dir), KEY_PASSPHRASE);
    cores.pop()!.close();
    const core = open(dir);
    return { dir, core, admin: await signIn(core, 'admin'), liu: await signIn(core, 'liu') };
  }

  it('is locked until the right passphrase is given; a wrong one is refused, audited and not kept', async () => {
    const { dir, core, liu } = await restarted();
    expect(value(await liu.signing.status())).toMatchObject({ canSign: false, keyProtection: 'none', current: { protection: 'passphrase' } });
    expect(value(await core.client(newCaller()).setup.status()).keyProtection).toBe('none');
    expect(await convertScan(liu).then((c) => c.envelope)).toMatchObject({ ok: false, error: { message: expect.stringContaining('私钥保护口令') } });

    const wrong = await liu.signing.unlock({ passphrase: '不是这个口令-123' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'passphrase', message: expect.stringContaining('私钥保护口令不正确') } });
    expect(value(await liu.signing.status()).canSign).toBe(false);
    expect(auditOf(dir, 'signing.unlock')).toEqual([{ outcome: 'denied', detail: expect.stringContaining('私钥保护口令不正确') }]);

    const unlocked = value(await liu.signing.unlock({ passphrase: KEY_PASSPHRASE }));
    expect(unlocked).toMatchObject({ canSign: true, keyProtection: 'passphrase' });
    expect(auditOf(dir, 'signing.unlock').map((e) => e.outcome)).toEqual(['denied', 'ok']);
    // Another session of the same process signs too: the passphrase belongs to the run.
    const admin = await signIn(core, 'admin');
    expect(value(await admin.signing.status()).canSign).toBe(true);
    expect(value(await liu.pdf.verify({ path: await signedFile(liu) })).status).toBe('valid');
  });

  it('is for people who sign or the administrator, not the auditor', async () => {
    const { core } = await restarted();
    const auditor = await signIn(core, 'shen');
    expect(await auditor.signing.unlock({ passphrase: KEY_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('登记文书') } });
  });

  it('says clearly that a key sealed by the OS key store cannot be opened with a passphrase', async () => {
    const dir = tempDir();
    await setUp(open(dir, { keyProtector: fakeOsProtector() }));
    cores.pop()!.close();
    const core = open(dir);
    const liu = await signIn(core, 'liu');
    expect(value(await liu.signing.status())).toMatchObject({ canSign: false, current: { protection: 'os' } });
    expect(await liu.signing.unlock({ passphrase: KEY_PASSPHRASE })).toMatchObject({ ok: false, error: { message: expect.stringContaining('操作系统密钥库保护，不能用口令解锁') } });
  });

  it('opens a passphrase-sealed key (made by the CLI) in an app that has an OS key store, after unlock', async () => {
    const dir = tempDir();
    await setUp(open(dir, { keyProtector: passphraseProtector(KEY_PASSPHRASE, { logN: LOG_N }) }));
    cores.pop()!.close();
    const core = open(dir, { keyProtector: fakeOsProtector() });
    const liu = await signIn(core, 'liu');
    expect(value(await liu.signing.status())).toMatchObject({ canSign: false, keyProtection: 'os' });
    expect(await convertScan(liu).then((c) => c.envelope)).toMatchObject({ ok: false, error: { message: '该私钥由口令保护，请提供私钥保护口令。' } });
    expect(value(await liu.signing.unlock({ passphrase: KEY_PASSPHRASE })).canSign).toBe(true);
    expect(value(await liu.pdf.verify({ path: await signedFile(liu) })).status).toBe('valid');
  });
});

describe('signing.importPkcs12 and signing.rotate', () => {
  async function unit(config: Partial<CoreConfig> = {}) {
    const dir = tempDir();
    const core = open(dir, config);
    const admin = await setUp(core, KEY_PASSPHRASE);
    const liu = await signIn(core, 'liu');
    return { dir, core, admin, liu };
  }

  it('imports a CA-issued pfx: it becomes current, signs, and files signed before still verify', async () => {
    const { dir, admin, liu } = await unit();
    const before = await signedFile(liu, '立案报告表');
    const pfx = makePfx();
    const imported = value(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(pfx.file), password: PFX_PASSWORD }));
    expect(imported).toMatchObject({ isCurrent: true, protection: 'passphrase', subject: 'C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 电子签章' });

    const status = value(await admin.signing.status());
    expect(status.certificates).toHaveLength(2);
    expect(status.certificates.filter((c) => c.isCurrent).map((c) => c.fingerprint)).toEqual([imported.fingerprint]);
    expect(status.canSign).toBe(true);

    const after = await signedFile(liu, '行政处罚决定书');
    expect(value(await liu.pdf.verify({ path: after }))).toMatchObject({ status: 'valid', isSignerTrusted: true, signer: { fingerprint: imported.fingerprint } });
    expect(value(await liu.pdf.verify({ path: before }))).toMatchObject({ status: 'valid', isSignerTrusted: true });
    expect(value(await admin.signing.exportCertificate()).fingerprint).toBe(imported.fingerprint);

    // The search itself finds a key that is there, in any of its forms.
    expect(holdsKeyInClear(Buffer.concat([databaseBytes(dir), pfx.keyDer]), pfx.keyDer)).toBe(true);
    expect(holdsKeyInClear(Buffer.concat([databaseBytes(dir), Buffer.from(createPrivateKey({ key: pfx.keyDer, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs1' }).toString().slice(40, 300))]), pfx.keyDer)).toBe(true);
    expect(holdsKeyInClear(databaseBytes(dir), pfx.keyDer)).toBe(false);
    for (const key of unsealedKeys(dir, KEY_PASSPHRASE)) expect(holdsKeyInClear(databaseBytes(dir), key)).toBe(false);
    expect(auditOf(dir, 'signing.importPkcs12')).toEqual([{ outcome: 'ok', detail: expect.stringContaining('保留用于验证以往文件') }]);
  });

  it('re-seals an imported key with the OS key store where there is one', async () => {
    const { dir, admin } = await unit({ keyProtector: fakeOsProtector() });
    const pfx = makePfx();
    expect(value(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(pfx.file), password: PFX_PASSWORD })).protection).toBe('os');
    expect(holdsKeyInClear(databaseBytes(dir), pfx.keyDer)).toBe(false);
  });

  it('refuses a wrong password, a pfx without a key, and the same certificate twice, changing nothing', async () => {
    const { dir, admin } = await unit();
    const pfx = makePfx();
    expect(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(pfx.file), password: 'wrong-password' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', field: 'password', message: expect.stringContaining('证书文件的密码不正确') },
    });
    expect(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(makePfx({ withKey: false }).file), password: PFX_PASSWORD })).toMatchObject({
      ok: false,
      error: { field: 'pkcs12Base64', message: expect.stringContaining('证书文件中没有私钥') },
    });
    expect(await admin.signing.importPkcs12({ pkcs12Base64: Buffer.from('这不是证书文件，只是一段文字').toString('base64'), password: 'x' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('不是有效的 PKCS#12') },
    });
    value(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(pfx.file), password: PFX_PASSWORD }));
    expect(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(pfx.file), password: PFX_PASSWORD })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(value(await admin.signing.status()).certificates).toHaveLength(2);
    expect(auditOf(dir, 'signing.importPkcs12').map((e) => e.outcome)).toEqual(['failed', 'failed', 'failed', 'ok', 'failed']);
  });

  it('refuses an expired certificate, one not yet valid, and one not for signatures, with every reason', async () => {
    const clock = new TestClock(new Date());
    const { core } = await unit({ now: clock.now });
    // Moving the clock ends idle sessions: sign in again at each moment.
    const adminAt = (at: Date) => {
      clock.current = at;
      return signIn(core, 'admin');
    };
    const pfx = makePfx({ days: 30 });
    let admin = await adminAt(new Date(Date.now() + 40 * 86_400_000));
    expect(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(pfx.file), password: PFX_PASSWORD })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^该证书不能用于文件签章：证书已于 \d{4}-\d\d-\d\d 过期。/) },
    });
    const expiredAndForEncryption = makePfx({ days: 30, keyUsage: 'keyEncipherment' });
    expect(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(expiredAndForEncryption.file), password: PFX_PASSWORD })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/过期；密钥用途不包含数字签名/) },
    });
    admin = await adminAt(new Date(Date.now() - 3 * 86_400_000));
    expect(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(pfx.file), password: PFX_PASSWORD })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('证书尚未生效') },
    });
    admin = await adminAt(new Date());
    const encryptionOnly = makePfx({ keyUsage: 'keyEncipherment' });
    expect(await admin.signing.importPkcs12({ pkcs12Base64: pfxBase64(encryptionOnly.file), password: PFX_PASSWORD })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('密钥用途不包含数字签名') },
    });
    expect(value(await admin.signing.status()).certificates).toHaveLength(1);
  });

  it('rotates to a new unit certificate with the unit’s subject; old files still verify', async () => {
    const { dir, admin, liu } = await unit();
    const first = value(await admin.signing.status()).current!;
    const before = await signedFile(liu, '立案报告表');
    const next = value(await admin.signing.rotate());
    expect(next).toMatchObject({ isCurrent: true, subject: first.subject, protection: 'passphrase' });
    expect(next.fingerprint).not.toBe(first.fingerprint);
    const status = value(await admin.signing.status());
    expect(status.certificates.map((c) => [c.fingerprint, c.isCurrent])).toEqual([
      [first.fingerprint, false],
      [next.fingerprint, true],
    ]);
    expect(value(await liu.pdf.verify({ path: before }))).toMatchObject({ status: 'valid', isSignerTrusted: true, signer: { fingerprint: first.fingerprint } });
    const after = await signedFile(liu, '结案报告');
    expect(value(await liu.pdf.verify({ path: after }))).toMatchObject({ status: 'valid', signer: { fingerprint: next.fingerprint } });
    for (const key of unsealedKeys(dir, KEY_PASSPHRASE)) expect(holdsKeyInClear(databaseBytes(dir), key)).toBe(false);
    expect(auditOf(dir, 'signing.rotate')).toEqual([{ outcome: 'ok', detail: expect.stringContaining(`原证书 ${first.fingerprint.slice(0, 16)}`) }]);
  });

  it('is for the system administrator only', async () => {
    const { liu } = await unit();
    expect(await liu.signing.rotate()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await liu.signing.importPkcs12({ pkcs12Base64: pfxBase64(makePfx().file), password: PFX_PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('needs the key unlocked, and refuses a passphrase that does not open the current key', async () => {
    const dir = tempDir();
    await setUp(open(dir), KEY_PASSPHRASE);
    cores.pop()!.close();
    const locked = await signIn(open(dir), 'admin');
    expect(await locked.signing.rotate()).toMatchObject({ ok: false, error: { message: expect.stringContaining('签章私钥尚未解锁') } });
    cores.pop()!.close();
    // The CLI and the web host are given their passphrase at start; a typo must not seal a new key.
    const typo = await signIn(open(dir, { keyProtector: passphraseProtector('单位私钥口令-2025', { logN: LOG_N }) }), 'admin');
    expect(value(await typo.signing.status()).canSign).toBe(false);
    expect(await typo.signing.rotate()).toMatchObject({ ok: false, error: { message: expect.stringContaining('口令不一致') } });
    expect(value(await typo.signing.status()).certificates).toHaveLength(1);
  });

  it('without any certificate and no OS key store: unlock chooses the passphrase, then rotate makes the first certificate', async () => {
    const dir = tempDir();
    const admin = await setUp(open(dir));
    expect(await admin.signing.rotate()).toMatchObject({ ok: false, error: { message: expect.stringContaining('请先设置私钥保护口令') } });
    expect(value(await admin.signing.unlock({ passphrase: KEY_PASSPHRASE }))).toMatchObject({ current: null, canSign: false, keyProtection: 'passphrase' });
    expect(value(await admin.signing.rotate())).toMatchObject({ isCurrent: true, protection: 'passphrase' });
    expect(value(await admin.signing.status()).canSign).toBe(true);
  });
});
