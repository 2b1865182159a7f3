import type { z } from 'zod';
import type { Permission } from './permissions';
import type { Role } from './roles';
import type * as s from './schemas';

/** Responses. Plain JSON: ids are strings, dates ISO strings. */

export interface UnitInfo {
  compilingUnit: string;
  fondsNumber: string;
  setUpAt: string;
}

export interface SetupStatus {
  isSetUp: boolean;
  unit: UnitInfo | null;
  terminalId: string;
  /**
   * How this process seals the signing key: the OS key store (app), a passphrase it was given
   * (CLI, web host), or none: set-up must then ask for a passphrase (setup.initialize keyPassphrase).
   */
  keyProtection: 'os' | 'passphrase' | 'none';
}

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  department: string;
  roles: Role[];
  isActive: boolean;
  /** Set while the account is locked after repeated failed logins. */
  lockedUntil: string | null;
  createdAt: string;
}

export interface PersonDto {
  id: string;
  displayName: string;
  department: string;
}

export interface SessionInfo {
  user: UserDto;
  /** What this session may do; the UI offers only these, the core checks every call regardless. */
  permissions: Permission[];
  unit: UnitInfo;
  terminalId: string;
  /** The session ends after this many minutes without a call. */
  idleMinutes: number;
  expiresAt: string;
}

export type Party = z.infer<typeof s.partySchema>;
export type Handler = z.infer<typeof s.handlerSchema>;
export type Procedure = (typeof s.PROCEDURES)[number];
export type CaseState = (typeof s.CASE_STATES)[number];
export type CaseInput = z.input<typeof s.caseInputSchema>;
export type RecordInput = z.input<typeof s.recordInputSchema>;

export interface CaseDto {
  id: string;
  caseNumber: string;
  cause: string;
  party: Party;
  source: string;
  procedure: Procedure;
  handlers: Handler[];
  department: string;
  disposition: string;
  openedOn: string | null;
  closedOn: string | null;
  state: CaseState;
  createdAt: string;
  updatedAt: string;
}

export interface CaseSummary {
  id: string;
  caseNumber: string;
  cause: string;
  partyName: string;
  procedure: Procedure;
  state: CaseState;
  department: string;
  openedOn: string | null;
  closedOn: string | null;
  recordCount: number;
}

export interface FileRef {
  id: string;
  name: string;
  sha256: string;
  size: number;
  mediaType: string;
}

export interface RecordDto {
  id: string;
  caseId: string;
  /** 序号 in DB3206/T 1060 Appendix A. */
  typeNumber: number;
  type: string;
  stage: Stage;
  title: string;
  documentNumber: string;
  responsible: string;
  date: string;
  approvedOn: string | null;
  files: FileRef[];
  /** Pages in the record's page model (see `records.pages`); 0 before any scan is added. */
  pageCount: number;
  /** Signed PDF versions, oldest first; once there is one, the record's fields and scans are fixed. */
  versions: RecordVersionDto[];
  /** Strike-through corrections made before signing, in the order made. */
  corrections: CorrectionDto[];
  createdAt: string;
}

export interface CorrectionDto {
  id: string;
  page: number;
  region: { x: number; y: number; width: number; height: number };
  reason: string;
  createdBy: string;
  createdAt: string;
}

