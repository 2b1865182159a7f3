import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyProtectionError, passphraseProtector } from '../../../../src/core/pdf/sign/keyProtection';

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const der = key.export({ format: 'der', type: 'pkcs8' });
const pem = key.export({ format: 'pem', type: 'pkcs8' }) as string;
const protector = passphraseProtector('档案室口令 2026', { logN: 14 });

function errorOf(fn: () => unknown): KeyProtectionError {
  try {
    fn();
  } catch (error) {
    return error as KeyProtectionError;
  }
  throw new Error('expected an error');
}

describe('passphrase key protection', () => {
  it('unseals off the main thread too, with the same answers: the key, a wrong passphrase, corrupt data (decision 0017)', async () => {
    const sealed = protector.protect(der);
    expect((await protector.unprotectAsync!(sealed)).equals(der)).toBe(true);
    const wrong = await passphraseProtector('别的口令 2026', { logN: 14 }).unprotectAsync!(sealed).catch((error: KeyProtectionError) => error);
    expect(wrong).toBeInstanceOf(KeyProtectionError);
    expect((wrong as KeyProtectionError).code).toBe('wrong-passphrase');
    expect((wrong as KeyProtectionError).message).toContain('口令不正确');
    await expect(protector.unprotectAsync!(Buffer.from('not sealed by us at all, just some bytes here'))).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('round-trips a private key', () => {
    const sealed = protector.protect(der);
    expect(protector.kind).toBe('passphrase');
    expect(protector.unprotect(sealed).equals(der)).toBe(true);
  });

  it('refuses a wrong passphrase with a Chinese message', () => {
    const sealed = protector.protect(der);
    const error = errorOf(() => passphraseProtector('另一个口令 2026', { logN: 14 }).unprotect(sealed));
    expect(error).toBeInstanceOf(KeyProtectionError);
    expect(error.code).toBe('wrong-passphrase');
    expect(error.message).toBe('私钥保护口令不正确，无法解开单位签章私钥。请核对口令后重试。');
  });

  it('leaves no trace of the key in the sealed bytes: no DER, no PEM, no base64, no 16-byte piece of the key', () => {
    const sealed = protector.protect(der);
    const latin = sealed.toString('latin1');
    expect(latin).not.toContain('PRIVATE KEY');
    expect(latin).not.toContain(pem.split('\n')[1]!.slice(0, 24));
    expect(sealed.includes(der)).toBe(false);
    for (let i = 0; i + 16 <= der.length; i += 16) expect(sealed.includes(der.subarray(i, i + 16))).toBe(false);
    expect(sealed.length).toBeLessThan(der.length + 100);
  });

  it('seals the same key differently each time (fresh salt and nonce)', () => {
    expect(protector.protect(der).equals(protector.protect(der))).toBe(false);
  });

  it('authenticates the envelope header: lowering the recorded scrypt cost is detected', () => {
    const sealed = protector.protect(der);
    expect(sealed.subarray(0, 5).toString('latin1')).toBe('DWKP\x01');
    expect(sealed[6]).toBe(14);
    const altered = Buffer.from(sealed);
    altered[10] = altered[10]! ^ 1; // a salt byte
    expect(errorOf(() => protector.unprotect(altered)).code).toBe('wrong-passphrase');
    const flippedBody = Buffer.from(sealed);
    flippedBody[flippedBody.length - 1] = flippedBody[flippedBody.length - 1]! ^ 1;
    expect(() => protector.unprotect(flippedBody)).toThrow(KeyProtectionError);
  });

  it('calls foreign or damaged data corrupt, not a wrong passphrase', () => {
    expect(errorOf(() => protector.unprotect(Buffer.from('-----BEGIN PRIVATE KEY-----'))).code).toBe('corrupt');
    expect(errorOf(() => protector.unprotect(Buffer.alloc(10))).code).toBe('corrupt');
  });

  it('refuses a passphrase shorter than 8 characters', () => {
    expect(errorOf(() => passphraseProtector('1234567', { logN: 14 }).protect(der)).code).toBe('weak-passphrase');
    expect(passphraseProtector('八个汉字的口令啊', { logN: 14 }).protect(der).length).toBeGreaterThan(0);
  });

  it('uses scrypt N = 2^17 by default', () => {
    const sealed = passphraseProtector('档案室口令 2026').protect(Buffer.from('x'));
    expect(sealed[6]).toBe(17);
  });
});
