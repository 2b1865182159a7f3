import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from '../../context';
import { CoreError } from '../../errors';

export interface MediumKey {
  keyId: string;
  key: Buffer;
}

function protector(ctx: Context) {
  if (!ctx.keyProtector) throw new CoreError('bad-request', '介质密钥由单位签章私钥的保护方式封存，当前无法使用：请提供私钥保护口令（命令行用 DOSSIER_KEY_PASSPHRASE）。');
  return ctx.keyProtector;
}

/**
 * The medium's content key, made on first use. Sealed with the unit's key protector, the same one
 * that seals the signing key (OS key store in the app, a passphrase in the CLI): a copy of the database
 * alone does not decrypt what is on the media, and destroying the row destroys the only usable copy.
 */
export function mediumKey(ctx: Context, mediumId: number): MediumKey {
  const row = ctx.db.prepare('SELECT key_id, sealed_key FROM media_keys WHERE medium_id = ?').get(mediumId) as { key_id: string; sealed_key: Buffer } | undefined;
  if (row) return { keyId: row.key_id, key: protector(ctx).unprotect(row.sealed_key) };
  const key = randomBytes(32);
  const keyId = randomUUID();
  ctx.db.prepare('INSERT INTO media_keys (medium_id, key_id, sealed_key, created_at) VALUES (?, ?, ?, ?)').run(mediumId, keyId, protector(ctx).protect(key), ctx.nowIso);
  return { keyId, key };
}

/**
 * Cryptographic erase (NIST SP 800-88 Rev. 1 §2.6): the sealed key is overwritten in place, then
 * deleted with secure_delete on, so SQLite zeroes the freed cells in the main file too. Its old page
 * images may still sit in the WAL: the caller checkpoints with TRUNCATE once this transaction commits
 * (`truncateWal`), which copies the zeroed pages back and cuts the WAL to zero length.
 */
export function destroyMediumKey(ctx: Context, mediumId: number): { keyId: string } | null {
  const row = ctx.db.prepare('SELECT key_id, length(sealed_key) AS n FROM media_keys WHERE medium_id = ?').get(mediumId) as { key_id: string; n: number } | undefined;
  if (!row) return null;
  const before = ctx.db.pragma('secure_delete', { simple: true }) as number;
  ctx.db.pragma('secure_delete = ON');
  try {
    ctx.db.prepare('UPDATE media_keys SET sealed_key = zeroblob(?) WHERE medium_id = ?').run(row.n, mediumId);
    ctx.db.prepare('DELETE FROM media_keys WHERE medium_id = ?').run(mediumId);
  } finally {
    ctx.db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
  return { keyId: row.key_id };
}

/** After the erase commits: WAL frames that held the sealed key are copied back (zeroed) and the WAL truncated. */
export function truncateWal(ctx: Context): { busy: boolean } {
  const [result] = ctx.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return { busy: (result?.busy ?? 1) !== 0 };
}
