import type { AccessSettingsDto, Role } from '../../contract';
import type { Db } from '../store/db';
import { DEFAULT_ACCESS_SETTINGS } from './policy';

const KEY = 'access.settings';
export const DEFAULT_READING_IDLE_MINUTES = 10;

/**
 * The unit's access settings (§4.10.1 授权人员; the reading room's idle limit), with the defaults
 * where the security administrator has set nothing.
 */
export function accessSettings(db: Db): AccessSettingsDto {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  const stored = row ? (JSON.parse(row.value) as Partial<AccessSettingsDto>) : {};
  return {
    preArchiveReaders: stored.preArchiveReaders ?? [...DEFAULT_ACCESS_SETTINGS.preArchiveReaders],
    readingIdleMinutes: stored.readingIdleMinutes ?? DEFAULT_READING_IDLE_MINUTES,
  };
}

export function saveAccessSettings(db: Db, settings: { preArchiveReaders: Role[]; readingIdleMinutes: number }): AccessSettingsDto {
  const value: AccessSettingsDto = { preArchiveReaders: [...new Set(settings.preArchiveReaders)], readingIdleMinutes: settings.readingIdleMinutes };
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(value));
  return value;
}
