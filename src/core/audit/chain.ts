import { createHash } from 'node:crypto';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  terminalId: string;
  channel: string;
  outcome: string;
  detail: string;
  prevHash: string;
}

/**
 * The canonical encoding: a JSON array of the fields in this fixed order, UTF-8. An array of strings
 * and one integer has exactly one JSON text, so any verifier can recompute it without this code.
 * `seq` is inside so that renumbering or moving an entry changes its hash.
 */
export function canonicalEncoding(f: AuditFields): string {
  return JSON.stringify([f.seq, f.at, f.actor, f.action, f.target, f.terminalId, f.channel, f.outcome, f.detail, f.prevHash]);
}

export function entryHash(f: AuditFields): string {
  return createHash('sha256').update(canonicalEncoding(f), 'utf8').digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Walks the entries in stored order and returns the first place the chain breaks. Pure, so it is
 * tested on plain arrays; `verify.ts` feeds it the table.
 */
export function findChainBreak(entries: Iterable<AuditFields & { hash: string }>): { count: number; headHash: string; broken: ChainBreak | null } {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      const reason =
        e.seq > expectedSeq
          ? `第 ${expectedSeq} 条至第 ${e.seq - 1} 条缺失：日志条目被删除`
          : `第 ${e.seq} 条序号重复或顺序错乱：日志条目被插入或调换`;
      return { count, headHash: prevHash, broken: { seq: expectedSeq, reason } };
    }
    if (e.prevHash !== prevHash) {
      return {
        count,
        headHash: prevHash,
        broken: { seq: e.seq, reason: `第 ${e.seq} 条记录的前一条哈希与第 ${e.seq - 1} 条不符：其前的条目被删除、插入或调换` },
      };
    }
    if (entryHash(e) !== e.hash) {
      return { count, headHash: prevHash, broken: { seq: e.seq, reason: `第 ${e.seq} 条的内容与其哈希不符：该条目被修改` } };
    }
    prevHash = e.hash;
    expectedSeq++;
    count++;
  }
  return { count, headHash: prevHash, broken: null };
}
