import type { Migration } from '../migrate';

/**
 * Corrections before signing (DB3206/T 1060 §6.2.2 c: 加划改符号 with the reason). Each is a region of
 * one page, as fractions of the upright page, struck through visibly when the record is signed; kept
 * as the record's history and never deleted.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'record-corrections',
  up(db) {
    db.exec(`
      CREATE TABLE record_corrections (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES records(id),
        page INTEGER NOT NULL CHECK (page >= 1),
        x REAL NOT NULL CHECK (x >= 0 AND x <= 1),
        y REAL NOT NULL CHECK (y >= 0 AND y <= 1),
        width REAL NOT NULL CHECK (width > 0 AND x + width <= 1.000001),
        height REAL NOT NULL CHECK (height > 0 AND y + height <= 1.000001),
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX record_corrections_record ON record_corrections(record_id);
    `);
  },
};
