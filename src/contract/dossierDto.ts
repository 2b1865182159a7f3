import type { z } from 'zod';
import type { CaseState, FileRef } from './dto';
import type * as s from './schemas';

/** Responses of the dossier methods (DB3206/T 1060 §5.5). Plain JSON: ids are strings, dates ISO strings. */

export type Volume = (typeof s.VOLUMES)[number];
export type Retention = (typeof s.RETENTIONS)[number];
export type StampPosition = (typeof s.STAMP_POSITIONS)[number];
export type DossierState = '编制中' | '已组卷' | '已归档';

/** A record as bound in a volume, with its 页次 from the volume's one pagination. */
export interface DossierRecordDto {
  recordId: string;
  /** 顺序号 within the volume, from 1. */
  sequence: number;
  typeNumber: number;
  type: string;
  title: string;
  documentNumber: string;
  responsible: string;
  date: string;
  /** `1-10`, `17`; empty when the record has no page with content yet. */
  pageRange: string;
  numberedPages: number;
  blankPages: number;
  /** The version bound: the latest signed one; null when the record has none yet. */
  signedVersion: number | null;
  duplex: boolean;
  /** 备注 of the contents row, exactly as the compiled volume prints it. */
  remark: string;
}

export interface DossierVolumeDto {
  volume: Volume;
  records: DossierRecordDto[];
  /** 件数 and 页数 as the cover states them. */
  itemCount: number;
  pageCount: number;
}

export interface DossierFindingDto {
  rule: string;
  level: 'error' | 'warning';
  message: string;
  /** Where to fix it: `cover.filingNumber`, `case.openedOn`, `remarks.checker`, `record:<id>`, `records`. */
  field: string;
}

export interface DossierDto {
  caseId: string;
  caseNumber: string;
  caseState: CaseState;
  state: DossierState;
  cover: {
    compilingUnit: string;
    cause: string;
    filingNumber: string | null;
    /** The year's next free 归档号, offered so nothing is typed twice. */
    suggestedFilingNumber: string;
    retention: Retention | null;
    fondsNumber: string;
    /** Assigned by the archive department on acceptance. */
    classCode: string | null;
    volumeNumber: string | null;
    archivalCode: string | null;
  };
  remarks: {
    statement: string | null;
    /** Drafted from the facts; what the statement becomes when the archivist has not written one. */
    draftStatement: string;
    compiler: string | null;
    checker: string | null;
    compiledOn: string | null;
    checkedOn: string | null;
  };
  stampPosition: StampPosition;
  volumes: DossierVolumeDto[];
  excluded: { recordId: string; title: string; reason: string }[];
  /** Checks at the compile stage (archive-stage checks: `dossiers.check`). */
  findings: DossierFindingDto[];
  /** The volumes as last compiled, when nothing has changed since; empty otherwise. */
  compiled: CompiledVolumeDto[];
  /** The latest 四性检测 report, if the dossier has been offered for acceptance. */
  archiveReport: ArchiveReportDto | null;
  /** Records appended after archiving, each with its signed supplement; the original volume stays. */
  supplements: DossierSupplementDto[];
}

export interface DossierSupplementDto {
  recordId: string;
  title: string;
  reason: string;
  /** 页次 of the appended record, numbered on from the volume's last page. */
  pageRange: string;
  /** The signed supplement: the record's numbered pages and the new remarks sheet. */
  file: FileRef;
  addedBy: string;
  addedAt: string;
}

/** A compiled volume: one signed, read-only PDF/A in the file store. */
export interface CompiledVolumeDto {
  volume: Volume;
  /** 1 for the first compilation; a recompilation after a change is the next edition. */
  edition: number;
  file: FileRef;
  itemCount: number;
  pageCount: number;
  /** 页次 per record, exactly as the contents and the stamps show them. */
  ranges: { recordId: string; title: string; pageRange: string }[];
  /** Where each form sits in the volume's PDF (1-based pages), for printing a single form. */
  formPages: { archivalCover: number; dossierCover: number; contents: { first: number; last: number }; remarks: number };
  signedAt: string;
  compiledBy: string;
  compiledAt: string;
}

/** One item of the 四性检测 (DA/T 70): passed, or why not. */
export interface FourPropertyItemDto {
  property: '真实性' | '完整性' | '可用性' | '安全性';
  item: string;
  passed: boolean;
  detail: string;
}

/** The 四性检测 report of an acceptance, kept as signed PDF and JSON in the file store. */
export interface ArchiveReportDto {
  caseId: string;
  passed: boolean;
  /** The dossier's state after the acceptance: 已归档 only when every item passed. */
  state: DossierState;
  volumeNumber: string;
  archivalCode: string;
  items: FourPropertyItemDto[];
  reportPdf: FileRef;
  reportJson: FileRef;
  checkedBy: string;
  checkedAt: string;
}

export interface DossierCompileResult {
  jobId: string;
  volumes: CompiledVolumeDto[];
}

/** The unit's own dossier rules: binding template, records each procedure requires, page-number position. */
export type UnitRules = z.output<typeof s.unitRulesSchema>;
export type BindingTemplate = z.output<typeof s.bindingTemplateSchema>;
export type RequiredRecordRule = z.output<typeof s.requiredRecordRuleSchema>;
