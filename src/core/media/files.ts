import type { FileRef } from '../../contract';
import type { Context } from '../context';
import type { Db } from '../store/db';

export function fileRefById(db: Db, fileId: number | null): FileRef | null {
  if (fileId === null) return null;
  const f = db.prepare('SELECT id, name, size, sha256, media_type FROM files WHERE id = ?').get(fileId) as { id: number; name: string; size: number; sha256: string; media_type: string } | undefined;
  return f ? { id: String(f.id), name: f.name, size: f.size, sha256: f.sha256, mediaType: f.media_type } : null;
}

/**
 * Puts a finished file into the content-addressed store and gives it a `files` row, inside the
 * caller's transaction; bytes new to the store are taken out again if that transaction rolls back.
 */
export function storeFile(ctx: Context, tmpPath: string, name: string, mediaType: string): { fileId: number; ref: FileRef } {
  const stored = ctx.vault.put(tmpPath);
  if (stored.isNew) ctx.onRollback(() => ctx.vault.discard(stored.sha256));
  const fileId = Number(ctx.db.prepare('INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, ?, ?)').run(stored.sha256, stored.size, name, mediaType, ctx.nowIso).lastInsertRowid);
  return { fileId, ref: fileRefById(ctx.db, fileId)! };
}
