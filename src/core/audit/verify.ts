import type { AuditVerifyResult, Checkpoint } from '../../contract';
import type { Db } from '../store/db';
import { findChainBreak } from './chain';
import { iterateAudit } from './log';

export const CHECKPOINT_FORMAT = 'dossier-audit-checkpoint/1' as const;

/** Recomputes the whole chain from the table, whatever the triggers say, and compares a checkpoint. */
export function verifyAudit(db: Db, checkpoint?: Checkpoint): AuditVerifyResult {
  const { count, headHash, broken } = findChainBreak(iterateAudit(db));
  return {
    isIntact: broken === null && (checkpoint ? compareCheckpoint(db, checkpoint).matches : true),
    count,
    headHash,
    broken,
    checkpoint: checkpoint ? compareCheckpoint(db, checkpoint) : null,
  };
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

export function makeCheckpoint(db: Db, fondsNumber: string, terminalId: string, at: string): Checkpoint {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return {
    format: CHECKPOINT_FORMAT,
    fondsNumber,
    terminalId,
    count: head?.seq ?? 0,
    headHash: head?.hash ?? '0'.repeat(64),
    at,
  };
}
