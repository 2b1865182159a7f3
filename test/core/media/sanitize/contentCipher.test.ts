import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, decryptFile, encryptFile, HEADER_BYTES, keyIdOf } from '../../../../src/core/media/sanitize/contentCipher';
import { tempDir } from '../../../helpers/core';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const SEALED = CHUNK_BYTES + 16;

describe('medium content encryption (chunked AES-256-GCM)', () => {
  it('round-trips, and refuses a cut-off end, swapped chunks, another key and another file’s header', () => {
    const dir = tempDir('cipher-');
    dirs.push(dir);
    const plain = randomBytes(2 * CHUNK_BYTES + 12345);
    const source = path.join(dir, 'plain.pdf');
    fs.writeFileSync(source, plain);
    const key = randomBytes(32);
    const keyId = randomUUID();
    const out = path.join(dir, 'a.dwenc');
    const bytes = encryptFile(source, out, key, keyId, new AbortController().signal);
    expect(bytes).toBe(HEADER_BYTES + plain.length + 3 * 16);
    expect(keyIdOf(out)).toBe(keyId);
    expect(decryptFile(out, key).equals(plain)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.dwenc', 'plain.pdf']);

    const cipher = fs.readFileSync(out);
    const variant = (name: string, data: Buffer) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, data);
      return f;
    };
    // The last chunk dropped: what remains ends on a chunk not flagged last.
    expect(() => decryptFile(variant('cut.dwenc', cipher.subarray(0, HEADER_BYTES + 2 * SEALED)), key)).toThrow();
    const body = cipher.subarray(HEADER_BYTES);
    const swapped = Buffer.concat([cipher.subarray(0, HEADER_BYTES), body.subarray(SEALED, 2 * SEALED), body.subarray(0, SEALED), body.subarray(2 * SEALED)]);
    expect(() => decryptFile(variant('swapped.dwenc', swapped), key)).toThrow();
    expect(() => decryptFile(out, randomBytes(32))).toThrow(/密钥不对/);
    // A second file under the same key has its own nonce prefix: chunks do not move between files.
    const other = path.join(dir, 'b.dwenc');
    encryptFile(source, other, key, keyId, new AbortController().signal);
    const mixed = Buffer.concat([fs.readFileSync(other).subarray(0, HEADER_BYTES), body]);
    expect(() => decryptFile(variant('mixed.dwenc', mixed), key)).toThrow();
  });
});
