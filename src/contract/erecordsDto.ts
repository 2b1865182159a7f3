/**
 * Electronic records (DB3206/T 1060 §6.1.2 Table 2, §4.7.3). The name is built here, in the contract,
 * so that the form's preview and the stored name are the same function.
 */
import type { FileRef } from './dto';
import { RETENTION_CLASSES, type ActivityType, type ElectronicRecordNameFields, type RetentionClassId } from './erecordsSchemas';
import type { Classification } from './mediaSchemas';

export type RetentionClass = (typeof RETENTION_CLASSES)[number];

export function retentionClassOf(id: RetentionClassId): RetentionClass {
  return RETENTION_CLASSES.find((c) => c.id === id)!;
}

/** China Standard Time, UTC+8 all year (no daylight saving since 1991): the unit's calendar. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The calendar day (YYYY-MM-DD) an instant falls on in China: a record ended at 23:30 UTC is the next
 * day's. The date the §4.7.3 name states, here so that the form's preview and the core agree.
 */
export function chinaDate(at: Date | string): string {
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Table 2 上传时间要求: 24 hours after the activity ended, or for a case-evidence medium one week
 * (168 hours) after the case closed — `endedAt` carries the closing for that class.
 */
export function uploadDeadline(endedAt: Date | string, cls: RetentionClass): Date {
  return new Date(new Date(endedAt).getTime() + cls.uploadHours * 3_600_000);
}

/** Characters no file system on the unit's computers accepts in a name; a name is also a file name. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name may not hold
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g;
const clean = (s: string) => s.replace(UNSAFE, '＿').trim();

/**
 * DB3206/T 1060 §4.7.3: “20**年*月*日**市（县）烟草专卖局**中队（室）市场检查（案件查办/…）记录
 * （当事人+案件编号）（记录人：**）”. The `+` of the template joins the party and the case number; a
 * record of no case names the party alone.
 */
export function electronicRecordName(f: ElectronicRecordNameFields): string {
  const [y, m, d] = f.date.split('-').map(Number);
  const who = f.caseNumber.trim() ? `${clean(f.party)}+${clean(f.caseNumber)}` : clean(f.party);
  return `${y}年${m}月${d}日${clean(f.unitName)}${clean(f.squad)}${f.activityType}记录（${who}）（记录人：${clean(f.recorder)}）`;
}

/** The pattern of §4.7.3 as a test of a finished name. */
export const ELECTRONIC_RECORD_NAME_PATTERN =
  /^20\d{2}年(?:[1-9]|1[0-2])月(?:[1-9]|[12]\d|3[01])日.+?[市县]烟草专卖局.+?(?:中队|室)(?:市场检查|案件查办|案件侦办|案件审理|举报处理|询问|实地核查|文书送达|听证|视频监控)记录（[^（）]+）（记录人：[^（）]+）$/u;

export type ElectronicRecordStatus = 'kept' | 'disposal-requested' | 'disposed';

export interface ElectronicRecordDto {
  id: string;
  name: string;
  retentionClass: RetentionClassId;
  /** 记录种类 and 内容特征 of Table 2. */
  kindLabel: string;
  featureLabel: string;
  activityType: ActivityType;
  unitName: string;
  squad: string;
  party: string;
  caseNumber: string;
  recorder: string;
  classification: Classification;
  endedAt: string;
  uploadedAt: string;
  /** The Table 2 deadline: ended + 24 h (or a week after the case closed). */
  uploadDeadline: string;
  /** Uploaded after the deadline. */
  isLate: boolean;
  lateReason: string;
  /** 6 月, 36 月 or 长期. */
  retentionLabel: string;
  /** The day its retention ends, or null for 长期. */
  disposalDueOn: string | null;
  /** Retention has ended and it is still kept: listed for disposal. */
  isDue: boolean;
  partyConfirmed: boolean;
  registeredBy: string;
  status: ElectronicRecordStatus;
  files: FileRef[];
}

export type DisposalStatus = 'pending' | 'approved' | 'rejected';

export interface DisposalDto {
  id: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  reason: string;
  status: DisposalStatus;
  records: { id: string; name: string; disposalDueOn: string | null }[];
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string;
  /** The disposal certificate (signed PDF/A and JSON), once approved and carried out. */
  certificate: { number: string; pdf: FileRef; json: FileRef } | null;
}
