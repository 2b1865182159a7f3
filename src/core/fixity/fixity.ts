import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FixityFinding } from '../../contract';
import { throwIfCancelled, type JobControl } from '../jobs/jobs';
import type { Db } from '../store/db';
import type { Vault } from '../vault/vault';

interface StoredRow {
  sha256: string;
  size: number;
  files: string; // JSON array of { id, name }
}

/** SHA-256 of a file by streaming, so that a 2 GB recording costs no more memory than a page. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20, signal })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Re-hashes every stored file and compares it with the SHA-256 recorded when it was stored
 * (DB3206/T 1060 §6.2.2 e: records kept read-only; DA/T 70 integrity). Identical bytes are stored
 * once, so each content is read once and its findings are reported for every file row that uses it.
 */
export async function checkFixity(
  db: Db,
  vault: Vault,
  control: JobControl,
  onFinding: (finding: FixityFinding) => void,
): Promise<{ checked: number; bytes: number; findings: FixityFinding[] }> {
  const contents = db
    .prepare(
      `SELECT sha256, max(size) AS size, json_group_array(json_object('id', id, 'name', name)) AS files
       FROM files GROUP BY sha256 ORDER BY min(id)`,
    )
    .all() as StoredRow[];
  const total = contents.length;
  const findings: FixityFinding[] = [];
  let bytes = 0;
  control.progress(0, total, `共 ${total} 个文件`);
  for (const [i, row] of contents.entries()) {
    throwIfCancelled(control.signal);
    const found = await check(vault.pathOf(row.sha256), row.sha256, control.signal);
    bytes += found.bytes;
    if (found.problem) {
      for (const file of JSON.parse(row.files) as { id: number; name: string }[]) {
        const finding: FixityFinding = {
          fileId: String(file.id),
          name: file.name,
          sha256: row.sha256,
          problem: found.problem,
          actualSha256: found.actual,
          message:
            found.problem === 'missing'
              ? `文件“${file.name}”在存储区中缺失（应有 SHA-256 ${row.sha256.slice(0, 16)}…）。请从备份恢复。`
              : `文件“${file.name}”的内容已改变（记录的 SHA-256 ${row.sha256.slice(0, 16)}…，现为 ${found.actual!.slice(0, 16)}…）。请从备份恢复并查明原因。`,
        };
        findings.push(finding);
        onFinding(finding);
      }
    }
    control.progress(i + 1, total, `已校验 ${i + 1} / ${total}`);
  }
  return { checked: total, bytes, findings };
}

async function check(path: string, expected: string, signal: AbortSignal): Promise<{ problem: 'missing' | 'changed' | null; actual: string | null; bytes: number }> {
  try {
    const { sha256, bytes } = await hashFile(path, signal);
    return { problem: sha256 === expected ? null : 'changed', actual: sha256 === expected ? null : sha256, bytes };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problem: 'missing', actual: null, bytes: 0 };
    throw error;
  }
}
