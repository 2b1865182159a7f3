import type { Migration } from '../migrate';

/**
 * Access (issue 5; DB3206/T 1060 §4.10): who registered a case (one of the people of the case
 * before archiving, §4.10.1), borrowing requests with their grants and the confidentiality pledge
 * (§4.10.2, §4.10.3), and reading sessions with the pages viewed and the watermarked exports.
 * The history of decisions (approve, reject, revoke, renew) is in the audit log; a row keeps the
 * current state and who set it.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'access',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN registered_by TEXT;

      CREATE TABLE access_requests (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
        days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 30),
        want_print INTEGER NOT NULL CHECK (want_print IN (0, 1)),
        want_export INTEGER NOT NULL CHECK (want_export IN (0, 1)),
        renews INTEGER REFERENCES access_requests(id),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        decided_by TEXT,
        decided_at TEXT,
        decision_note TEXT NOT NULL DEFAULT '',
        -- The grant, once approved: its window and flags (never wider than asked).
        starts_at TEXT,
        ends_at TEXT,
        allow_print INTEGER CHECK (allow_print IN (0, 1)),
        allow_export INTEGER CHECK (allow_export IN (0, 1)),
        renewals INTEGER NOT NULL DEFAULT 0,
        revoked_at TEXT,
        revoked_by TEXT,
        revoke_reason TEXT NOT NULL DEFAULT '',
        -- The confidentiality pledge (§4.10.3), accepted by the grantee before the first view.
        pledge_accepted_at TEXT,
        pledge_terminal_id TEXT,
        pledge_version TEXT,
        CHECK (status != 'approved' OR (starts_at IS NOT NULL AND ends_at IS NOT NULL AND allow_print IS NOT NULL AND allow_export IS NOT NULL)),
        -- Nobody approves their own request (三员分立, issue 5 item 6).
        CHECK (decided_by IS NULL OR status = 'withdrawn' OR decided_by != requested_by)
      ) STRICT;
      CREATE INDEX access_requests_case ON access_requests (case_id, requested_by);
      CREATE INDEX access_requests_status ON access_requests (status, ends_at);

      CREATE TABLE reading_sessions (
        id TEXT PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        username TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        request_id INTEGER REFERENCES access_requests(id),
        opened_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        closed_at TEXT,
        close_reason TEXT NOT NULL DEFAULT '' CHECK (close_reason IN ('', 'closed', 'idle', 'refused', 'superseded')),
        -- The volume files the session was opened over, pinned: JSON [{volume, edition, fileId, sha256, pageCount}].
        volumes TEXT NOT NULL CHECK (json_valid(volumes)),
        -- JSON array of "正卷:3" entries, in the order first viewed.
        pages_viewed TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pages_viewed)),
        CHECK ((closed_at IS NULL) = (close_reason = ''))
      ) STRICT;
      CREATE INDEX reading_sessions_open ON reading_sessions (username, terminal_id) WHERE closed_at IS NULL;

      CREATE TABLE reading_exports (
        file_id INTEGER NOT NULL REFERENCES files(id),
        reading_id TEXT NOT NULL REFERENCES reading_sessions(id),
        username TEXT NOT NULL,
        request_id INTEGER REFERENCES access_requests(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (file_id, reading_id)
      ) STRICT;
    `);
  },
};
