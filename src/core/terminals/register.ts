import type { TerminalDto, TerminalKind } from '../../contract';
import type { Db } from '../store/db';

interface TerminalRow {
  id: string;
  fingerprint: string;
  public_key: string;
  kind: TerminalKind;
  label: string;
  legacy_id: string | null;
  first_seen_at: string;
  last_seen_at: string;
  is_designated: 0 | 1;
  designated_by: string | null;
  designated_at: string | null;
  designation_note: string;
}

export interface SeenTerminal {
  id: string;
  fingerprint: string;
  publicKey: string;
  kind: TerminalKind;
  label: string;
  legacyId: string | null;
}

/** last_seen_at moves at most once a minute, so reading does not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;

function toDto(row: TerminalRow): TerminalDto {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    kind: row.kind,
    label: row.label,
    legacyId: row.legacy_id,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    isDesignated: row.is_designated === 1,
    designatedBy: row.designated_by,
    designatedAt: row.designated_at,
    designationNote: row.designation_note,
  };
}

/**
 * Enters a terminal that showed its key, or notes that it was seen again. false when the id is taken
 * by another key (a 48-bit prefix collision, found by chance or made on purpose): that terminal stays
 * unregistered rather than borrowing the other one's designation.
 */
export function registerSeen(db: Db, t: SeenTerminal, at: string): boolean {
  const existing = db.prepare('SELECT fingerprint FROM terminals WHERE id = ?').get(t.id) as { fingerprint: string } | undefined;
  if (existing) {
    if (existing.fingerprint !== t.fingerprint) return false;
    db.prepare('UPDATE terminals SET last_seen_at = ? WHERE id = ?').run(at, t.id);
    return true;
  }
  db.prepare(
    `INSERT INTO terminals (id, fingerprint, public_key, kind, label, legacy_id, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.id, t.fingerprint, t.publicKey, t.kind, t.label, t.legacyId, at, at);
  return true;
}

export function touchSeen(db: Db, id: string, now: Date): void {
  const before = new Date(now.getTime() - TOUCH_INTERVAL_MS).toISOString();
  db.prepare('UPDATE terminals SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?').run(now.toISOString(), id, before);
}

export function getTerminal(db: Db, id: string): TerminalDto | null {
  const row = db.prepare('SELECT * FROM terminals WHERE id = ?').get(id) as TerminalRow | undefined;
  return row ? toDto(row) : null;
}

export function listTerminals(db: Db): TerminalDto[] {
  const rows = db.prepare('SELECT * FROM terminals ORDER BY is_designated DESC, last_seen_at DESC, id').all() as TerminalRow[];
  return rows.map(toDto);
}

export function setDesignation(db: Db, id: string, isDesignated: boolean, by: string, at: string, note: string): void {
  db.prepare('UPDATE terminals SET is_designated = ?, designated_by = ?, designated_at = ?, designation_note = ? WHERE id = ?').run(
    isDesignated ? 1 : 0,
    by,
    at,
    note,
    id,
  );
}

/**
 * Whether a terminal is a designated reading terminal (DB3206/T 1060 §4.10.2): the register's row
 * for that id must hold the same fingerprint, so only the key that registered the id inherits it.
 */
export function isDesignatedTerminal(db: Db, id: string, fingerprint: string | null): boolean {
  if (!fingerprint) return false;
  const row = db.prepare('SELECT 1 FROM terminals WHERE id = ? AND fingerprint = ? AND is_designated = 1').get(id, fingerprint);
  return row !== undefined;
}
