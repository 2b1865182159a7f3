import type { ActivityType, Classification, DisposalDto, ElectronicRecordDto, ElectronicRecordStatus, FileRef, RetentionClassId } from '../../contract';
import { CoreError } from '../errors';
import type { Db } from '../store/db';
import { chinaDate, isPastRetention, retentionClassOf } from './retention';

export interface RecordRow {
  id: number;
  name: string;
  retention_class: RetentionClassId;
  activity_type: ActivityType;
  unit_name: string;
  squad: string;
  party: string;
  case_number: string;
  recorder: string;
  classification: Classification;
  ended_at: string;
  uploaded_at: string;
  upload_deadline: string;
  is_late: number;
  late_reason: string;
  disposal_due_on: string | null;
  party_confirmed: number;
  registered_by: string;
  status: ElectronicRecordStatus;
}

export interface RecordFileRow {
  record_id: number;
  position: number;
  file_id: number | null;
  name: string;
  sha256: string;
  size: number;
  media_type: string;
}

export type ListView = 'all' | 'late' | 'due' | 'disposed';

/** Retention has ended and the record is still kept (awaiting a request, or in one): the disposal list. */
export function isDue(row: Pick<RecordRow, 'status' | 'disposal_due_on'>, now: Date): boolean {
  return row.status !== 'disposed' && isPastRetention(row.disposal_due_on, now);
}

export function getRecordRow(db: Db, id: string | number): RecordRow {
  const row = /^\d+$/.test(String(id)) ? (db.prepare('SELECT * FROM electronic_records WHERE id = ?').get(Number(id)) as RecordRow | undefined) : undefined;
  if (!row) throw new CoreError('not-found', `电子记录 ${id} 不存在，请刷新列表后重试。`, 'recordId');
  return row;
}

export function recordFiles(db: Db, recordIds: readonly number[]): Map<number, RecordFileRow[]> {
  const byRecord = new Map<number, RecordFileRow[]>(recordIds.map((id) => [id, []]));
  if (!recordIds.length) return byRecord;
  const rows = db
    .prepare('SELECT * FROM electronic_record_files WHERE record_id IN (SELECT value FROM json_each(?)) ORDER BY record_id, position')
    .all(JSON.stringify(recordIds)) as RecordFileRow[];
  for (const r of rows) byRecord.get(r.record_id)!.push(r);
  return byRecord;
}

/**
 * A file of the record; a disposed record's files keep their name, size and SHA-256 (what was
 * destroyed) but have no id any more, because their bytes are gone from the file store.
 */
function toFileRef(f: RecordFileRow): FileRef {
  return { id: f.file_id === null ? '' : String(f.file_id), name: f.name, sha256: f.sha256, size: f.size, mediaType: f.media_type };
}

export function toRecordDto(row: RecordRow, files: readonly RecordFileRow[], now: Date): ElectronicRecordDto {
  const cls = retentionClassOf(row.retention_class);
  return {
    id: String(row.id),
    name: row.name,
    retentionClass: row.retention_class,
    kindLabel: cls.kind,
    featureLabel: cls.feature,
    activityType: row.activity_type,
    unitName: row.unit_name,
    squad: row.squad,
    party: row.party,
    caseNumber: row.case_number,
    recorder: row.recorder,
    classification: row.classification,
    endedAt: row.ended_at,
    uploadedAt: row.uploaded_at,
    uploadDeadline: row.upload_deadline,
    isLate: row.is_late === 1,
    lateReason: row.late_reason,
    retentionLabel: cls.retention,
    disposalDueOn: row.disposal_due_on,
    isDue: isDue(row, now),
    partyConfirmed: row.party_confirmed === 1,
    registeredBy: row.registered_by,
    status: row.status,
    files: files.map(toFileRef),
  };
}

export function recordDto(db: Db, id: string | number, now: Date): ElectronicRecordDto {
  const row = getRecordRow(db, id);
  return toRecordDto(row, recordFiles(db, [row.id]).get(row.id)!, now);
}

/**
 * The register's views: late uploads (Table 2 上传时间要求, listed for the unit to see), the disposal
 * list (retention ended, not yet disposed; soonest due first) and the disposed (kept as evidence).
 */
