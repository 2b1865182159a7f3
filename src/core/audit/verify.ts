import type { AuditVerifyResult, Checkpoint } from '../../contract';
import type { Db } from '../store/db';
import { findChainBreak } from './chain';
import { checkpointSignature } from './checkpoint';
import { iterateAudit } from './log';

/**
 * Recomputes the whole chain from the table, whatever the triggers say, and compares a checkpoint:
 * its signature first (a checkpoint anyone could have written proves nothing), then its entry.
 */
export function verifyAudit(db: Db, checkpoint: Checkpoint | undefined, trustedDer: readonly Buffer[]): AuditVerifyResult {
  const { count, headHash, broken } = findChainBreak(iterateAudit(db));
  let compared: AuditVerifyResult['checkpoint'] = null;
  if (checkpoint) {
    const signature = checkpointSignature(checkpoint, trustedDer);
    const entry = compareCheckpoint(db, checkpoint);
    compared = { matches: signature.isValid && entry.matches, reason: entry.matches && !signature.isValid ? signature.reason : entry.reason, signature };
  }
  return { isIntact: broken === null && (compared?.matches ?? true), count, headHash, broken, checkpoint: compared };
}

/**
 * A checkpoint pins the hash of entry `count`. The log may have grown since; it must still hold that
 * entry with that hash, otherwise it was cut back or rewritten before the checkpoint.
 */
function compareCheckpoint(db: Db, cp: Checkpoint): { matches: boolean; reason: string } {
  if (cp.count === 0) return { matches: true, reason: '检查点为空日志，无可比对内容' };
  const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(cp.count) as { hash: string } | undefined;
  if (!row) {
    const n = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    return { matches: false, reason: `日志被截短：检查点记录了 ${cp.count} 条，现在只有 ${n} 条` };
  }
  if (row.hash !== cp.headHash) {
    return { matches: false, reason: `第 ${cp.count} 条的哈希与检查点不符：检查点之前的日志被改写` };
  }
  return { matches: true, reason: `与检查点一致（${cp.at}，共 ${cp.count} 条）` };
}
