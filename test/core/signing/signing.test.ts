import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/createCore';
import { passphraseProtector } from '../../../src/core/pdf/sign';
import type { Core } from '../../../src/core/types';
import { signedWithStoredKey } from './fixtures';
import { newCaller, PASSWORD, setUpUnit, tempDir, value } from '../../helpers/core';

const protector = passphraseProtector('单位签章口令-2024', { logN: 14 });
let core: Core | undefined;
afterEach(() => core?.close());

async function unitWithIdentity() {
  const dir = tempDir();
  core = createCore({ dataDir: dir, scryptCost: 1024, keyProtector: protector, signingKeyBits: 2048 });
  const admin = core.client(newCaller());
  value(
    await admin.setup.initialize({
      compilingUnit: '南通市烟草专卖局',
      fondsNumber: 'J032',
      admin: { username: 'admin', displayName: '系统管理员', department: '办公室', password: PASSWORD },
    }),
  );
  return { dir, admin };
}

/** A certified PDF signed with the unit's stored key, as the scan job will do it. */
const signedPdf = (dir: string) => signedWithStoredKey(dir, protector);

describe('the unit signing identity', () => {
  it('is created at set-up with a Chinese subject, its key sealed, and can be exported', async () => {
    const { dir, admin } = await unitWithIdentity();
    const status = value(await admin.signing.status());
    expect(status.current).toMatchObject({ subject: expect.stringContaining('南通市烟草专卖局'), protection: 'passphrase', isCurrent: true });
    expect(status.certificates).toHaveLength(1);
    const exported = value(await admin.signing.exportCertificate());
    expect(exported.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const pemFile = path.join(tempDir(), 'unit.pem');
    fs.writeFileSync(pemFile, exported.pem);
    const subject = spawnSync('openssl', ['x509', '-in', pemFile, '-noout', '-subject', '-nameopt', 'utf8'], { encoding: 'utf8' });
    expect(subject.stdout).toContain('O=南通市烟草专卖局');
    // The private key is not in the database in the clear.
    const raw = fs.readFileSync(path.join(dir, 'archive.db'));
    expect(raw.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
  });

  it('is absent when no key protector is configured, and export says what to do', async () => {
    const unit = await setUpUnit();
    try {
      expect(value(await unit.admin.signing.status()).current).toBeNull();
      expect(await unit.admin.signing.exportCertificate()).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('签章证书') } });
    } finally {
      unit.close();
    }
  });
});

describe('pdf.verify', () => {
  it('finds a file signed with the unit key valid, and a changed one invalid, with reasons in Chinese', async () => {
    const { dir, admin } = await unitWithIdentity();
    const file = await signedPdf(dir);
    const good = value(await admin.pdf.verify({ path: file }));
    expect(good).toMatchObject({ status: 'valid', isValid: true, reasons: [], isSignerTrusted: true, coversWholeFile: true, hasDocMdpP1: true });
    expect(good.signer?.subject).toContain('南通市烟草专卖局');

    fs.chmodSync(file, 0o644);
    fs.appendFileSync(file, '\n% appended\n');
    const appended = value(await admin.pdf.verify({ path: file }));
    expect(appended.status).toBe('invalid');
    expect(appended.reasons.join('')).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('reports a file that is not a PDF as unreadable, and refuses a relative path', async () => {
    const { admin } = await unitWithIdentity();
    const text = path.join(tempDir(), 'x.pdf');
    fs.writeFileSync(text, 'hello');
    expect(value(await admin.pdf.verify({ path: text })).status).toBe('unreadable');
    expect(await admin.pdf.verify({ path: 'x.pdf' })).toMatchObject({ ok: false, error: { field: 'path' } });
  });

  it('does not trust a file signed by another unit', async () => {
    const other = await unitWithIdentity();
    const file = await signedPdf(other.dir);
    core!.close();
    const { admin } = await unitWithIdentity();
    const r = value(await admin.pdf.verify({ path: file }));
    expect(r).toMatchObject({ status: 'invalid', isSignerTrusted: false });
  });
});
