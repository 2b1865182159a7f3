import type { Migration } from '../migrate';

/**
 * The unit's signing certificates (DB3206/T 1060 §6.2.2 d). Old ones stay after a rotation so that
 * files they signed keep verifying; the private key is stored only sealed by a KeyProtector
 * (Electron safeStorage in the app, a passphrase for the CLI), never in the clear.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'signing-identities',
  up(db) {
    db.exec(`
      CREATE TABLE signing_certificates (
        fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 64),
        subject TEXT NOT NULL,
        not_before TEXT NOT NULL,
        not_after TEXT NOT NULL,
        certificate_der BLOB NOT NULL,
        chain_der TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(chain_der)),
        sealed_key BLOB NOT NULL,
        protection TEXT NOT NULL CHECK (protection IN ('passphrase', 'os')),
        is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX signing_certificates_one_current ON signing_certificates(is_current) WHERE is_current = 1;
    `);
  },
};
