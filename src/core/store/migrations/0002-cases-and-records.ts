import type { Migration } from '../migrate';

export const migration0002: Migration = {
  version: 2,
  name: 'cases-and-records',
  up(db) {
    db.exec(`
      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        case_number TEXT NOT NULL UNIQUE,
        cause TEXT NOT NULL,
        party_kind TEXT NOT NULL CHECK (party_kind IN ('person', 'organization')),
        party_name TEXT NOT NULL,
        party TEXT NOT NULL CHECK (json_valid(party)),
        source TEXT NOT NULL,
        procedure TEXT NOT NULL CHECK (procedure IN ('一般程序', '简易程序')),
        department TEXT NOT NULL,
        disposition TEXT NOT NULL,
        opened_on TEXT,
        closed_on TEXT,
        state TEXT NOT NULL CHECK (state IN ('办理中', '已结案', '已归档')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE case_handlers (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        PRIMARY KEY (case_id, position)
      ) STRICT;

      -- Records are never deleted: removal is marked with a reason so the history stays.
      CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        type_number INTEGER NOT NULL CHECK (type_number BETWEEN 1 AND 69),
        title TEXT NOT NULL,
        document_number TEXT NOT NULL,
        responsible TEXT NOT NULL,
        date TEXT NOT NULL,
        approved_on TEXT,
        created_at TEXT NOT NULL,
        removed_at TEXT,
        removed_reason TEXT
      ) STRICT;
      CREATE INDEX records_case ON records(case_id);

      CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        stored_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX files_sha256 ON files(sha256);

      CREATE TABLE record_files (
        record_id INTEGER NOT NULL REFERENCES records(id),
        position INTEGER NOT NULL,
        file_id INTEGER NOT NULL REFERENCES files(id),
        PRIMARY KEY (record_id, position)
      ) STRICT;

      -- The case side of the cover and remarks sheet as a case folder brings it (docs/case-folder.md);
      -- the dossier feature completes it (DB3206/T 1060 §5.5.1, §5.5.5).
      CREATE TABLE dossier_drafts (
        case_id INTEGER PRIMARY KEY REFERENCES cases(id),
        retention TEXT,
        filing_number TEXT,
        compiler TEXT,
        checker TEXT,
        compiled_on TEXT,
        checked_on TEXT,
        statement TEXT
      ) STRICT;
    `);
  },
};
