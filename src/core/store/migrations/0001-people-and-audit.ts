import type { Migration } from '../migrate';

export const migration0001: Migration = {
  version: 1,
  name: 'people-and-audit',
  up(db) {
    db.exec(`
      CREATE TABLE unit (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        compiling_unit TEXT NOT NULL,
        fonds_number TEXT NOT NULL,
        set_up_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        department TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE user_roles (
        user_id INTEGER NOT NULL REFERENCES users(id),
        role TEXT NOT NULL,
        PRIMARY KEY (user_id, role)
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        channel TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        ended_at TEXT
      ) STRICT;
      CREATE INDEX sessions_user ON sessions(user_id);

      -- Append-only, hash-chained (src/core/audit/chain.ts). The triggers stop honest mistakes;
      -- the chain and checkpoints catch whoever drops them.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_actor ON audit_log(actor);
      CREATE INDEX audit_log_action ON audit_log(action);
      CREATE INDEX audit_log_at ON audit_log(at);

      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
    `);
  },
};
