import type { Migration } from '../migrate';

/**
 * Signed PDF versions of a record (DB3206/T 1060 §6.2.2 b, d). A signed version never changes; a
 * correction after signing is a further version that names the one it supersedes and why, and the
 * original stays.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'record-versions',
  up(db) {
    db.exec(`
      CREATE TABLE record_versions (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES records(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        file_id INTEGER NOT NULL REFERENCES files(id),
        page_count INTEGER NOT NULL,
        blank_pages TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(blank_pages)),
        has_ocr INTEGER NOT NULL CHECK (has_ocr IN (0, 1)),
        signer_fingerprint TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        supersedes INTEGER REFERENCES record_versions(id),
        reason TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (record_id, version),
        CHECK ((version = 1) = (supersedes IS NULL))
      ) STRICT;
    `);
  },
};
