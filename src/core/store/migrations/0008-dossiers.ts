import type { Migration } from '../migrate';

/**
 * Dossiers (DB3206/T 1060 §5.5). The case side of the covers and the remarks sheet already lives in
 * dossier_drafts (0002); this adds what the archive department assigns on acceptance (分类号, 案卷号),
 * the archivist's binding choices, the page-number position, the compiled volumes, the 四性检测
 * reports and the unit's own rules (binding template, required records, stamp position). 归档号 and 案卷号 are unique; once a dossier is archived its row cannot change.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'dossiers',
  up(db) {
    db.exec(`
      ALTER TABLE dossier_drafts ADD COLUMN class_code TEXT;
      ALTER TABLE dossier_drafts ADD COLUMN volume_year INTEGER;
      ALTER TABLE dossier_drafts ADD COLUMN volume_serial INTEGER;
      ALTER TABLE dossier_drafts ADD COLUMN stamp_position TEXT NOT NULL DEFAULT 'top-outer'
        CHECK (stamp_position IN ('top-outer', 'bottom-outer'));
      -- {"order": {"正卷": [...], "副卷": [...]}, "volumeOf": {...}, "excluded": {...}, "duplex": [...]}
      ALTER TABLE dossier_drafts ADD COLUMN binding TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(binding));
      ALTER TABLE dossier_drafts ADD COLUMN archived_at TEXT;
      ALTER TABLE dossier_drafts ADD COLUMN archived_by TEXT;

      CREATE UNIQUE INDEX dossier_filing_number ON dossier_drafts(filing_number) WHERE filing_number IS NOT NULL;
      CREATE UNIQUE INDEX dossier_volume_number ON dossier_drafts(volume_year, volume_serial) WHERE volume_year IS NOT NULL;

      CREATE TRIGGER dossier_archived_is_fixed BEFORE UPDATE ON dossier_drafts
        WHEN OLD.archived_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, '卷宗已归档，不能修改'); END;

      -- One signed PDF/A per volume and compilation; a recompilation supersedes (is_current), never overwrites.
      CREATE TABLE dossier_volumes (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        volume TEXT NOT NULL CHECK (volume IN ('正卷', '副卷')),
        edition INTEGER NOT NULL CHECK (edition >= 1),
        file_id INTEGER NOT NULL REFERENCES files(id),
        item_count INTEGER NOT NULL CHECK (item_count >= 0),
        page_count INTEGER NOT NULL CHECK (page_count >= 0),
        layout TEXT NOT NULL CHECK (json_valid(layout)),
        signer_fingerprint TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        compiled_by TEXT NOT NULL,
        compiled_at TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
        UNIQUE (case_id, volume, edition)
      ) STRICT;

      -- A correction after archiving (DOMAIN.md): an appended record with its reason, its pages numbered on
      -- from the volume's last page and noted on a new remarks sheet, signed as a supplement; the original
      -- volume stays as it was.
      CREATE TABLE dossier_supplements (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        record_id INTEGER NOT NULL UNIQUE REFERENCES records(id),
        file_id INTEGER NOT NULL REFERENCES files(id),
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        first_page INTEGER,
        last_page INTEGER,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;

      -- Rules the unit edits as data: the binding template, the records each procedure requires, the
      -- default page-number position (issue 4 items 1, 2, 5). Absent rows mean the built-in defaults.
      CREATE TABLE unit_rules (
        name TEXT PRIMARY KEY CHECK (name IN ('binding-template', 'required-records', 'stamp-position')),
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- 四性检测 (DA/T 70) on acceptance, kept as signed PDF and JSON in the file store.
      CREATE TABLE archive_reports (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
        items TEXT NOT NULL CHECK (json_valid(items)),
        pdf_file_id INTEGER REFERENCES files(id),
        json_file_id INTEGER REFERENCES files(id),
        checked_by TEXT NOT NULL,
        checked_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
