import type { Volume } from '../../contract';
import type { Db } from '../store/db';
import { pageEntry } from './pages';

/** The volume files a session reads, pinned when it opens (the reader was told these page counts). */
export interface SessionVolume {
  volume: Volume;
  edition: number;
  fileId: number;
  sha256: string;
  pageCount: number;
}

export type CloseReason = 'closed' | 'idle' | 'refused' | 'superseded';

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  closed: '查阅人结束查阅',
  idle: '闲置超时',
  refused: '授权不再允许查阅',
  superseded: '同一终端上打开了新的查阅',
};

export interface ReadingSession {
  id: string;
  caseId: number;
  username: string;
  terminalId: string;
  requestId: number | null;
  openedAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  closeReason: CloseReason | '';
  volumes: SessionVolume[];
  pagesViewed: string[];
}

interface Row {
  id: string;
  case_id: number;
  username: string;
  terminal_id: string;
  request_id: number | null;
  opened_at: string;
  last_seen_at: string;
  closed_at: string | null;
  close_reason: CloseReason | '';
  volumes: string;
  pages_viewed: string;
}

const toSession = (r: Row): ReadingSession => ({
  id: r.id,
  caseId: r.case_id,
  username: r.username,
  terminalId: r.terminal_id,
  requestId: r.request_id,
  openedAt: r.opened_at,
  lastSeenAt: r.last_seen_at,
  closedAt: r.closed_at,
  closeReason: r.close_reason,
  volumes: JSON.parse(r.volumes) as SessionVolume[],
  pagesViewed: JSON.parse(r.pages_viewed) as string[],
});

export function insertSession(db: Db, s: { id: string; caseId: number; username: string; terminalId: string; requestId: number | null; at: string; volumes: SessionVolume[] }): void {
  db.prepare(
    `INSERT INTO reading_sessions (id, case_id, username, terminal_id, request_id, opened_at, last_seen_at, volumes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.id, s.caseId, s.username, s.terminalId, s.requestId, s.at, s.at, JSON.stringify(s.volumes));
}

export function getSession(db: Db, id: string): ReadingSession | null {
  const row = db.prepare('SELECT * FROM reading_sessions WHERE id = ?').get(id) as Row | undefined;
  return row ? toSession(row) : null;
}

/** Sessions still open for a person at a terminal (a window closed without reading.close leaves one). */
export function openSessionsOf(db: Db, username: string, terminalId: string): ReadingSession[] {
  return (db.prepare('SELECT * FROM reading_sessions WHERE username = ? AND terminal_id = ? AND closed_at IS NULL ORDER BY opened_at').all(username, terminalId) as Row[]).map(toSession);
}

/** Open sessions of anyone whose last page was before `beforeIso`: past the idle limit, never closed. */
export function idleOpenSessions(db: Db, beforeIso: string): ReadingSession[] {
  return (db.prepare('SELECT * FROM reading_sessions WHERE closed_at IS NULL AND last_seen_at < ? ORDER BY last_seen_at').all(beforeIso) as Row[]).map(toSession);
}

/** Adds the page to the pages viewed (once, in the order first seen) and marks the session active. */
export function recordPageViewed(db: Db, id: string, volume: Volume, page: number, at: string): void {
  db.transaction(() => {
    const row = db.prepare('SELECT pages_viewed FROM reading_sessions WHERE id = ?').get(id) as { pages_viewed: string };
    const pages = JSON.parse(row.pages_viewed) as string[];
    const entry = pageEntry(volume, page);
    if (!pages.includes(entry)) pages.push(entry);
    db.prepare('UPDATE reading_sessions SET pages_viewed = ?, last_seen_at = max(last_seen_at, ?) WHERE id = ?').run(JSON.stringify(pages), at, id);
  })();
}

export function touchSession(db: Db, id: string, at: string): void {
  db.prepare('UPDATE reading_sessions SET last_seen_at = max(last_seen_at, ?) WHERE id = ? AND closed_at IS NULL').run(at, id);
}

/** Ends a session once; a second close keeps the first reason and time. */
export function closeSession(db: Db, id: string, at: string, reason: CloseReason): void {
  db.prepare('UPDATE reading_sessions SET closed_at = ?, close_reason = ? WHERE id = ? AND closed_at IS NULL').run(at, reason, id);
}
