import type { Db } from '../store/db';
import type { Permission } from './permissions';

/**
 * Files that belong to a register rather than to a case: label sheets, filed checkouts and
 * certificates of sanitization of the storage-media register (DB3206/T 1060 §6.1.3), electronic
 * records and their disposal certificates (§6.1.2). Who may have them is the register's read
 * permission; a filed checkout also goes to the person who asked for it (it is their receipt).
 */
export interface RegisterFile {
  /** How the audit log names it. */
  target: string;
  permission: Permission;
  /** A person who may have it without the permission. */
  owner: string | null;
}

export function registerFileOf(db: Db, fileId: number): RegisterFile | null {
  const filed = db.prepare('SELECT r.requested_by, m.tag FROM media_requests r JOIN media m ON m.id = r.medium_id WHERE r.filed_file_id = ?').get(fileId) as
    | { requested_by: string; tag: string }
    | undefined;
  if (filed) return { target: `medium:${filed.tag}/file:${fileId}`, permission: 'media.read', owner: filed.requested_by };
  const certificate = db
    .prepare('SELECT m.tag FROM sanitization_certificates c JOIN media m ON m.id = c.medium_id WHERE ? IN (c.pdf_file_id, c.json_file_id, c.attachment_file_id)')
    .get(fileId) as { tag: string } | undefined;
  if (certificate) return { target: `medium:${certificate.tag}/file:${fileId}`, permission: 'media.read', owner: null };
  const label = db.prepare('SELECT 1 FROM media_label_sheets WHERE file_id = ?').get(fileId);
  if (label) return { target: `media-labels/file:${fileId}`, permission: 'media.read', owner: null };
  const recording = db.prepare('SELECT record_id FROM electronic_record_files WHERE file_id = ?').get(fileId) as { record_id: number } | undefined;
  if (recording) return { target: `erecord:${recording.record_id}/file:${fileId}`, permission: 'erecords.read', owner: null };
  const disposal = db.prepare('SELECT id FROM electronic_record_disposals WHERE ? IN (certificate_pdf_file_id, certificate_json_file_id)').get(fileId) as { id: number } | undefined;
  if (disposal) return { target: `erecord-disposal:${disposal.id}/file:${fileId}`, permission: 'erecords.read', owner: null };
  return null;
}
