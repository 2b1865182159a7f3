import { createCipheriv, createDecipheriv, randomBytes, scrypt, scryptSync } from 'node:crypto';

/**
 * Seals the unit's private key so that it never sits unencrypted on disk (issue 3 item 1;
 * DB3206/T 1060 §6.2.2 d relies on the key being the unit's alone). Two kinds: a passphrase for the
 * CLI (DOSSIER_KEY_PASSPHRASE or a prompt), and 'os' for the app, which the main process implements
 * over Electron safeStorage; the core never imports electron, so it only defines the interface.
 */
export interface KeyProtector {
  kind: 'passphrase' | 'os';
  protect(plain: Buffer): Buffer;
  unprotect(sealed: Buffer): Buffer;
  /**
   * The same off the main thread, where unsealing is slow (scrypt runs in libuv's pool): a
   * conversion starts writing while the key is unsealed (decision 0017). Optional: a protector
   * without it is asked `unprotect`.
   */
  unprotectAsync?(sealed: Buffer): Promise<Buffer>;
}

export class KeyProtectionError extends Error {
  constructor(
    message: string,
    readonly code: 'wrong-passphrase' | 'corrupt' | 'weak-passphrase',
  ) {
    super(message);
    this.name = 'KeyProtectionError';
  }
}

const MAGIC = Buffer.from('DWKP', 'ascii');
const VERSION = 1;
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 5 + SALT_BYTES + IV_BYTES;
/**
 * scrypt N = 2^17, r = 8, p = 1 (OWASP's recommendation; 128 MiB, ~0.3 s here): the sealed key is
 * the file an attacker would take, so guessing must be slow. The parameters travel in the envelope,
 * so they can be raised later without breaking keys sealed today.
 */
const DEFAULT_LOG_N = 17;
const R = 8;
const P = 1;
export const MIN_PASSPHRASE_LENGTH = 8;

export interface PassphraseProtectorOptions {
  /** Lower only in tests, to keep them fast; never below 14. */
  logN?: number;
}

export function passphraseProtector(passphrase: string, options: PassphraseProtectorOptions = {}): KeyProtector {
  const logN = options.logN ?? DEFAULT_LOG_N;
  if (logN < 14 || logN > 20) throw new RangeError('scrypt logN must be between 14 and 20');
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  return {
    kind: 'passphrase',
    protect(plain: Buffer): Buffer {
      if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
        throw new KeyProtectionError(`私钥保护口令至少需要 ${MIN_PASSPHRASE_LENGTH} 个字符，请换一个更长的口令。`, 'weak-passphrase');
      }
      const salt = randomBytes(SALT_BYTES);
      const iv = randomBytes(IV_BYTES);
      const header = Buffer.concat([MAGIC, Buffer.from([VERSION, KDF_SCRYPT, logN, R, P]), salt, iv]);
      const key = derive(secret, salt, logN, R, P);
      try {
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        // The header is authenticated too: nobody can lower the scrypt cost of a sealed key unnoticed.
        cipher.setAAD(header);
        const body = Buffer.concat([cipher.update(plain), cipher.final()]);
        return Buffer.concat([header, cipher.getAuthTag(), body]);
      } finally {
        key.fill(0);
      }
    },
    unprotect(sealed: Buffer): Buffer {
      const envelope = openEnvelope(sealed);
      return decrypt(envelope, derive(secret, envelope.salt, envelope.logN, envelope.r, envelope.p));
    },
    async unprotectAsync(sealed: Buffer): Promise<Buffer> {
      const envelope = openEnvelope(sealed);
      return decrypt(envelope, await deriveAsync(secret, envelope.salt, envelope.logN, envelope.r, envelope.p));
    },
  };
}

interface Envelope {
  header: Buffer;
  salt: Buffer;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
  logN: number;
  r: number;
  p: number;
}

function openEnvelope(sealed: Buffer): Envelope {
  if (sealed.length < HEADER_BYTES + TAG_BYTES || !sealed.subarray(0, 4).equals(MAGIC)) {
    throw new KeyProtectionError('私钥数据已损坏或不是本系统的加密格式，无法解开。请从备份恢复或重新导入证书。', 'corrupt');
  }
  const [version, kdf, sealedLogN, r, p] = sealed.subarray(4, 9);
  if (version !== VERSION || kdf !== KDF_SCRYPT || !sealedLogN || sealedLogN < 14 || sealedLogN > 20 || !r || r > 32 || !p || p > 16) {
    throw new KeyProtectionError('私钥数据的加密格式版本不受支持，请升级本软件后重试。', 'corrupt');
  }
  return {
    header: sealed.subarray(0, HEADER_BYTES),
    salt: sealed.subarray(9, 9 + SALT_BYTES),
    iv: sealed.subarray(9 + SALT_BYTES, HEADER_BYTES),
    tag: sealed.subarray(HEADER_BYTES, HEADER_BYTES + TAG_BYTES),
    body: sealed.subarray(HEADER_BYTES + TAG_BYTES),
    logN: sealedLogN,
    r,
    p,
  };
}

function decrypt(e: Envelope, key: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, e.iv);
    decipher.setAAD(e.header);
    decipher.setAuthTag(e.tag);
    return Buffer.concat([decipher.update(e.body), decipher.final()]);
  } catch {
    // GCM cannot tell a wrong passphrase from altered bytes; the passphrase is by far the likelier.
    throw new KeyProtectionError('私钥保护口令不正确，无法解开单位签章私钥。请核对口令后重试。', 'wrong-passphrase');
  } finally {
    key.fill(0);
  }
}

function derive(secret: Buffer, salt: Buffer, logN: number, r: number, p: number): Buffer {
  const N = 2 ** logN;
  return scryptSync(secret, salt, 32, { N, r, p, maxmem: 256 * N * r });
}

function deriveAsync(secret: Buffer, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => scrypt(secret, salt, 32, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key))));
}
