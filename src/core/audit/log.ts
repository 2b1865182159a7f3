import type { AuditEntryDto, AuditOutcome, Page } from '../../contract';
import type { Db } from '../store/db';
import { GENESIS_HASH, entryHash, type AuditFields } from './chain';

export interface AuditEvent {
  at: string;
  actor: string;
  action: string;
  target: string;
  terminalId: string;
  channel: string;
  outcome: AuditOutcome;
  detail: string;
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  terminal_id: string;
  channel: string;
  outcome: AuditOutcome;
  detail: string;
  prev_hash: string;
  hash: string;
}

/**
 * Appends one entry. Must run inside the caller's transaction when it records a change, so that the
 * change and its entry commit together or not at all. better-sqlite3 is synchronous and one
 * connection serves the process, so reading the head and inserting cannot interleave.
 */
export function appendAudit(db: Db, event: AuditEvent): number {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const fields: AuditFields = { ...event, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
  db.prepare(
    `INSERT INTO audit_log (seq, at, actor, action, target, terminal_id, channel, outcome, detail, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @target, @terminalId, @channel, @outcome, @detail, @prevHash, @hash)`,
  ).run({ ...fields, hash: entryHash(fields) });
  return fields.seq;
}

export function* iterateAudit(db: Db): Generator<AuditFields & { hash: string }> {
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY rowid').iterate() as Iterable<Row>) {
    yield {
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      terminalId: r.terminal_id,
      channel: r.channel,
      outcome: r.outcome,
      detail: r.detail,
      prevHash: r.prev_hash,
      hash: r.hash,
    };
  }
}

export interface AuditFilter {
  actor: string;
  action: string;
  target: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export function listAudit(db: Db, f: AuditFilter): Page<AuditEntryDto> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const like = { actor: f.actor, action: f.action, target: f.target };
  for (const [column, text] of Object.entries(like)) {
    if (!text) continue;
    where.push(`${column} LIKE @${column}`);
    params[column] = `%${text}%`;
  }
  if (f.from) {
    where.push('at >= @from');
    params.from = f.from;
  }
  if (f.to) {
    where.push('at <= @to');
    params.to = f.to;
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${clause}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: f.limit, offset: f.offset }) as Row[];
  return {
    total,
    items: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      terminalId: r.terminal_id,
      channel: r.channel,
      outcome: r.outcome,
      detail: r.detail,
      hash: r.hash,
    })),
  };
}
