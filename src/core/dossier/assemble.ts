import type { DossierDto, DossierRecordDto, DossierVolumeDto, Procedure, UnitRules, Volume } from '../../contract';
import { RETENTIONS } from '../../contract';
import { getUnit } from '../access/users';
import { catalogEntryByNumber } from '../cases/catalog';
import { getCaseRow } from '../cases/caseStore';
import type { Db } from '../store/db';
import { bindRecords, type BindableRecord } from './binding';
import { unitRules } from './rules';
import { checkDossier, type CheckStage, type DossierFinding } from './checks';
import { archivalCode, formatFilingNumber, formatVolumeNumber, nextSerial, parseFilingNumber } from './numbers';
import { paginate, type Pagination } from './pagination';
import { awaitsDestruction, contentsRemark, draftStatement } from './statement';
import { latestArchiveReport } from './reports';
import { supplementsOf } from './supplement';
import { compiledVolumes } from './volumes';
import { allFilingNumbers, bindingOf, dossierRow, filingNumberHolder, latestVersions, type DossierRow } from './store';

interface RecordRow {
  id: number;
  type_number: number;
  title: string;
  document_number: string;
  responsible: string;
  date: string;
  approved_on: string | null;
}

interface Bound extends BindableRecord {
  row: RecordRow;
  signedVersion: number | null;
  pages: { isBlank: boolean }[];
}

/**
 * Everything about a case's dossier in one computation: the binding, one pagination per volume,
 * and the checks, so that the contents' 页次, the stamps and the cover counts cannot disagree
 * (DB3206/T 1060 §5.5; issue 4 item 6).
 */
export interface DossierState {
  caseRow: ReturnType<typeof getCaseRow>;
  row: DossierRow;
  volumes: Record<Volume, Bound[]>;
  pagination: Record<Volume, Pagination>;
  excluded: { record: Bound; reason: string }[];
  duplex: Set<string>;
  rules: UnitRules;
}

export function dossierState(db: Db, caseId: string): DossierState {
  const caseRow = getCaseRow(db, { caseId });
  const row = dossierRow(db, caseRow.id, unitRules(db).stampPosition);
  const choices = bindingOf(row);
  const versions = latestVersions(db, caseRow.id);
  const records = (
    // A record appended after archiving is a supplement with its own remarks sheet (§5.5.5), not
    // part of the archived volume: the volume's contents and counts stay as they were archived.
    db
      .prepare(
        `SELECT id, type_number, title, document_number, responsible, date, approved_on FROM records
         WHERE case_id = ? AND removed_at IS NULL AND id NOT IN (SELECT record_id FROM dossier_supplements WHERE case_id = ?)`,
      )
      .all(caseRow.id, caseRow.id) as RecordRow[]
  ).map((r): Bound => {
    const v = versions.get(r.id);
    return {
      recordId: String(r.id),
      typeNumber: r.type_number,
      stage: catalogEntryByNumber(r.type_number).stage,
      date: r.date,
      row: r,
      signedVersion: v?.version ?? null,
      pages: v ? Array.from({ length: v.pageCount }, (_, i) => ({ isBlank: v.blankPages.includes(i + 1) })) : [],
    };
  });
  const rules = unitRules(db);
  const binding = bindRecords(records, rules.bindingTemplate, choices);
  const duplex = new Set(choices.duplex ?? []);
  const pagination = {} as Record<Volume, Pagination>;
  for (const volume of ['正卷', '副卷'] as const) {
    pagination[volume] = paginate(
      binding.volumes[volume].map((r) => ({ recordId: r.recordId, pages: r.pages, duplex: duplex.has(r.recordId) })),
      row.stamp_position,
    );
  }
  return { caseRow, row, rules, volumes: binding.volumes, pagination, excluded: binding.excluded, duplex };
}

export function dossierFindings(db: Db, s: DossierState, stage: CheckStage): DossierFinding[] {
  const { caseRow, row } = s;
  const findings: DossierFinding[] = [];
  if (caseRow.state === '办理中') findings.push({ rule: 'case-open', level: 'error', message: '案件尚未结案，不能组卷归档。请先在案件中登记结案。', field: 'case.state' });
  for (const volume of ['正卷', '副卷'] as const) {
    for (const r of s.volumes[volume]) {
      if (r.signedVersion === null) findings.push({ rule: 'record-unsigned', level: 'error', message: `《${r.row.title}》还没有签章 PDF，请先添加扫描页并生成签章 PDF。`, field: `record:${r.recordId}` });
      else if (hasLaterCorrections(db, Number(r.recordId))) findings.push({ rule: 'record-corrected', level: 'error', message: `《${r.row.title}》在签章后又有划改，请先生成新的签章版本（填写更正原因）。`, field: `record:${r.recordId}` });
    }
  }
  const checked = checkDossier({
    stage,
    case: { procedure: caseRow.procedure as Procedure, disposition: caseRow.disposition, openedOn: caseRow.opened_on, closedOn: caseRow.closed_on },
    records: [...(['正卷', '副卷'] as const).flatMap((volume) => s.volumes[volume].map((r) => ({ ...checkedRecord(r), volume }))), ...s.excluded.map((e) => ({ ...checkedRecord(e.record), volume: null }))],
    cover: {
      filingNumber: row.filing_number,
      filingNumberTakenBy: row.filing_number ? filingNumberHolder(db, row.filing_number, caseRow.id) : null,
      volumeNumber: row.volume_year ? formatVolumeNumber({ year: row.volume_year, serial: row.volume_serial! }) : null,
      retention: row.retention,
      classCode: row.class_code,
    },
    remarks: { statement: statementOf(s), compiler: row.compiler, checker: row.checker, compiledOn: row.compiled_on, checkedOn: row.checked_on },
    pagination: s.volumes['副卷'].length ? s.pagination : { 正卷: s.pagination['正卷'] },
    requiredRecords: s.rules.requiredRecords,
  });
  // An unsigned record already has its own finding; "no numbered pages" would say the same again.
  return [...findings, ...checked.filter((f) => !(f.rule === 'record-without-pages' && findings.some((u) => u.field === f.field)))];
}

