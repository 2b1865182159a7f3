import type { FileRef } from '../../contract';
import type { Context } from '../context';
import type { Db } from '../store/db';

export function fileRefById(db: Db, fileId: number | null): FileRef | null {
  if (fileId === null) return null;
  const f = db.prepare('SELECT id, name, size, sha256, media_type FROM files WHERE id = ?').get(fileId) as { id: number; name: string; size: number; sha256: string; media_type: string } | undefined;
  return f ? { id: String(f.id), name: f.name, size: f.size, sha256: f.sha256, mediaType: f.media_type } : null;
}

export interface StoredRow {
  fileId: number;
  ref: FileRef;
}

/**
 * Puts a finished file into the content-addressed store, then in one transaction gives it its `files`
 * row and runs `work` (the rows that refer to it). If that transaction fails, bytes this call added to
 * the store are taken out again, so the store never keeps a file that no row names. Not through
 * `ctx.onRollback`: a long call's audit entry is written after its work has committed, and a failure
 * there must not remove a file that committed rows already refer to.
 */
export function withStoredFile<T>(ctx: Context, tmpPath: string, name: string, mediaType: string, work: (file: StoredRow) => T): T {
  const stored = ctx.vault.put(tmpPath);
  try {
    return ctx.db.transaction(() => {
      const fileId = Number(ctx.db.prepare('INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, ?, ?)').run(stored.sha256, stored.size, name, mediaType, ctx.nowIso).lastInsertRowid);
      return work({ fileId, ref: fileRefById(ctx.db, fileId)! });
    })();
  } catch (error) {
    if (stored.isNew) ctx.vault.discard(stored.sha256);
    throw error;
  }
}
