import { RETENTIONS, type Procedure } from '../../contract';
import type { Volume } from './binding';
import { parseFilingNumber, parseVolumeNumber } from './numbers';
import type { Pagination } from './pagination';
import { DEFAULT_REQUIRED_RECORDS, missingRequired, type RequiredRecordRules } from './requiredRecords';
import { isEmptyStatement } from './statement';

/**
 * The checks a dossier passes before it is compiled and again before it is archived
 * (DB3206/T 1060 §5.5; DOMAIN.md "Dossier rules"). Each finding names the field it concerns so the
 * UI can take the archivist there; errors block, warnings are shown and may be accepted.
 */

export type CheckStage = 'compile' | 'archive';
export type FindingLevel = 'error' | 'warning';

export interface DossierFinding {
  /** Stable id of the rule, for tests and for the UI's links. */
  rule: string;
  level: FindingLevel;
  message: string;
  /** Where to fix it: `cover.filingNumber`, `case.openedOn`, `remarks.checker`, `record:<id>`… */
  field: string;
}

export interface CheckedRecord {
  recordId: string;
  typeNumber: number;
  title: string;
  documentNumber: string;
  approvedOn: string | null;
  /** null when the record is left out of the dossier. */
  volume: Volume | null;
}

export interface DossierCheckInput {
  stage: CheckStage;
  case: { procedure: Procedure; disposition: string; openedOn: string | null; closedOn: string | null };
  records: CheckedRecord[];
  cover: {
    filingNumber: string | null;
    /** Another case that already holds this 归档号, if any. */
    filingNumberTakenBy: string | null;
    volumeNumber: string | null;
    retention: string | null;
    classCode: string | null;
    /** Counts as written on a compiled cover, to compare with the real ones; absent before compiling. */
    written?: Partial<Record<Volume, { itemCount: number; pageCount: number }>>;
  };
  remarks: { statement: string | null; compiler: string | null; checker: string | null; compiledOn: string | null; checkedOn: string | null };
  pagination: Partial<Record<Volume, Pagination>>;
  requiredRecords?: RequiredRecordRules;
}


const OPENING_REPORT = 2; // 立案报告表 §5.1.2
const CLOSING_REPORT = 67; // 结案报告表 §5.5.4
const PENALTY_DECISIONS = [45, 46]; // 当场行政处罚决定书, 行政处罚决定书 §5.3.17
const NO_PENALTY_DECISION = 48; // 不予行政处罚决定书

export function checkDossier(input: DossierCheckInput): DossierFinding[] {
  const findings: DossierFinding[] = [];
  const add = (rule: string, level: FindingLevel, message: string, field: string) => findings.push({ rule, level, message, field });
  const atArchive = input.stage === 'archive';
  const bound = input.records.filter((r) => r.volume !== null);
  const { cover, remarks } = input;

  // 案卷号 is the archive department's: required on acceptance, checked for form whenever present (§5.5.2 a).
  if (cover.volumeNumber?.trim()) {
    if (!parseVolumeNumber(cover.volumeNumber)) add('volume-number-form', 'error', `案卷号“${cover.volumeNumber}”格式不对，应为“年度第号”，例如“2024年度第12号”。`, 'cover.volumeNumber');
  } else if (atArchive) {
    add('volume-number-missing', 'error', '请由档案部门分配案卷号（年度第号）。', 'cover.volumeNumber');
  }
  if (atArchive && !cover.classCode?.trim()) add('class-code-missing', 'error', '请由档案部门填写分类号。', 'cover.classCode');

  if (!cover.filingNumber?.trim()) add('filing-number-missing', 'error', '请填写归档号（8 位：办理年度 + 4 位流水号）。', 'cover.filingNumber');
  else if (!parseFilingNumber(cover.filingNumber)) add('filing-number-form', 'error', `归档号“${cover.filingNumber}”格式不对，应为 8 位数字：办理年度加 4 位流水号，例如 20240012。`, 'cover.filingNumber');
  else if (cover.filingNumberTakenBy) add('filing-number-unique', 'error', `归档号 ${cover.filingNumber} 已被案件 ${cover.filingNumberTakenBy} 使用，请换一个。`, 'cover.filingNumber');

  if (!cover.retention || !(RETENTIONS as readonly string[]).includes(cover.retention)) add('retention', 'error', '请选择保管期限：永久、30年或10年。', 'cover.retention');

  checkDates(input, bound, add);
  checkDisposition(input, bound, add);

  for (const rule of missingRequired(input.case.procedure, bound.map((r) => r.typeNumber), input.requiredRecords ?? DEFAULT_REQUIRED_RECORDS)) {
    add('required-record', rule.level, `${input.case.procedure}案件应有${rule.label}，卷内没有。`, 'records');
  }

  // §5.5.5 a and b.
  if (isEmptyStatement(remarks.statement ?? '')) add('statement', 'error', '本卷情况说明不能为空、不能写“无”或划斜杠，宜写“本卷材料齐全”。', 'remarks.statement');
  const missingLevel: FindingLevel = atArchive ? 'error' : 'warning';
  if (!remarks.compiler?.trim()) add('compiler-missing', missingLevel, '请填写立卷人。', 'remarks.compiler');
  if (!remarks.checker?.trim()) add('checker-missing', missingLevel, '请填写检查人。', 'remarks.checker');
  if (remarks.compiler?.trim() && remarks.compiler.trim() === remarks.checker?.trim()) add('compiler-is-checker', 'error', '立卷人和检查人不能是同一人（DB3206/T 1060 5.5.5 b）。', 'remarks.checker');
  if (!remarks.compiledOn) add('compiled-on-missing', missingLevel, '请填写立卷日期。', 'remarks.compiledOn');
  if (!remarks.checkedOn) add('checked-on-missing', missingLevel, '请填写检查日期。', 'remarks.checkedOn');
  if (remarks.compiledOn && remarks.checkedOn && remarks.checkedOn < remarks.compiledOn) add('checked-before-compiled', 'warning', '检查日期早于立卷日期，请核对。', 'remarks.checkedOn');

  checkPages(input, add);
  return findings;
}

