import { beforeEach, describe, expect, it, vi } from 'vitest';

const store = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }));

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => store.available,
    getSelectedStorageBackend: () => store.backend,
    encryptString: (s: string) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
    decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
  },
}));

const { osKeyProtector } = await import('../../src/main/keyProtector');

describe('the OS key protector', () => {
  beforeEach(() => {
    store.available = true;
    store.backend = 'gnome_libsecret';
  });

  it('seals and unseals through safeStorage', () => {
    const p = osKeyProtector()!;
    const key = Buffer.from('-----BEGIN PRIVATE KEY-----');
    const sealed = p.protect(key);
    expect(p.kind).toBe('os');
    expect(sealed.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
    expect(p.unprotect(sealed).equals(key)).toBe(true);
  });

  it('is not offered without a real key store, nor with Linux’s hard-coded basic_text fallback', () => {
    store.available = false;
    expect(osKeyProtector()).toBeUndefined();
    store.available = true;
    store.backend = 'basic_text';
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      expect(osKeyProtector()).toBeUndefined();
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});