/** A signed PDF/A version of a record. Versions never change; a later one supersedes with a reason. */
export interface RecordVersionDto {
  version: number;
  file: FileRef;
  pageCount: number;
  /** 1-based page numbers flagged blank (kept, never dropped). */
  blankPages: number[];
  hasOcr: boolean;
  signerFingerprint: string;
  signedAt: string;
  supersedesVersion: number | null;
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

export interface CaseDetail {
  case: CaseDto;
  records: RecordDto[];
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface CaseImportResult {
  case: CaseDto;
  recordCount: number;
  fileCount: number;
}

export const STAGES = ['立案', '调查取证', '审查决定', '送达执行', '结案归档', '通用'] as const;
export type Stage = (typeof STAGES)[number];

/** One entry of the record catalog, DB3206/T 1060 Appendix A. */
export interface CatalogEntry {
  number: number;
  stage: Stage;
  name: string;
  /** 规范性 / 内部审批 / 内部流转 / 公函, as the appendix's 备注 column. */
  category: string;
  /** Approval forms carry an approval date (审批日期). */
  isApprovalForm: boolean;
}

export type AuditOutcome = (typeof s.AUDIT_OUTCOMES)[number];

export interface AuditEntryDto {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  terminalId: string;
  /** Which transport carried the call: app, web or cli. */
  channel: string;
  outcome: AuditOutcome;
  detail: string;
  hash: string;
}

export type Checkpoint = z.infer<typeof s.checkpointSchema>;

export interface FixityFinding {
  fileId: string;
  name: string;
  sha256: string;
  problem: 'missing' | 'changed';
  /** The SHA-256 found on disk, for a changed file. */
  actualSha256: string | null;
  message: string;
}

export interface FixityReport {
  jobId: string;
  checked: number;
  bytes: number;
  findings: FixityFinding[];
  startedAt: string;
  finishedAt: string;
}

export interface CertificateInfoDto {
  /** SHA-256 of the certificate, hex. */
  fingerprint: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  /** How the private key is sealed at rest: the OS key store (app) or a passphrase (CLI). */
  protection: 'passphrase' | 'os';
  isCurrent: boolean;
  createdAt: string;
}

export interface SigningStatus {
  current: CertificateInfoDto | null;
  /**
   * Whether this process can use the private key now: the OS key store is available, or the
   * passphrase has been given (`signing.unlock`) on a machine without one.
   */
  canSign: boolean;
  /** How new keys are sealed on this machine: the OS key store, a passphrase, or not yet known (none). */
  keyProtection: 'os' | 'passphrase' | 'none';
  /** Every certificate the unit has signed with; files signed by any of them still verify. */
  certificates: CertificateInfoDto[];
}

export interface PdfVerifyResult {
  status: 'valid' | 'invalid' | 'unreadable';
  isValid: boolean;
  /** Why not, in Chinese; empty when valid. */
  reasons: string[];
  signer: { subject: string; fingerprint: string } | null;
  isSignerTrusted: boolean;
  signedAt: string | null;
  coversWholeFile: boolean;
  hasDocMdpP1: boolean;
  bytes: number;
  fileSha256: string | null;
}

export interface ScannedPageDto {
  file: string;
  pageInFile: number;
  widthPt: number;
  heightPt: number;
  dpi: number;
  /** Where the resolution came from: the file's header, or the unit's default. */
  dpiSource: 'header' | 'default';
  /** Blank pages are flagged and kept, never dropped. */
  isBlank: boolean;
  /** How the image went in: the scanner's bytes as-is, or lossless PNG and why. */
  embedding: string;
}

export interface ScanConvertResult {
  jobId: string;
  outPath: string;
  pages: ScannedPageDto[];
  sha256: string;
  bytes: number;
  signer: { subject: string; fingerprint: string };
  signedAt: string;
  ocr: { lines: number; words: number } | null;
  /** Seconds per phase. */
  timings: { intake: number; ocr: number; write: number; sign: number; total: number };
}

export interface JobDto {
  jobId: string;
  kind: string;
  startedBy: string;
  done: number;
  total: number;
  label: string;
}

export interface AuditVerifyResult {
  isIntact: boolean;
  count: number;
  headHash: string;
  /** The first entry at which the chain breaks, and why (Chinese). */
  broken: { seq: number; reason: string } | null;
  /**
   * The checkpoint compared: `matches` when the log still holds its entry with its hash and its
   * signature is valid; `signature` says who signed it, or why it cannot be trusted.
   */
  checkpoint: { matches: boolean; reason: string; signature: { isValid: boolean; signer: string | null; reason: string } } | null;
}

/**
 * One page of a record before signing: where it comes from, how it stands, whether it looks blank.
 * Pages are read once, when they are added; conversion then only writes and signs.
 */
export interface RecordPageDto {
  id: string;
  /** 1-based place in the record. */
  position: number;
  /** The original scan file, kept byte-identical in the file store. */
  file: FileRef;
  /** Page within a multi-page TIFF, 0 for single images. */
  pageInFile: number;
  /** Upright size in PDF points, the file's orientation and the page's rotation applied. */
  widthPt: number;
  heightPt: number;
  dpi: number;
  dpiSource: 'header' | 'default';
  /** Quarter turns clockwise chosen by the archivist, on top of the file's own orientation. */
  rotation: 0 | 90 | 180 | 270;
  /** Flagged, never dropped. */
  isBlank: boolean;
  /** How the image goes into the PDF: the scanner's bytes as-is, or lossless PNG and why. */
  embedding: string;
  /** Upright thumbnail (rotation applied) as a data: URL, long side 256 px. */
  thumbnail: string;
  /** Whether Chinese OCR has run on this page (its text goes into the next signed version). */
  hasOcr: boolean;
  /** Chinese notes: default resolution used, re-encoding, low dpi… */
  notes: string[];
}

export interface RecordAddScansResult {
  jobId: string;
  /** Only the pages added by this call, in order. */
  added: RecordPageDto[];
  /** The record's page count after the call. */
  pageCount: number;
}

export interface RecordOcrResult {
  jobId: string;
  /** Pages recognized by this call (pages that already had OCR are skipped). */
  recognized: number;
  lines: number;
  words: number;
}

/** Dossiers (DB3206/T 1060 §5.5) have their own file. */
export type * from './dossierDto';
export type * from './accessDto';
export type * from './terminalDto';
export type * from './mediaDto';
export type * from './erecordsDto';
