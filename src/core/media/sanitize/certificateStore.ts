import type { FileRef, SanitizationCertificateDto } from '../../../contract';
import type { Db } from '../../store/db';

/**
 * The certificate's fields as signed (the JSON document's content): everything but the row id and the
 * file references, which only exist once the signed files are stored.
 */
export type CertificateData = Omit<SanitizationCertificateDto, 'id' | 'pdf' | 'json' | 'attachment'>;

interface CertificateRow {
  id: number;
  data: string;
  pdf_id: number;
  pdf_name: string;
  pdf_sha256: string;
  pdf_size: number;
  pdf_media_type: string;
  json_id: number;
  json_name: string;
  json_sha256: string;
  json_size: number;
  json_media_type: string;
  att_id: number | null;
  att_name: string | null;
  att_sha256: string | null;
  att_size: number | null;
  att_media_type: string | null;
}

const SELECT = `
  SELECT c.id, c.data,
    p.id AS pdf_id, p.name AS pdf_name, p.sha256 AS pdf_sha256, p.size AS pdf_size, p.media_type AS pdf_media_type,
    j.id AS json_id, j.name AS json_name, j.sha256 AS json_sha256, j.size AS json_size, j.media_type AS json_media_type,
    a.id AS att_id, a.name AS att_name, a.sha256 AS att_sha256, a.size AS att_size, a.media_type AS att_media_type
  FROM sanitization_certificates c
  JOIN files p ON p.id = c.pdf_file_id
  JOIN files j ON j.id = c.json_file_id
  LEFT JOIN files a ON a.id = c.attachment_file_id`;

function toDto(row: CertificateRow): SanitizationCertificateDto {
  // The signed document also carries its `limits` statement; the DTO lists the register's fields.
  const { limits: _limits, ...data } = JSON.parse(row.data) as CertificateData & { limits?: string[] };
  const pdf: FileRef = { id: String(row.pdf_id), name: row.pdf_name, sha256: row.pdf_sha256, size: row.pdf_size, mediaType: row.pdf_media_type };
  const json: FileRef = { id: String(row.json_id), name: row.json_name, sha256: row.json_sha256, size: row.json_size, mediaType: row.json_media_type };
  const attachment: FileRef | null =
    row.att_id === null
      ? null
      : { id: String(row.att_id), name: row.att_name ?? '', sha256: row.att_sha256 ?? '', size: row.att_size ?? 0, mediaType: row.att_media_type ?? '' };
  return { ...data, id: String(row.id), pdf, json, attachment };
}

/** A medium's certificates of sanitization, oldest first (the register's history reads in that order). */
export function certificatesOf(db: Db, mediumId: number): SanitizationCertificateDto[] {
  const rows = db.prepare(`${SELECT} WHERE c.medium_id = ? ORDER BY c.id`).all(mediumId) as CertificateRow[];
  return rows.map(toDto);
}

/** Every certificate in the register, newest first. */
export function allCertificates(db: Db): SanitizationCertificateDto[] {
  const rows = db.prepare(`${SELECT} ORDER BY c.id DESC`).all() as CertificateRow[];
  return rows.map(toDto);
}

export function certificateById(db: Db, id: number): SanitizationCertificateDto {
  const row = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as CertificateRow | undefined;
  if (!row) throw new Error(`sanitization certificate ${id} vanished within its own transaction`);
  return toDto(row);
}