/** A strike-through made after the latest signed version is in no signed file yet (§6.2.2 c, d). */
function hasLaterCorrections(db: Db, recordId: number): boolean {
  return Boolean(
    db
      .prepare('SELECT 1 FROM record_corrections c WHERE c.record_id = ? AND c.created_at > (SELECT MAX(created_at) FROM record_versions WHERE record_id = ?)')
      .get(recordId, recordId),
  );
}

function checkedRecord(r: Bound) {
  return { recordId: r.recordId, typeNumber: r.typeNumber, title: r.row.title, documentNumber: r.row.document_number, approvedOn: r.row.approved_on };
}

/** What the remarks sheet will say: the archivist's words, or the draft from the facts. */
export function statementOf(s: DossierState): string {
  return s.row.statement?.trim() ? s.row.statement : draftOf(s);
}

function draftOf(s: DossierState): string {
  const main = s.pagination['正卷'];
  const typeNumbers = [...s.volumes['正卷'], ...s.volumes['副卷']].map((r) => r.typeNumber);
  return draftStatement({
    itemCount: main.itemCount + s.pagination['副卷'].itemCount,
    pageCount: main.pageCount + s.pagination['副卷'].pageCount,
    excluded: s.excluded.map((e) => ({ title: e.record.row.title, reason: e.reason })),
    awaitsDestruction: awaitsDestruction(s.caseRow.cause, s.caseRow.disposition, typeNumbers),
  });
}

/** 归档号 year: the year the case was handled (closed, else opened, else now). */
function suggestedFilingNumber(db: Db, s: DossierState, now: Date): string {
  const year = Number((s.caseRow.closed_on ?? s.caseRow.opened_on ?? now.toISOString()).slice(0, 4));
  return formatFilingNumber({ year, serial: nextSerial(year, allFilingNumbers(db).map(parseFilingNumber)) });
}

export function toDossierDto(db: Db, s: DossierState, now: Date): DossierDto {
  const unit = getUnit(db)!;
  const { caseRow, row } = s;
  const volumeNumber = row.volume_year ? { year: row.volume_year, serial: row.volume_serial! } : null;
  const volumes: DossierVolumeDto[] = (['正卷', '副卷'] as const)
    .filter((v) => v === '正卷' || s.volumes[v].length > 0)
    .map((volume) => ({
      volume,
      itemCount: s.pagination[volume].itemCount,
      pageCount: s.pagination[volume].pageCount,
      records: s.volumes[volume].map((r, i): DossierRecordDto => {
        const p = s.pagination[volume].records[i]!;
        return {
          recordId: r.recordId,
          sequence: i + 1,
          typeNumber: r.typeNumber,
          type: catalogEntryByNumber(r.typeNumber).name,
          title: r.row.title,
          documentNumber: r.row.document_number,
          responsible: r.row.responsible,
          date: r.row.date,
          pageRange: p.pageRange,
          numberedPages: p.numberedPages,
          blankPages: p.blankPages,
          signedVersion: r.signedVersion,
          duplex: s.duplex.has(r.recordId),
          remark: contentsRemark(p.blankPages, r.signedVersion),
        };
      }),
    }));
  return {
    caseId: String(caseRow.id),
    caseNumber: caseRow.case_number,
    caseState: caseRow.state,
    state: row.archived_at ? '已归档' : compiledCount(db, caseRow.id) > 0 ? '已组卷' : '编制中',
    cover: {
      compilingUnit: unit.compilingUnit,
      cause: caseRow.cause,
      filingNumber: row.filing_number,
      suggestedFilingNumber: suggestedFilingNumber(db, s, now),
      retention: row.retention && (RETENTIONS as readonly string[]).includes(row.retention) ? row.retention : null,
      fondsNumber: unit.fondsNumber,
      classCode: row.class_code,
      volumeNumber: volumeNumber ? formatVolumeNumber(volumeNumber) : null,
      archivalCode: volumeNumber && row.class_code ? archivalCode(unit.fondsNumber, row.class_code, volumeNumber) : null,
    },
    remarks: { statement: row.statement, draftStatement: draftOf(s), compiler: row.compiler, checker: row.checker, compiledOn: row.compiled_on, checkedOn: row.checked_on },
    stampPosition: row.stamp_position,
    volumes,
    excluded: s.excluded.map((e) => ({ recordId: e.record.recordId, title: e.record.row.title, reason: e.reason })),
    findings: dossierFindings(db, s, 'compile'),
    compiled: compiledVolumes(db, caseRow.id),
    archiveReport: latestArchiveReport(db, caseRow.id),
    supplements: supplementsOf(db, caseRow.id),
  };
}

function compiledCount(db: Db, caseId: number): number {
  return compiledVolumes(db, caseId).length;
}
