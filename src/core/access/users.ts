import type { Role, UnitInfo, UserDto } from '../../contract';
import type { AuthUser } from '../context';
import { CoreError, notFound } from '../errors';
import type { Db } from '../store/db';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  department: string;
  password_hash: string;
  is_active: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

export type StoredUser = UserRow;

function rolesOf(db: Db, userId: number): Role[] {
  return (db.prepare('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role').all(userId) as { role: Role }[]).map((r) => r.role);
}

export function toUserDto(db: Db, row: UserRow, now: Date): UserDto {
  const isLocked = row.locked_until !== null && row.locked_until > now.toISOString();
  return {
    id: String(row.id),
    username: row.username,
    displayName: row.display_name,
    department: row.department,
    roles: rolesOf(db, row.id),
    isActive: row.is_active === 1,
    lockedUntil: isLocked ? row.locked_until : null,
    createdAt: row.created_at,
  };
}

export function findUserByName(db: Db, username: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

export function getUserRow(db: Db, id: string | number): UserRow {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(Number(id)) as UserRow | undefined;
  if (!row) throw notFound('该人员');
  return row;
}

export function toAuthUser(db: Db, row: UserRow): AuthUser {
  return { id: row.id, username: row.username, displayName: row.display_name, department: row.department, roles: rolesOf(db, row.id) };
}

export function insertUser(
  db: Db,
  u: { username: string; displayName: string; department: string; roles: Role[]; passwordHash: string },
  nowIso: string,
): UserRow {
  if (findUserByName(db, u.username)) throw new CoreError('conflict', `用户名“${u.username}”已被使用，请换一个。`, 'username');
  const { lastInsertRowid } = db
    .prepare('INSERT INTO users (username, display_name, department, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(u.username, u.displayName, u.department, u.passwordHash, nowIso);
  replaceRoles(db, Number(lastInsertRowid), u.roles);
  return getUserRow(db, Number(lastInsertRowid));
}

export function replaceRoles(db: Db, userId: number, roles: readonly Role[]): void {
  db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(userId);
  const insert = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
  for (const role of new Set(roles)) insert.run(userId, role);
}

export function countActiveWithRole(db: Db, role: Role): number {
  return (
    db
      .prepare('SELECT count(*) AS n FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = ? AND u.is_active = 1')
      .get(role) as { n: number }
  ).n;
}

export function getUnit(db: Db): UnitInfo | null {
  const row = db.prepare('SELECT compiling_unit, fonds_number, set_up_at FROM unit WHERE id = 1').get() as
    | { compiling_unit: string; fonds_number: string; set_up_at: string }
    | undefined;
  return row ? { compilingUnit: row.compiling_unit, fondsNumber: row.fonds_number, setUpAt: row.set_up_at } : null;
}
