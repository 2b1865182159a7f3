import type { Migration } from '../migrate';

const KINDS = `'usb-flash', 'hdd', 'ssd', 'memory-card', 'optical', 'other'`;
const LEVELS = `'非涉密', '内部', '秘密', '机密', '绝密'`;
const STATUSES = `'in-stock', 'requested', 'checked-out', 'awaiting-wipe', 'wiped', 'awaiting-destruction', 'destroyed', 'lost'`;

/**
 * Storage media (issue 6; DB3206/T 1060 §6.1.3): the register with its history (a), checkout and wipe
 * requests that pass an approval chain step by step and are filed with the information centre (c),
 * the nonce of the signed identity record last written onto each medium (e), the content key of media
 * the app writes encrypted (for cryptographic erase), wipe runs with their checkpoint (resume after a
 * crash) and the certificates of sanitization (d; NIST SP 800-88 Appendix G).
 */
export const migration0012: Migration = {
  version: 12,
  name: 'media',
  up(db) {
    db.exec(`
      CREATE TABLE media (
        id INTEGER PRIMARY KEY,
        tag TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN (${KINDS})),
        classification TEXT NOT NULL CHECK (classification IN (${LEVELS})),
        brand TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL DEFAULT '',
        serial TEXT NOT NULL DEFAULT '',
        capacity_bytes INTEGER CHECK (capacity_bytes IS NULL OR capacity_bytes >= 0),
        department TEXT NOT NULL CHECK (length(trim(department)) > 0),
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'in-stock' CHECK (status IN (${STATUSES})),
        holder TEXT,
        due_at TEXT,
        registered_at TEXT NOT NULL,
        registered_by TEXT NOT NULL,
        -- The identity record on the medium carries this nonce; an older or copied record does not match.
        identity_nonce TEXT,
        identity_written_at TEXT,
        CHECK ((status = 'checked-out') = (holder IS NOT NULL))
      ) STRICT;
      CREATE INDEX media_status ON media(status);

      CREATE TABLE media_events (
        id INTEGER PRIMARY KEY,
        medium_id INTEGER NOT NULL REFERENCES media(id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        from_status TEXT,
        to_status TEXT
      ) STRICT;
      CREATE INDEX media_events_medium ON media_events(medium_id, id);

      CREATE TABLE media_requests (
        id INTEGER PRIMARY KEY,
        medium_id INTEGER NOT NULL REFERENCES media(id),
        kind TEXT NOT NULL CHECK (kind IN ('checkout', 'wipe')),
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
        days INTEGER CHECK (days IS NULL OR days BETWEEN 1 AND 366),
        destination TEXT CHECK (destination IS NULL OR destination IN ('reuse', 'retire', 'third-party', 'destruction')),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'completed')),
        rejected_by TEXT,
        reject_reason TEXT NOT NULL DEFAULT '',
        decided_at TEXT,
        -- The signed PDF of the filed checkout (§6.1.3 c 备案), once the last step is taken.
        filed_file_id INTEGER REFERENCES files(id),
        completed_at TEXT
      ) STRICT;
      CREATE INDEX media_requests_medium ON media_requests(medium_id, status);
      -- One open request of a kind per medium at a time.
      CREATE UNIQUE INDEX media_requests_open ON media_requests(medium_id, kind) WHERE status IN ('pending', 'approved');

      -- The chain as it stood when the request was made: a unit's later change of chain does not move it.
      CREATE TABLE media_request_steps (
        request_id INTEGER NOT NULL REFERENCES media_requests(id),
        step INTEGER NOT NULL CHECK (step >= 0),
        role TEXT NOT NULL,
        label TEXT NOT NULL,
        done_by TEXT,
        done_at TEXT,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (request_id, step)
      ) STRICT;

      -- The key the app encrypts a medium's contents with, sealed like the signing key; destroyed by
      -- cryptographic erase (the row is overwritten and deleted with secure_delete on).
      CREATE TABLE media_keys (
        medium_id INTEGER PRIMARY KEY REFERENCES media(id),
        key_id TEXT NOT NULL UNIQUE,
        sealed_key BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE wipe_runs (
        id INTEGER PRIMARY KEY,
        medium_id INTEGER NOT NULL REFERENCES media(id),
        request_id INTEGER REFERENCES media_requests(id),
        method TEXT NOT NULL,
        device TEXT NOT NULL,
        bytes_total INTEGER NOT NULL DEFAULT 0,
        passes INTEGER NOT NULL DEFAULT 0,
        -- Checkpoint: the pass under way and the bytes of it written and flushed (resume after a crash).
        pass INTEGER NOT NULL DEFAULT 0,
        bytes_done INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('running', 'verifying', 'done', 'failed', 'cancelled')),
        verification TEXT NOT NULL DEFAULT 'full',
        started_by TEXT NOT NULL,
        witness TEXT,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        result TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX wipe_runs_medium ON wipe_runs(medium_id, status);

      CREATE TABLE sanitization_certificates (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        medium_id INTEGER NOT NULL REFERENCES media(id),
        wipe_run_id INTEGER REFERENCES wipe_runs(id),
        method TEXT NOT NULL,
        -- The certificate's fields (SanitizationCertificateDto without the file references), as signed.
        data TEXT NOT NULL,
        pdf_file_id INTEGER NOT NULL REFERENCES files(id),
        json_file_id INTEGER NOT NULL REFERENCES files(id),
        attachment_file_id INTEGER REFERENCES files(id),
        issued_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sanitization_certificates_medium ON sanitization_certificates(medium_id);

      -- Label sheets made (§6.1.3 b), so that the file route knows a label PDF is a media file.
      CREATE TABLE media_label_sheets (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id),
        tags TEXT NOT NULL,
        size TEXT NOT NULL,
        made_by TEXT NOT NULL,
        made_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
