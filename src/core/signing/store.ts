import type { CertificateInfoDto } from '../../contract';
import { trustedCertificates, type SigningIdentityRecord, type UnitIdentities } from '../pdf/sign';
import type { Db } from '../store/db';

interface Row {
  fingerprint: string;
  subject: string;
  not_before: string;
  not_after: string;
  certificate_der: Buffer;
  chain_der: string;
  sealed_key: Buffer;
  protection: 'passphrase' | 'os';
  is_current: number;
  created_at: string;
}

export interface StoredIdentity extends SigningIdentityRecord {
  chainDer: Buffer[];
  isCurrent: boolean;
  createdAt: string;
}

function toIdentity(r: Row): StoredIdentity {
  return {
    fingerprint: r.fingerprint,
    subject: r.subject,
    notBefore: r.not_before,
    notAfter: r.not_after,
    certificateDer: r.certificate_der,
    sealedKey: r.sealed_key,
    protection: r.protection,
    chainDer: (JSON.parse(r.chain_der) as string[]).map((b64) => Buffer.from(b64, 'base64')),
    isCurrent: r.is_current === 1,
    createdAt: r.created_at,
  };
}

export function listIdentities(db: Db): StoredIdentity[] {
  return (db.prepare('SELECT * FROM signing_certificates ORDER BY created_at, fingerprint').all() as Row[]).map(toIdentity);
}

export function currentStoredIdentity(db: Db): StoredIdentity | null {
  const row = db.prepare('SELECT * FROM signing_certificates WHERE is_current = 1').get() as Row | undefined;
  return row ? toIdentity(row) : null;
}

export function hasIdentity(db: Db, fingerprint: string): boolean {
  return db.prepare('SELECT 1 FROM signing_certificates WHERE fingerprint = ?').get(fingerprint) !== undefined;
}

/** Adds a certificate and makes it the one that signs from now on; earlier ones stay trusted. */
export function addCurrentIdentity(db: Db, identity: SigningIdentityRecord, chainDer: Buffer[], nowIso: string): void {
  db.prepare('UPDATE signing_certificates SET is_current = 0 WHERE is_current = 1').run();
  db.prepare(
    `INSERT INTO signing_certificates (fingerprint, subject, not_before, not_after, certificate_der, chain_der, sealed_key, protection, is_current, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
  ).run(
    identity.fingerprint,
    identity.subject,
    identity.notBefore,
    identity.notAfter,
    identity.certificateDer,
    JSON.stringify(chainDer.map((b) => b.toString('base64'))),
    identity.sealedKey,
    identity.protection,
    nowIso,
  );
}

/** Every unit certificate ever used, plus the CA chains of imported ones: what the verifier trusts. */
export function unitTrustAnchors(db: Db): Buffer[] {
  const all = listIdentities(db);
  const state: UnitIdentities = { identities: all, currentFingerprint: all.find((i) => i.isCurrent)?.fingerprint ?? null };
  return trustedCertificates(state, all.flatMap((i) => i.chainDer));
}

export function toCertificateInfo(i: StoredIdentity): CertificateInfoDto {
  return {
    fingerprint: i.fingerprint,
    subject: i.subject,
    notBefore: i.notBefore,
    notAfter: i.notAfter,
    protection: i.protection,
    isCurrent: i.isCurrent,
    createdAt: i.createdAt,
  };
}
