import type { FileRef, RecordDto } from '../../contract';
import { recordInputSchema } from '../../contract';
import type { z } from 'zod';
import { CoreError, notFound } from '../errors';
import type { Db } from '../store/db';
import { catalogEntryByNumber, findCatalogEntry, unknownRecordTypeMessage } from './catalog';
import { pageCountOf } from './recordPages';
import { correctionsOf, versionsOf } from './recordVersions';

export type RecordInputParsed = z.output<typeof recordInputSchema>;

interface RecordRow {
  id: number;
  case_id: number;
  type_number: number;
  title: string;
  document_number: string;
  responsible: string;
  date: string;
  approved_on: string | null;
  created_at: string;
}

export function typeNumberOf(typeName: string, field = 'type'): number {
  const entry = findCatalogEntry(typeName);
  if (!entry) throw new CoreError('bad-request', unknownRecordTypeMessage(typeName), field);
  return entry.number;
}

export function insertRecord(db: Db, caseId: number, input: RecordInputParsed, nowIso: string, field = 'record.type'): number {
  const typeNumber = typeNumberOf(input.type, field);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO records (case_id, type_number, title, document_number, responsible, date, approved_on, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(caseId, typeNumber, input.title, input.documentNumber, input.responsible, input.date, input.approvedOn, nowIso);
  return Number(lastInsertRowid);
}

export function getRecordRow(db: Db, recordId: string | number): RecordRow {
  const row = db.prepare('SELECT * FROM records WHERE id = ? AND removed_at IS NULL').get(Number(recordId)) as RecordRow | undefined;
  if (!row) throw notFound('该文书');
  return row;
}

function filesOf(db: Db, recordId: number): FileRef[] {
  return (
    db
      .prepare(
        `SELECT f.id, f.name, f.sha256, f.size, f.media_type FROM record_files rf JOIN files f ON f.id = rf.file_id
         WHERE rf.record_id = ? ORDER BY rf.position`,
      )
      .all(recordId) as { id: number; name: string; sha256: string; size: number; media_type: string }[]
  ).map((f) => ({ id: String(f.id), name: f.name, sha256: f.sha256, size: f.size, mediaType: f.media_type }));
}

export function toRecordDto(db: Db, row: RecordRow): RecordDto {
  const entry = catalogEntryByNumber(row.type_number);
  return {
    id: String(row.id),
    caseId: String(row.case_id),
    typeNumber: row.type_number,
    type: entry.name,
    stage: entry.stage,
    title: row.title,
    documentNumber: row.document_number,
    responsible: row.responsible,
    date: row.date,
    approvedOn: row.approved_on,
    files: filesOf(db, row.id),
    pageCount: pageCountOf(db, row.id),
    versions: versionsOf(db, row.id),
    corrections: correctionsOf(db, row.id),
    createdAt: row.created_at,
  };
}

export function recordsOfCase(db: Db, caseId: number): RecordDto[] {
  return (
    db.prepare('SELECT * FROM records WHERE case_id = ? AND removed_at IS NULL ORDER BY date, id').all(caseId) as RecordRow[]
  ).map((r) => toRecordDto(db, r));
}

export function updateRecord(db: Db, row: RecordRow, patch: Partial<RecordInputParsed>): void {
  const typeNumber = patch.type === undefined ? row.type_number : typeNumberOf(patch.type, 'patch.type');
  db.prepare(
    `UPDATE records SET type_number = ?, title = ?, document_number = ?, responsible = ?, date = ?, approved_on = ? WHERE id = ?`,
  ).run(
    typeNumber,
    patch.title ?? row.title,
    patch.documentNumber ?? row.document_number,
    patch.responsible ?? row.responsible,
    patch.date ?? row.date,
    patch.approvedOn === undefined ? row.approved_on : patch.approvedOn,
    row.id,
  );
}
