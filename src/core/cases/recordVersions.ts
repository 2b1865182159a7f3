import type { CorrectionDto, RecordVersionDto } from '../../contract';
import { CoreError } from '../errors';
import type { Db } from '../store/db';

interface Row {
  version: number;
  file_id: number;
  name: string;
  sha256: string;
  size: number;
  media_type: string;
  page_count: number;
  blank_pages: string;
  has_ocr: number;
  signer_fingerprint: string;
  signed_at: string;
  supersedes_version: number | null;
  reason: string | null;
  created_by: string;
  created_at: string;
}

export function versionsOf(db: Db, recordId: number): RecordVersionDto[] {
  return (
    db
      .prepare(
        `SELECT v.*, f.name, f.sha256, f.size, f.media_type, s.version AS supersedes_version
         FROM record_versions v JOIN files f ON f.id = v.file_id LEFT JOIN record_versions s ON s.id = v.supersedes
         WHERE v.record_id = ? ORDER BY v.version`,
      )
      .all(recordId) as Row[]
  ).map((r) => ({
    version: r.version,
    file: { id: String(r.file_id), name: r.name, sha256: r.sha256, size: r.size, mediaType: r.media_type },
    pageCount: r.page_count,
    blankPages: JSON.parse(r.blank_pages) as number[],
    hasOcr: r.has_ocr === 1,
    signerFingerprint: r.signer_fingerprint,
    signedAt: r.signed_at,
    supersedesVersion: r.supersedes_version,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** DB3206/T 1060 §6.2.2 d: a signed record must not be modified. */
export function assertNotSigned(db: Db, recordId: number): void {
  if (db.prepare('SELECT 1 FROM record_versions WHERE record_id = ?').get(recordId)) {
    throw new CoreError('read-only', '该文书已签章，不能再修改或删除。如需更正，请生成新版本并说明更正原因，原签章版本将保留。');
  }
}

export interface NewVersion {
  recordId: number;
  fileId: number;
  pageCount: number;
  blankPages: number[];
  hasOcr: boolean;
  signerFingerprint: string;
  signedAt: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}

/**
 * Appends the next version. The first needs no reason; every later one is a correction after signing
 * and must say why, and it names the version it supersedes (the latest), which stays.
 */
export function appendVersion(db: Db, v: NewVersion): number {
  const latest = db.prepare('SELECT id, version FROM record_versions WHERE record_id = ? ORDER BY version DESC LIMIT 1').get(v.recordId) as
    | { id: number; version: number }
    | undefined;
  if (latest && !v.reason) throw new CoreError('bad-request', `该文书已有签章版本（第 ${latest.version} 版）。生成新版本须填写更正原因。`, 'reason');
  const version = (latest?.version ?? 0) + 1;
  db.prepare(
    `INSERT INTO record_versions (record_id, version, file_id, page_count, blank_pages, has_ocr, signer_fingerprint, signed_at, supersedes, reason, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    v.recordId,
    version,
    v.fileId,
    v.pageCount,
    JSON.stringify(v.blankPages),
    Number(v.hasOcr),
    v.signerFingerprint,
    v.signedAt,
    latest?.id ?? null,
    latest ? v.reason : v.reason || null,
    v.createdBy,
    v.createdAt,
  );
  return version;
}

interface CorrectionRow {
  id: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  reason: string;
  created_by: string;
  created_at: string;
}

export function correctionsOf(db: Db, recordId: number): CorrectionDto[] {
  return (db.prepare('SELECT * FROM record_corrections WHERE record_id = ? ORDER BY id').all(recordId) as CorrectionRow[]).map((r) => ({
    id: String(r.id),
    page: r.page,
    region: { x: r.x, y: r.y, width: r.width, height: r.height },
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}
