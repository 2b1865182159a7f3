import type { Classification, MediumDto, MediumKind, MediumStatus } from '../../contract';
import { CoreError } from '../errors';
import type { Db } from '../store/db';

/** A row of the `media` table (migration 0012) as better-sqlite3 returns it. */
export interface MediumRow {
  id: number;
  tag: string;
  kind: MediumKind;
  classification: Classification;
  brand: string;
  model: string;
  serial: string;
  capacity_bytes: number | null;
  department: string;
  note: string;
  status: MediumStatus;
  holder: string | null;
  due_at: string | null;
  registered_at: string;
  registered_by: string;
  identity_nonce: string | null;
  identity_written_at: string | null;
}

export function findMediumByTag(db: Db, tag: string): MediumRow | undefined {
  return db.prepare('SELECT * FROM media WHERE tag = ?').get(tag.trim().toUpperCase()) as MediumRow | undefined;
}

export function getMediumByTag(db: Db, tag: string): MediumRow {
  const row = findMediumByTag(db, tag);
  if (!row) throw new CoreError('not-found', `台账中没有资产编号为 ${tag} 的存储介质。请核对标签上的资产编号，或先登记该介质。`, 'tag');
  return row;
}

export function getMediumById(db: Db, id: number): MediumRow {
  const row = db.prepare('SELECT * FROM media WHERE id = ?').get(id) as MediumRow | undefined;
  if (!row) throw new CoreError('not-found', '该存储介质不在台账中，可能已被删除，请刷新后重试。');
  return row;
}

export function displayNameOf(db: Db, username: string | null): string | null {
  if (!username) return null;
  const row = db.prepare('SELECT display_name FROM users WHERE username = ?').get(username) as { display_name: string } | undefined;
  return row?.display_name ?? username;
}

export function toMediumDto(db: Db, row: MediumRow, nowIso: string): MediumDto {
  const hasKey = db.prepare('SELECT 1 FROM media_keys WHERE medium_id = ?').get(row.id) !== undefined;
  return {
    id: String(row.id),
    tag: row.tag,
    kind: row.kind,
    classification: row.classification,
    brand: row.brand,
    model: row.model,
    serial: row.serial,
    capacityBytes: row.capacity_bytes,
    department: row.department,
    holder: row.holder,
    holderName: displayNameOf(db, row.holder),
    status: row.status,
    registeredAt: row.registered_at,
    registeredBy: row.registered_by,
    note: row.note,
    identityWrittenAt: row.identity_written_at,
    hasContentKey: hasKey,
    isOverdue: row.status === 'checked-out' && row.due_at !== null && row.due_at < nowIso,
    dueAt: row.due_at,
  };
}