type Add = (rule: string, level: FindingLevel, message: string, field: string) => void;

/** §5.5.2 c: the cover's dates are the approval dates of 立案报告表 and 结案报告表. */
function checkDates(input: DossierCheckInput, bound: CheckedRecord[], add: Add): void {
  const pairs = [
    { type: OPENING_REPORT, date: input.case.openedOn, field: 'case.openedOn', what: '立案日期', report: '立案报告表', needed: input.case.procedure === '一般程序' },
    { type: CLOSING_REPORT, date: input.case.closedOn, field: 'case.closedOn', what: '结案日期', report: '结案报告表', needed: true },
  ];
  for (const p of pairs) {
    const report = bound.find((r) => r.typeNumber === p.type);
    if (!p.date) {
      if (p.needed) add(`${p.field}-missing`, 'error', `请填写${p.what}。`, p.field);
      continue;
    }
    if (!report) continue; // reported by the required-records rule
    if (!report.approvedOn) add(`${p.field}-approval`, 'error', `《${report.title}》没有批准日期，无法核对${p.what}。请在文书中填写批准日期。`, `record:${report.recordId}`);
    else if (report.approvedOn !== p.date) add(`${p.field}-match`, 'error', `${p.what} ${p.date} 与${p.report}的批准日期 ${report.approvedOn} 不一致（DB3206/T 1060 5.5.2 c）。`, p.field);
  }
}

/** §5.5.2 b: 处理结果 agrees with the decision. The app knows the decision's kind and 文号, not its text. */
function checkDisposition(input: DossierCheckInput, bound: CheckedRecord[], add: Add): void {
  const disposition = input.case.disposition.trim();
  if (!disposition) {
    add('disposition-missing', 'error', '请填写处理结果，应与行政处罚决定书及执行结果一致。', 'case.disposition');
    return;
  }
  const saysNoPenalty = /不予(行政)?处罚/.test(disposition);
  const penalty = bound.find((r) => PENALTY_DECISIONS.includes(r.typeNumber));
  const noPenalty = bound.find((r) => r.typeNumber === NO_PENALTY_DECISION);
  if (penalty && saysNoPenalty) add('disposition-kind', 'error', `处理结果写的是不予处罚，但卷内有《${penalty.title}》。请核对处理结果。`, 'case.disposition');
  if (noPenalty && !saysNoPenalty) add('disposition-kind', 'error', `卷内有《${noPenalty.title}》，处理结果却不是不予处罚。请核对处理结果。`, 'case.disposition');
  const decision = penalty ?? noPenalty;
  if (decision?.documentNumber.trim() && !disposition.includes(decision.documentNumber.trim())) {
    add('disposition-number', 'warning', `处理结果未写明决定书文号 ${decision.documentNumber}，请核对是否与该决定书一致。`, 'case.disposition');
  }
}

/** Counts on a compiled cover equal the real ones, and numbering runs 1..N without gaps (§5.5.1, §5.5.3 b). */
function checkPages(input: DossierCheckInput, add: Add): void {
  const main = input.pagination['正卷'];
  if (!main || main.itemCount === 0) add('main-volume-empty', 'error', '正卷里没有文书，无法组卷。', 'records');
  for (const [volume, p] of Object.entries(input.pagination) as [Volume, Pagination][]) {
    for (const r of p.records) {
      if (r.numberedPages === 0) {
        const title = input.records.find((x) => x.recordId === r.recordId)?.title ?? r.recordId;
        add('record-without-pages', 'error', `${volume}中的《${title}》没有可编页号的页面：请先添加扫描页或生成签章 PDF。`, `record:${r.recordId}`);
      }
    }
    const numbers = p.records.flatMap((r) => r.stamps.flatMap((s) => (s ? [s.number] : [])));
    if (numbers.some((n, i) => n !== i + 1)) add('page-numbers', 'error', `${volume}页号不连续或有重复，请重新编排页号。`, 'records');
    const written = input.cover.written?.[volume];
    if (written && (written.itemCount !== p.itemCount || written.pageCount !== p.pageCount)) {
      add('cover-counts', 'error', `${volume}封面记录 ${written.itemCount} 件 ${written.pageCount} 页，实际为 ${p.itemCount} 件 ${p.pageCount} 页。请重新组卷。`, 'cover.counts');
    }
  }
}

export function hasBlockingFindings(findings: readonly DossierFinding[]): boolean {
  return findings.some((f) => f.level === 'error');
}
