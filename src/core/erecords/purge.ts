import fs from 'node:fs';
import type { Context } from '../context';

/**
 * Removes from the file store the bytes of disposed records that no `files` row uses any more (the same
 * recording may also be a case's record, or registered twice: those bytes stay). Runs right after a
 * disposal commits, and again before every disposal, so that bytes left by a crash between the
 * commit and the removal are removed then; the check and the removal are one synchronous step, so no
 * call of this process can store a file of the same bytes in between. Returns what was removed.
 */
export function purgeDisposedBytes(ctx: Context, sha256s?: readonly string[]): string[] {
  const candidates =
    sha256s ??
    (ctx.db.prepare('SELECT DISTINCT sha256 FROM electronic_record_files WHERE file_id IS NULL').all() as { sha256: string }[]).map((r) => r.sha256);
  const stillUsed = ctx.db.prepare('SELECT 1 FROM files WHERE sha256 = ? LIMIT 1');
  const removed: string[] = [];
  for (const sha256 of new Set(candidates)) {
    if (stillUsed.get(sha256) || !fs.existsSync(ctx.vault.pathOf(sha256))) continue;
    try {
      ctx.vault.discard(sha256);
      removed.push(sha256);
    } catch (error) {
      // The disposal stands; the next one removes what is left.
      console.error(`[erecords] 未能删除存储区文件 ${sha256}：`, error);
    }
  }
  return removed;
}
