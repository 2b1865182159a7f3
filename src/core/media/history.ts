import type { MediumStatus } from '../../contract';
import type { Db } from '../store/db';

export interface MediumEvent {
  at: string;
  actor: string;
  /** What happened, in Chinese (登记, 领用申请, 审批, 备案, 交付, 归还 …). */
  action: string;
  detail?: string;
  /** When given, the medium moves to this status in the same call, with `holder` and `dueAt`. */
  toStatus?: MediumStatus;
  holder?: string | null;
  dueAt?: string | null;
}

/**
 * Appends to the medium's history (DB3206/T 1060 §6.1.3 a: the register keeps every action) and,
 * for a status change, moves the medium in the same statement sequence, so the history and the
 * register never disagree. A status other than checked-out clears holder and due date unless given:
 * the table's CHECK ties the holder to checked-out.
 */
export function recordMediumEvent(db: Db, mediumId: number, e: MediumEvent): void {
  const current = db.prepare('SELECT status, holder, due_at FROM media WHERE id = ?').get(mediumId) as
    | { status: MediumStatus; holder: string | null; due_at: string | null }
    | undefined;
  if (!current) throw new Error(`medium ${mediumId} not in the register`);
  if (e.toStatus !== undefined) {
    const keepsHolder = e.toStatus === 'checked-out';
    const holder = e.holder !== undefined ? e.holder : keepsHolder ? current.holder : null;
    const dueAt = e.dueAt !== undefined ? e.dueAt : keepsHolder ? current.due_at : null;
    db.prepare('UPDATE media SET status = ?, holder = ?, due_at = ? WHERE id = ?').run(e.toStatus, holder, dueAt, mediumId);
  }
  db.prepare('INSERT INTO media_events (medium_id, at, actor, action, detail, from_status, to_status) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    mediumId,
    e.at,
    e.actor,
    e.action,
    e.detail ?? '',
    e.toStatus !== undefined ? current.status : null,
    e.toStatus ?? null,
  );
}
