import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the archive database and brings its schema up to date.
 * WAL lets the UI read while a long job writes; `synchronous = FULL` because an archive would rather
 * be slow than lose a committed audit entry on power loss; foreign keys are off by default in SQLite.
 */
export function openDatabase(file: string, nativeBinding?: string): Db {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, MIGRATIONS);
    reuseStatements(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Distinct SQL texts kept prepared; the stores build a few dozen variants at most (column lists, filters). */
const KEPT_STATEMENTS = 256;

/**
 * `db.prepare(sql)` gives the statement it prepared before for the same text (decision 0021). The stores
 * prepare where they query, so a dossier of 30 records prepared ~150 statements before its first page,
 * each parsed and planned again by SQLite (~20 ms of every compile). A statement comes back in its
 * default mode (not raw, plucked or expanded); one still being iterated is not shared, a new one is
 * prepared instead. No store binds parameters to a statement for good (`Statement.bind`), which a
 * shared statement could not allow.
 */
function reuseStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const kept = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement;
    }
    const prepared = prepare(source);
    if (!statement) {
      if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      kept.set(source, prepared);
    }
    return prepared;
  }) as Db['prepare'];
}
