import type { Migration } from '../migrate';

/**
 * The register of terminals (issue 5 item 3; decision 0012): every installation and every browser
 * that proved its key, and whether the security administrator designated it for reading archived
 * dossiers (DB3206/T 1060 §4.10.2, 指定地点). A row exists only for a terminal that was seen, so
 * nobody can designate a terminal that never showed its key. The history of designations is in the
 * audit log; the row keeps the current state and who set it.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'terminals',
  up(db) {
    db.exec(`
      CREATE TABLE terminals (
        id TEXT PRIMARY KEY CHECK (length(id) = 14 AND id GLOB 'T-[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),
        fingerprint TEXT NOT NULL UNIQUE CHECK (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9A-F]*'),
        public_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('installation', 'browser')),
        label TEXT NOT NULL DEFAULT '',
        legacy_id TEXT,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        is_designated INTEGER NOT NULL DEFAULT 0 CHECK (is_designated IN (0, 1)),
        designated_by TEXT,
        designated_at TEXT,
        designation_note TEXT NOT NULL DEFAULT '',
        -- The id is the fingerprint's first 12 digits, so neither can be changed without the other.
        CHECK (substr(id, 3) = substr(fingerprint, 1, 12))
      ) STRICT;
    `);
  },
};
