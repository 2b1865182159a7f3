import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { throwIfCancelled } from '../../jobs/jobs';

/**
 * Files the app writes onto a medium, encrypted with the medium's own AES-256-GCM key, so that
 * destroying the key is a cryptographic erase (NIST SP 800-88 Rev. 1 §2.6). Chunked like the STREAM
 * construction (Hoang et al., CRYPTO 2015): each 1 MiB chunk is sealed on its own with the nonce
 * prefix ‖ chunk counter ‖ last-chunk flag, and the header is the AAD of every chunk, so chunks
 * cannot be reordered, dropped, cut off at the end or moved to another file unnoticed, and memory
 * stays flat whatever the record's size.
 *
 * Layout: "DWME" | version 1 | key id (36 ASCII) | nonce prefix (7) | chunk bytes (u32 BE) | chunks,
 * each ciphertext ‖ 16-byte tag.
 */
const MAGIC = Buffer.from('DWME', 'ascii');
const VERSION = 1;
const KEY_ID_BYTES = 36;
const PREFIX_BYTES = 7;
export const CHUNK_BYTES = 1 << 20;
const TAG_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + 1 + KEY_ID_BYTES + PREFIX_BYTES + 4;
export const ENCRYPTED_SUFFIX = '.dwenc';

function nonceFor(prefix: Buffer, counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(counter, PREFIX_BYTES);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

export class ContentCipherError extends Error {}

/** Encrypts `source` to `out` (written to a temporary name, fsynced, renamed); returns the bytes written. */
export function encryptFile(source: string, out: string, key: Buffer, keyId: string, signal: AbortSignal): number {
  if (key.length !== 32 || Buffer.byteLength(keyId, 'ascii') !== KEY_ID_BYTES) throw new Error('a medium key is 32 bytes with a 36-character id');
  const prefix = randomBytes(PREFIX_BYTES);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[4] = VERSION;
  header.write(keyId, 5, 'ascii');
  prefix.copy(header, 5 + KEY_ID_BYTES);
  header.writeUInt32BE(CHUNK_BYTES, 5 + KEY_ID_BYTES + PREFIX_BYTES);
  const tmp = `${out}.${process.pid}.tmp`;
  const inFd = fs.openSync(source, 'r');
  const outFd = fs.openSync(tmp, 'wx', 0o600);
  let written = 0;
  try {
    const size = fs.fstatSync(inFd).size;
    written += fs.writeSync(outFd, header);
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const chunks = Math.max(1, Math.ceil(size / CHUNK_BYTES));
    for (let i = 0; i < chunks; i++) {
      throwIfCancelled(signal);
      const n = fs.readSync(inFd, chunk, 0, Math.min(CHUNK_BYTES, size - i * CHUNK_BYTES), i * CHUNK_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonceFor(prefix, i, i === chunks - 1));
      cipher.setAAD(header);
      const body = Buffer.concat([cipher.update(chunk.subarray(0, n)), cipher.final(), cipher.getAuthTag()]);
      written += fs.writeSync(outFd, body);
    }
    fs.fsyncSync(outFd);
    fs.closeSync(outFd);
    fs.renameSync(tmp, out);
    return written;
  } catch (error) {
    try {
      fs.closeSync(outFd);
    } catch {
      /* already closed */
    }
    fs.rmSync(tmp, { force: true });
    throw error;
  } finally {
    fs.closeSync(inFd);
  }
}

/** The key id a file was encrypted under, or null when it is not one of ours. */
export function keyIdOf(file: string): string | null {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES || !header.subarray(0, 4).equals(MAGIC) || header[4] !== VERSION) return null;
  } finally {
    fs.closeSync(fd);
  }
  return header.toString('ascii', 5, 5 + KEY_ID_BYTES);
}

/** Decrypts a whole file into memory (for checks and small records); any tampering or wrong key throws. */
export function decryptFile(file: string, key: Buffer): Buffer {
  const data = fs.readFileSync(file);
  if (data.length < HEADER_BYTES + TAG_BYTES || !data.subarray(0, 4).equals(MAGIC)) throw new ContentCipherError('不是本软件加密写入的文件。');
  const header = data.subarray(0, HEADER_BYTES);
  const prefix = header.subarray(5 + KEY_ID_BYTES, 5 + KEY_ID_BYTES + PREFIX_BYTES);
  const chunkBytes = header.readUInt32BE(5 + KEY_ID_BYTES + PREFIX_BYTES);
  const sealed = chunkBytes + TAG_BYTES;
  const body = data.subarray(HEADER_BYTES);
  const chunks = Math.max(1, Math.ceil(body.length / sealed));
  const parts: Buffer[] = [];
  for (let i = 0; i < chunks; i++) {
    const piece = body.subarray(i * sealed, Math.min(body.length, (i + 1) * sealed));
    if (piece.length < TAG_BYTES) throw new ContentCipherError('加密文件被截断。');
    const decipher = createDecipheriv('aes-256-gcm', key, nonceFor(prefix, i, i === chunks - 1));
    decipher.setAAD(header);
    decipher.setAuthTag(piece.subarray(piece.length - TAG_BYTES));
    try {
      parts.push(decipher.update(piece.subarray(0, piece.length - TAG_BYTES)), decipher.final());
    } catch {
      throw new ContentCipherError('无法解密：密钥不对，或文件已被改动。');
    }
  }
  return Buffer.concat(parts);
}
