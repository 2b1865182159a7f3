import type { Migration } from '../migrate';

// Written out, not imported from the contract: a shipped migration must not change when the contract does.
const CLASSES = `'market-undisputed', 'market-disputed', 'other-ordinary', 'other-significant', 'case-evidence-medium'`;
const ACTIVITIES = `'市场检查', '案件查办', '案件侦办', '案件审理', '举报处理', '询问', '实地核查', '文书送达', '听证', '视频监控'`;
const LEVELS = `'非涉密', '内部', '秘密', '机密', '绝密'`;

/**
 * Electronic records (issue 6 item 7; DB3206/T 1060 §6.1.2 Table 2, §4.7.3): the register with the
 * generated name, the upload deadline and the retention of Table 2; their files; disposal requests
 * with their approval and certificate. A disposed record keeps its row and the names, sizes and
 * SHA-256 of its files (the evidence of what was destroyed); only the bytes and their `files` rows go,
 * so that fixity no longer expects them.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'electronic-records',
  up(db) {
    db.exec(`
      CREATE TABLE electronic_records (
        id INTEGER PRIMARY KEY,
        -- The §4.7.3 name, with （2）, （3）… after it when the same name was already given.
        name TEXT NOT NULL UNIQUE,
        base_name TEXT NOT NULL,
        name_seq INTEGER NOT NULL CHECK (name_seq >= 1),
        retention_class TEXT NOT NULL CHECK (retention_class IN (${CLASSES})),
        activity_type TEXT NOT NULL CHECK (activity_type IN (${ACTIVITIES})),
        unit_name TEXT NOT NULL,
        squad TEXT NOT NULL,
        party TEXT NOT NULL,
        case_number TEXT NOT NULL DEFAULT '',
        recorder TEXT NOT NULL,
        classification TEXT NOT NULL CHECK (classification IN (${LEVELS})),
        ended_at TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        upload_deadline TEXT NOT NULL,
        is_late INTEGER NOT NULL CHECK (is_late IN (0, 1)),
        late_reason TEXT NOT NULL DEFAULT '',
        -- The day (China time) retention ends; null for 长期.
        disposal_due_on TEXT,
        party_confirmed INTEGER NOT NULL CHECK (party_confirmed IN (0, 1)),
        registered_by TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'kept' CHECK (status IN ('kept', 'disposal-requested', 'disposed')),
        disposed_at TEXT,
        UNIQUE (base_name, name_seq),
        CHECK ((status = 'disposed') = (disposed_at IS NOT NULL)),
        CHECK (status = 'kept' OR disposal_due_on IS NOT NULL)
      ) STRICT;
      CREATE INDEX electronic_records_due ON electronic_records(status, disposal_due_on);

      CREATE TABLE electronic_record_files (
        record_id INTEGER NOT NULL REFERENCES electronic_records(id),
        position INTEGER NOT NULL CHECK (position >= 1),
        -- Null once the record is disposed: its bytes and files row are gone, what they were stays here.
        file_id INTEGER REFERENCES files(id),
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size >= 0),
        media_type TEXT NOT NULL,
        PRIMARY KEY (record_id, position)
      ) STRICT;
      CREATE INDEX electronic_record_files_file ON electronic_record_files(file_id);
      CREATE INDEX electronic_record_files_sha256 ON electronic_record_files(sha256);

      CREATE TABLE electronic_record_disposals (
        id INTEGER PRIMARY KEY,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by TEXT,
        decided_at TEXT,
        decision_note TEXT NOT NULL DEFAULT '',
        certificate_number TEXT UNIQUE,
        certificate_pdf_file_id INTEGER REFERENCES files(id),
        certificate_json_file_id INTEGER REFERENCES files(id),
        CHECK ((status = 'pending') = (decided_by IS NULL)),
        CHECK ((status = 'approved') = (certificate_number IS NOT NULL)),
        CHECK ((certificate_number IS NULL) = (certificate_pdf_file_id IS NULL) AND (certificate_number IS NULL) = (certificate_json_file_id IS NULL))
      ) STRICT;

      CREATE TABLE electronic_record_disposal_items (
        disposal_id INTEGER NOT NULL REFERENCES electronic_record_disposals(id),
        record_id INTEGER NOT NULL REFERENCES electronic_records(id),
        PRIMARY KEY (disposal_id, record_id)
      ) STRICT;
      CREATE INDEX electronic_record_disposal_items_record ON electronic_record_disposal_items(record_id);
    `);
  },
};
