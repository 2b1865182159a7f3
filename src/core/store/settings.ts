import type { ChainStepDto } from '../../contract';
import type { Db } from './db';

/** Unit settings with their defaults; stored as JSON values so types survive the round trip. */
export const SETTING_DEFAULTS = {
  /** Idle minutes before a session ends. */
  'session.idleMinutes': 30,
  /** Failed logins in a row that lock an account. */
  'login.maxFailures': 5,
  /** Minutes an account stays locked. */
  'login.lockMinutes': 15,
  /** Resolution assumed for a scan whose header states none (DA/T 31 asks for 300 dpi; issue 3 item 2). */
  'scan.defaultDpi': 300,
  /** Every medium's asset tag matches this (DB3206/T 1060 §6.1.3 a 编号); e.g. NTYC-2026-0001. */
  'media.assetTagPattern': '^[A-Z]{2,8}-\\d{4}-\\d{4}$' as string,
  'media.assetTagExample': 'NTYC-2026-0001' as string,
  /** §6.1.3 c: 部门负责人审批, then 信息中心备案. */
  'media.checkoutChain': [
    { role: 'department-head', label: '部门负责人审批' },
    { role: 'info-centre', label: '信息中心备案' },
  ] as readonly ChainStepDto[],
  'media.wipeChain': [{ role: 'department-head', label: '部门负责人审批' }] as readonly ChainStepDto[],
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

export function getSetting<K extends SettingKey>(db: Db, key: K): (typeof SETTING_DEFAULTS)[K] {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as (typeof SETTING_DEFAULTS)[K]) : SETTING_DEFAULTS[key];
}

export function setSetting<K extends SettingKey>(db: Db, key: K, value: (typeof SETTING_DEFAULTS)[K]): void {
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
