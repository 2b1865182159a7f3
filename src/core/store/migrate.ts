import type Database from 'better-sqlite3';

export interface Migration {
  /** Equal to the NNNN of its file name; `PRAGMA user_version` records the last one applied. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/**
 * Applies each pending migration in its own transaction together with its `user_version` bump, so a
 * failure leaves the database exactly at the previous version.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`迁移编号不连续：期望 ${i + 1}，实际 ${m.version}（${m.name}）`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = sorted.length;
  if (current > latest) {
    throw new Error(`数据库版本（${current}）比本程序支持的版本（${latest}）新，请升级本程序后再打开。`);
  }
  for (const m of sorted.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
