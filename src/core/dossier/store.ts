import type { Retention, StampPosition, Volume } from '../../contract';
import { getUnit } from '../access/users';
import type { Db } from '../store/db';
import { archivalCode } from './numbers';
import type { BindingChoices } from './binding';

/** The dossier row of a case (dossier_drafts, migrations 0002 and 0008). */
export interface DossierRow {
  case_id: number;
  retention: Retention | null;
  filing_number: string | null;
  compiler: string | null;
  checker: string | null;
  compiled_on: string | null;
  checked_on: string | null;
  statement: string | null;
  class_code: string | null;
  volume_year: number | null;
  volume_serial: number | null;
  stamp_position: StampPosition;
  binding: string;
  archived_at: string | null;
  archived_by: string | null;
}

export interface StoredBinding extends BindingChoices {
  duplex?: string[];
}

/** Every case has a dossier from the moment someone opens it; the row is made on first need. */
export function dossierRow(db: Db, caseId: number, stampPosition: StampPosition): DossierRow {
  db.prepare('INSERT INTO dossier_drafts (case_id, stamp_position) VALUES (?, ?) ON CONFLICT (case_id) DO NOTHING').run(caseId, stampPosition);
  return db.prepare('SELECT * FROM dossier_drafts WHERE case_id = ?').get(caseId) as DossierRow;
}

/** dossier_drafts holds whatever a case folder brought; a retention outside the three is treated as unset. */
export function bindingOf(row: DossierRow): StoredBinding {
  return JSON.parse(row.binding) as StoredBinding;
}

export interface DossierPatch {
  filingNumber?: string;
  retention?: Retention;
  statement?: string;
  compiler?: string;
  checker?: string;
  compiledOn?: string | null;
  checkedOn?: string | null;
  stampPosition?: StampPosition;
}

const COLUMNS: Record<keyof DossierPatch, string> = {
  filingNumber: 'filing_number',
  retention: 'retention',
  statement: 'statement',
  compiler: 'compiler',
  checker: 'checker',
  compiledOn: 'compiled_on',
  checkedOn: 'checked_on',
  stampPosition: 'stamp_position',
};

export function updateDossierRow(db: Db, caseId: number, patch: DossierPatch): void {
  const entries = (Object.keys(COLUMNS) as (keyof DossierPatch)[]).filter((k) => patch[k] !== undefined);
  if (!entries.length) return;
  // An emptied text field is stored as NULL, so "not filled" has one representation.
  const values = entries.map((k) => (patch[k] === '' ? null : patch[k]));
  db.prepare(`UPDATE dossier_drafts SET ${entries.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE case_id = ?`).run(...values, caseId);
}

export function saveBinding(db: Db, caseId: number, binding: StoredBinding): void {
  db.prepare('UPDATE dossier_drafts SET binding = ? WHERE case_id = ?').run(JSON.stringify(binding), caseId);
}

/** The case number that holds a 归档号, other than the given case. */
export function filingNumberHolder(db: Db, filingNumber: string, exceptCaseId: number): string | null {
  const row = db
    .prepare('SELECT c.case_number FROM dossier_drafts d JOIN cases c ON c.id = d.case_id WHERE d.filing_number = ? AND d.case_id <> ?')
    .get(filingNumber, exceptCaseId) as { case_number: string } | undefined;
  return row?.case_number ?? null;
}

export function allFilingNumbers(db: Db): string[] {
  return (db.prepare('SELECT filing_number FROM dossier_drafts WHERE filing_number IS NOT NULL').all() as { filing_number: string }[]).map((r) => r.filing_number);
}

/** The latest signed version of each record of a case: what a volume binds (DB3206/T 1060 §6.2.2 d). */
export function latestVersions(db: Db, caseId: number): Map<number, { version: number; pageCount: number; blankPages: number[] }> {
  const rows = db
    .prepare(
      `SELECT v.record_id, v.version, v.page_count, v.blank_pages FROM record_versions v JOIN records r ON r.id = v.record_id
       WHERE r.case_id = ? AND v.version = (SELECT MAX(version) FROM record_versions WHERE record_id = v.record_id)`,
    )
    .all(caseId) as { record_id: number; version: number; page_count: number; blank_pages: string }[];
  return new Map(rows.map((r) => [r.record_id, { version: r.version, pageCount: r.page_count, blankPages: JSON.parse(r.blank_pages) as number[] }]));
}

export type { Volume };

/** A case's 档号 (DA/T 13) once the archive department assigned 分类号 and 案卷号 on acceptance; else null. */
export function caseArchivalCode(db: Db, caseId: number): string | null {
  const row = db.prepare('SELECT class_code, volume_year, volume_serial FROM dossier_drafts WHERE case_id = ?').get(caseId) as
    | { class_code: string | null; volume_year: number | null; volume_serial: number | null }
    | undefined;
  const unit = getUnit(db);
  if (!row?.class_code || row.volume_year === null || row.volume_serial === null || !unit) return null;
  return archivalCode(unit.fondsNumber, row.class_code, { year: row.volume_year, serial: row.volume_serial });
}