export function listRecords(db: Db, view: ListView, query: string, now: Date): ElectronicRecordDto[] {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (view === 'late') where.push('is_late = 1');
  if (view === 'disposed') where.push("status = 'disposed'");
  if (view === 'due') {
    // The day it is in China decides, as isPastRetention does.
    where.push("status <> 'disposed' AND disposal_due_on IS NOT NULL AND disposal_due_on <= @today");
    params.today = chinaDate(now);
  }
  if (query) {
    where.push("(instr(name, @q) > 0 OR instr(case_number, @q) > 0 OR instr(party, @q) > 0 OR instr(recorder, @q) > 0)");
    params.q = query;
  }
  const order = view === 'due' ? 'disposal_due_on, id' : view === 'disposed' ? 'disposed_at DESC, id DESC' : 'ended_at DESC, id DESC';
  const rows = db.prepare(`SELECT * FROM electronic_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`).all(params) as RecordRow[];
  const files = recordFiles(db, rows.map((r) => r.id));
  return rows.map((r) => toRecordDto(r, files.get(r.id)!, now));
}

interface DisposalRow {
  id: number;
  requested_by: string;
  requested_by_name: string | null;
  requested_at: string;
  reason: string;
  status: DisposalDto['status'];
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string;
  certificate_number: string | null;
  certificate_pdf_file_id: number | null;
  certificate_json_file_id: number | null;
}

export function getDisposalRow(db: Db, id: string | number): DisposalRow {
  const row = /^\d+$/.test(String(id))
    ? (db
        .prepare('SELECT d.*, u.display_name AS requested_by_name FROM electronic_record_disposals d LEFT JOIN users u ON u.username = d.requested_by WHERE d.id = ?')
        .get(Number(id)) as DisposalRow | undefined)
    : undefined;
  if (!row) throw new CoreError('not-found', `销毁申请 ${id} 不存在，请刷新列表后重试。`, 'disposalId');
  return row;
}

export function disposalRecordIds(db: Db, disposalId: number): number[] {
  return (db.prepare('SELECT record_id FROM electronic_record_disposal_items WHERE disposal_id = ? ORDER BY record_id').all(disposalId) as { record_id: number }[]).map((r) => r.record_id);
}

function fileRef(db: Db, id: number): FileRef {
  const f = db.prepare('SELECT id, name, sha256, size, media_type FROM files WHERE id = ?').get(id) as { id: number; name: string; sha256: string; size: number; media_type: string };
  return { id: String(f.id), name: f.name, sha256: f.sha256, size: f.size, mediaType: f.media_type };
}

function toDisposalDto(db: Db, row: DisposalRow): DisposalDto {
  const records = db
    .prepare('SELECT r.id, r.name, r.disposal_due_on FROM electronic_record_disposal_items i JOIN electronic_records r ON r.id = i.record_id WHERE i.disposal_id = ? ORDER BY r.disposal_due_on, r.id')
    .all(row.id) as { id: number; name: string; disposal_due_on: string | null }[];
  return {
    id: String(row.id),
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name ?? row.requested_by,
    requestedAt: row.requested_at,
    reason: row.reason,
    status: row.status,
    records: records.map((r) => ({ id: String(r.id), name: r.name, disposalDueOn: r.disposal_due_on })),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    certificate:
      row.certificate_number === null
        ? null
        : { number: row.certificate_number, pdf: fileRef(db, row.certificate_pdf_file_id!), json: fileRef(db, row.certificate_json_file_id!) },
  };
}

export function disposalDto(db: Db, id: string | number): DisposalDto {
  return toDisposalDto(db, getDisposalRow(db, id));
}

/** Every disposal request, the pending first (they wait for a decision), then the newest. */
export function listDisposals(db: Db): DisposalDto[] {
  const rows = db
    .prepare(
      `SELECT d.*, u.display_name AS requested_by_name FROM electronic_record_disposals d LEFT JOIN users u ON u.username = d.requested_by
       ORDER BY d.status = 'pending' DESC, d.id DESC`,
    )
    .all() as DisposalRow[];
  return rows.map((r) => toDisposalDto(db, r));
}
