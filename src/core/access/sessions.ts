import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/db';
import { getSetting } from '../store/settings';

/** Only the token's hash is stored, so a copy of the database does not hand out live sessions. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function startSession(db: Db, userId: number, channel: string, nowIso: string): string {
  const token = randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO sessions (token_hash, user_id, channel, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(
    hashToken(token),
    userId,
    channel,
    nowIso,
    nowIso,
  );
  return token;
}

export type SessionLookup = { status: 'active'; userId: number; lastSeenAt: string } | { status: 'idle' } | { status: 'none' };

/** Finds a live session and touches it; a session idle past the unit's limit is ended here. */
export function resolveSession(db: Db, token: string | null, now: Date): SessionLookup {
  if (!token) return { status: 'none' };
  const key = hashToken(token);
  const row = db.prepare('SELECT user_id, last_seen_at FROM sessions WHERE token_hash = ? AND ended_at IS NULL').get(key) as
    | { user_id: number; last_seen_at: string }
    | undefined;
  if (!row) return { status: 'none' };
  const idleMs = getSetting(db, 'session.idleMinutes') * 60_000;
  if (now.getTime() - Date.parse(row.last_seen_at) > idleMs) {
    db.prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ?').run(now.toISOString(), key);
    return { status: 'idle' };
  }
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now.toISOString(), key);
  return { status: 'active', userId: row.user_id, lastSeenAt: now.toISOString() };
}

export function endSession(db: Db, token: string | null, nowIso: string): void {
  if (token) db.prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL').run(nowIso, hashToken(token));
}

export function endSessionsOf(db: Db, userId: number, nowIso: string): void {
  db.prepare('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL').run(nowIso, userId);
}
