import { X509Certificate, createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateToDer, parseCertificate } from '../../../../src/core/pdf/sign/certificate';
import { createUnitIdentity, exportCertificate, importPkcs12, openSigner, type SigningIdentityRecord } from '../../../../src/core/pdf/sign/identity';
import { passphraseProtector, type KeyProtector } from '../../../../src/core/pdf/sign/keyProtection';
import { currentIdentity, emptyUnitIdentities, isRotationDue, rotateIdentity, trustedCertificates } from '../../../../src/core/pdf/sign/rotation';
import { signerFromKey } from '../../../../src/core/pdf/sign/signer';
import { signPdfInPlace } from '../../../../src/core/pdf/sign/signInPlace';
import { verifyCertifiedPdf } from '../../../../src/core/pdf/sign/verify';
import { extractSignature, run, tempDir, writePlaceholderPdf } from './fixtures';

const dir = tempDir('dossier-identity-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const protector = passphraseProtector('档案室口令 2026', { logN: 14 });
const file = (name: string) => path.join(dir, name);

let unit: SigningIdentityRecord;
beforeAll(async () => {
  const started = performance.now();
  unit = await createUnitIdentity({ unitName: '南通市烟草专卖局', now: new Date('2026-11-22T08:00:00Z') }, protector);
  console.log(`RSA 3072 unit identity created in ${(performance.now() - started).toFixed(0)} ms`);
});

describe('a self-issued unit certificate', () => {
  it('is the record the database keeps', () => {
    expect(Object.keys(unit).sort()).toEqual(['certificateDer', 'fingerprint', 'notAfter', 'notBefore', 'protection', 'sealedKey', 'subject']);
    expect(unit.subject).toBe('C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 电子文件签章');
    expect(unit.protection).toBe('passphrase');
    expect(unit.fingerprint).toBe(createHash('sha256').update(unit.certificateDer).digest('hex'));
    expect(unit.notBefore).toBe('2026-11-22T07:50:00.000Z');
    expect(unit.notAfter).toBe('2036-11-22T07:50:00.000Z');
  });

  it('reads in openssl as a Chinese-subject RSA 3072 SHA-256 certificate for digital signature and non-repudiation', () => {
    fs.writeFileSync(file('unit.der'), exportCertificate(unit, 'der'));
    const text = run('openssl', ['x509', '-inform', 'DER', '-in', file('unit.der'), '-noout', '-text', '-nameopt', 'utf8']).output;
    expect(text).toContain('Subject: C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 电子文件签章');
    expect(text).toContain('Issuer: C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 电子文件签章');
    expect(text).toContain('Public-Key: (3072 bit)');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    fs.writeFileSync(file('unit.pem'), exportCertificate(unit, 'pem'));
    expect(run('openssl', ['verify', '-CAfile', file('unit.pem'), '-purpose', 'any', file('unit.pem')]).output).toContain(': OK');
  });

  it('exports as PEM and DER that openssl reads as the same certificate', () => {
    fs.writeFileSync(file('unit.pem'), exportCertificate(unit, 'pem'));
    fs.writeFileSync(file('unit.der'), exportCertificate(unit, 'der'));
    const fromPem = run('openssl', ['x509', '-in', file('unit.pem'), '-noout', '-fingerprint', '-sha256']).output;
    const fromDer = run('openssl', ['x509', '-inform', 'DER', '-in', file('unit.der'), '-noout', '-fingerprint', '-sha256']).output;
    expect(fromPem).toBe(fromDer);
    expect(fromPem.replace(/[^0-9A-F=]/g, '').split('=').pop()!.toLowerCase()).toBe(unit.fingerprint);
    expect(certificateToDer(fs.readFileSync(file('unit.pem'))).equals(unit.certificateDer)).toBe(true);
  });

  it('keeps the key only sealed: opening needs the right passphrase and the right kind of protector', () => {
    expect(() => openSigner(unit, passphraseProtector('错误的口令 123456', { logN: 14 }))).toThrow('私钥保护口令不正确');
    const os: KeyProtector = { kind: 'os', protect: (b) => b, unprotect: (b) => b };
    expect(() => openSigner(unit, os)).toThrow('该私钥由口令保护');
    const plain = protector.unprotect(unit.sealedKey);
    expect(unit.sealedKey.includes(plain.subarray(0, 64))).toBe(false);
    expect(new X509Certificate(unit.certificateDer).checkPrivateKey(createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' }))).toBe(true);
  });

  it('carries keyUsage digitalSignature + nonRepudiation as the verifier reads it', () => {
    expect([...parseCertificate(unit.certificateDer).keyUsage!].sort()).toEqual([0, 1]);
  });

  it('signs with a node-forge key too (the signer takes KeyObject, PEM, PKCS#8 DER or forge keys)', async () => {
    const plain = protector.unprotect(unit.sealedKey);
    const pem = createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }) as string;
    const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
    const pdf = file('forge-key.pdf');
    await writePlaceholderPdf(pdf);
    await signPdfInPlace(pdf, signerFromKey(unit.certificateDer, forgeKey));
    expect((await verifyCertifiedPdf(pdf, [unit.certificateDer])).isValid).toBe(true);
    expect(() => signerFromKey(unit.certificateDer, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)).toThrow('私钥与证书');
  });

  it('refuses an empty unit name', async () => {
    await expect(createUnitIdentity({ unitName: '  ' }, protector)).rejects.toThrow('请填写单位名称');
  });
});

describe('importing a CA-issued PKCS#12', () => {
  beforeAll(() => {
    // A CA and a unit certificate with Chinese names, as a provincial CA would issue them.
    const ext = file('ext.cnf');
    fs.writeFileSync(ext, '[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
    const ok = (args: string[]) => {
      const r = run('openssl', args);
      if (r.status !== 0) throw new Error(r.output);
    };
    ok(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '3650', '-utf8', '-subj', '/C=CN/O=江苏省数字证书认证中心/CN=江苏CA测试根', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    ok(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-utf8', '-subj', '/C=CN/O=南通市烟草专卖局/CN=南通市烟草专卖局 电子文件签章']);
    ok(['x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('leaf.pem'), '-days', '365', '-extfile', ext, '-extensions', 'leaf']);
    ok(['pkcs12', '-export', '-inkey', file('leaf.key'), '-in', file('leaf.pem'), '-certfile', file('ca.pem'), '-out', file('chain.pfx'), '-passout', 'pass:pfx口令123']);
    ok(['pkcs12', '-export', '-legacy', '-inkey', file('leaf.key'), '-in', file('leaf.pem'), '-out', file('legacy.pfx'), '-passout', 'pass:pfx口令123']);
    ok(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('ec.key'), '-out', file('ec.pem'), '-days', '365', '-utf8', '-subj', '/C=CN/O=南通市烟草专卖局/CN=南通市烟草专卖局 ECDSA']);
    ok(['pkcs12', '-export', '-inkey', file('ec.key'), '-in', file('ec.pem'), '-out', file('ec.pfx'), '-passout', 'pass:pfx口令123']);
    ok(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('enc.key'), '-out', file('enc.pem'), '-days', '365', '-utf8', '-subj', '/C=CN/O=南通市烟草专卖局/CN=加密证书', '-addext', 'keyUsage=critical,keyEncipherment']);
    ok(['pkcs12', '-export', '-inkey', file('enc.key'), '-in', file('enc.pem'), '-out', file('enc.pfx'), '-passout', 'pass:pfx口令123']);
    ok(['genpkey', '-algorithm', 'SM2', '-out', file('sm2.key')]);
    ok(['req', '-x509', '-key', file('sm2.key'), '-out', file('sm2.pem'), '-days', '365', '-sm3', '-utf8', '-subj', '/C=CN/O=南通市烟草专卖局/CN=SM2']);
    ok(['pkcs12', '-export', '-nokeys', '-in', file('leaf.pem'), '-out', file('nokey.pfx'), '-passout', 'pass:pfx口令123']);
  });

  it('takes key, certificate and chain from an AES pfx; the certificate bytes are exactly the CA’s', () => {
    const { identity, chainDer } = importPkcs12(fs.readFileSync(file('chain.pfx')), 'pfx口令123', protector);
    expect(identity.certificateDer.equals(certificateToDer(fs.readFileSync(file('leaf.pem'))))).toBe(true);
    expect(identity.subject).toBe('C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 电子文件签章');
    expect(chainDer).toHaveLength(1);
    expect(chainDer[0]!.equals(certificateToDer(fs.readFileSync(file('ca.pem'))))).toBe(true);
    expect(identity.protection).toBe('passphrase');
  });

  it('opens a pfx whose first decryption leaves valid padding by chance (about 1 export in 130; the flaky import of 2026-11)', () => {
    const pfx = fs.readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/pkcs12/padding-by-chance.pfx'));
    const { identity } = importPkcs12(pfx, '证书口令-2024', protector, { now: new Date('2026-12-01T00:00:00Z') });
    expect(identity.subject).toBe('C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 测试');
    expect(() => importPkcs12(pfx, '别的口令-2024', protector)).toThrow('证书文件的密码不正确');
  });

  it('reads a legacy (3DES/RC2) pfx too', () => {
    const { identity, chainDer } = importPkcs12(fs.readFileSync(file('legacy.pfx')), 'pfx口令123', protector);
    expect(identity.certificateDer.equals(certificateToDer(fs.readFileSync(file('leaf.pem'))))).toBe(true);
    expect(chainDer).toEqual([]);
  });

  it('refuses a wrong password, a pfx without a key and a file that is no pfx, in Chinese', () => {
    expect(() => importPkcs12(fs.readFileSync(file('chain.pfx')), 'wrong', protector)).toThrow('证书文件的密码不正确，无法打开。请核对颁发机构提供的密码后重试。');
    expect(() => importPkcs12(fs.readFileSync(file('nokey.pfx')), 'pfx口令123', protector)).toThrow('证书文件中没有私钥，无法用于签章。');
    expect(() => importPkcs12(Buffer.from('not a pfx at all'), 'x', protector)).toThrow('所选文件不是有效的 PKCS#12 证书文件');
  });

  it('takes an ECDSA P-256 pfx (forge cannot parse it, its raw bytes are used) and signs with it', async () => {
    const { identity } = importPkcs12(fs.readFileSync(file('ec.pfx')), 'pfx口令123', protector);
    expect(identity.certificateDer.equals(certificateToDer(fs.readFileSync(file('ec.pem'))))).toBe(true);
    const pdf = file('ec-signed.pdf');
    await writePlaceholderPdf(pdf);
    await signPdfInPlace(pdf, openSigner(identity, protector));
    expect((await verifyCertifiedPdf(pdf, [identity.certificateDer])).reasons).toEqual([]);
    expect(run('pdfsig', [pdf]).output).toContain('Signature is Valid');
  });

  it('refuses an encryption-only certificate (keyUsage without digitalSignature)', () => {
    expect(() => importPkcs12(fs.readFileSync(file('enc.pfx')), 'pfx口令123', protector)).toThrow('密钥用途不包含数字签名');
  });

  it('the verifier refuses a signature made with such a certificate anyway', async () => {
    const encDer = certificateToDer(fs.readFileSync(file('enc.pem')));
    const pdf = file('enc-signed.pdf');
    await writePlaceholderPdf(pdf);
    await signPdfInPlace(pdf, signerFromKey(encDer, fs.readFileSync(file('enc.key'), 'utf8')));
    const result = await verifyCertifiedPdf(pdf, [encDer]);
    expect(result.reasons).toEqual(['签名者证书的密钥用途不允许数字签名。']);
  });

  it('refuses an SM2 certificate by name', () => {
    expect(() => parseCertificate(certificateToDer(fs.readFileSync(file('sm2.pem'))))).toThrow('暂不支持国密 SM2 证书');
  });

  it('signs with the imported identity: valid when trusting only the CA root, and for pdfsig and openssl', async () => {
    const { identity, chainDer } = importPkcs12(fs.readFileSync(file('chain.pfx')), 'pfx口令123', protector);
    const pdf = file('ca-signed.pdf');
    await writePlaceholderPdf(pdf);
    const signed = await signPdfInPlace(pdf, openSigner(identity, protector, chainDer));
    const caDer = certificateToDer(fs.readFileSync(file('ca.pem')));
    const result = await verifyCertifiedPdf(pdf, [caDer]);
    expect(result.reasons).toEqual([]);
    expect(result.isValid).toBe(true);
    expect((await verifyCertifiedPdf(pdf, [unit.certificateDer])).isSignerTrusted).toBe(false);
    expect(run('pdfsig', [pdf]).output).toContain('Signature is Valid');
    const { cms, signedBytes } = extractSignature(pdf, signed.byteRange);
    fs.writeFileSync(file('ca-sig.der'), cms);
    fs.writeFileSync(file('ca-content.bin'), signedBytes);
    const openssl = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file('ca-sig.der'), '-content', file('ca-content.bin'), '-CAfile', file('ca.pem'), '-purpose', 'any', '-out', '/dev/null']);
    expect(openssl.output).toContain('Verification successful');
  });
});

describe('rotation over plain data', () => {
  it('keeps one current identity and trusts all previous ones', async () => {
    const next = await createUnitIdentity({ unitName: '南通市烟草专卖局', keyBits: 2048 }, protector);
    let state = rotateIdentity(emptyUnitIdentities(), unit);
    expect(currentIdentity(state)).toBe(unit);
    state = rotateIdentity(state, next);
    expect(currentIdentity(state)).toBe(next);
    expect(trustedCertificates(state)).toEqual([unit.certificateDer, next.certificateDer]);
    expect(() => rotateIdentity(state, unit)).toThrow('已在本单位的证书列表中');
    expect(() => currentIdentity(emptyUnitIdentities())).toThrow('尚未设置签章证书');
    expect(isRotationDue(state, new Date('2027-01-01'))).toBe(false);
    expect(isRotationDue(state, new Date(new Date(next.notAfter).getTime() - 30 * 86_400_000))).toBe(true);
  });
});
