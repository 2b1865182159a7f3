/** Pure rules of the electronic-records screen (DB3206/T 1060 §6.1.2 Table 2, §4.7.3); tested in test/renderer/features/erecords/. */

import {
  chinaDate,
  electronicRecordName,
  uploadDeadline as deadlineOf,
  type RetentionClass,
  type ActivityType,
  type DisposalStatus,
  type ElectronicRecordDto,
} from '../../../contract';

export const ERECORDS_KEY = ['erecords'] as const;

export type ErecordView = 'all' | 'late' | 'due' | 'disposed';

export const VIEWS: { key: ErecordView; label: string; empty: string }[] = [
  { key: 'all', label: '全部', empty: '还没有登记电子记录' },
  { key: 'late', label: '逾期上传', empty: '没有逾期上传的电子记录' },
  { key: 'due', label: '到期待处置', empty: '没有保存期满待处置的电子记录' },
  { key: 'disposed', label: '已销毁', empty: '没有已销毁的电子记录' },
];

export const DISPOSAL_STATUS_LABELS: Record<DisposalStatus, string> = { pending: '待审批', approved: '已批准并销毁', rejected: '不予批准' };
export const DISPOSAL_STATUS_COLORS: Record<DisposalStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

// Table 2 and the China date are the contract's, the same functions the core names and dates with.
export { chinaDate, retentionClassOf, type RetentionClass } from '../../../contract';

/** One line of Table 2 for the picker: 记录种类 — 内容特征. */
export function retentionClassLabel(c: RetentionClass): string {
  return `${c.kind} — ${c.feature}`;
}

/** What Table 2 asks of the class: the upload deadline and how long it is kept. */
export function retentionClassTerms(c: RetentionClass): string {
  return `上传时限：${c.upload}；保存期限：${c.retention}`;
}

export interface NameInput {
  endedAt: string | null;
  unitName: string;
  squad: string;
  activityType: ActivityType | undefined;
  party: string;
  caseNumber: string;
  recorder: string;
}

/**
 * The §4.7.3 name as the core will store it (the same `electronicRecordName`), or null while a part it
 * needs is missing; `defaultUnit` stands in for an empty 单位名称, as the core does.
 */
export function namePreview(input: NameInput, defaultUnit: string): string | null {
  if (!input.endedAt || !input.activityType || !input.squad.trim() || !input.party.trim() || !input.recorder.trim()) return null;
  return electronicRecordName({
    date: chinaDate(input.endedAt),
    unitName: input.unitName.trim() || defaultUnit,
    squad: input.squad.trim(),
    activityType: input.activityType,
    party: input.party.trim(),
    caseNumber: input.caseNumber.trim(),
    recorder: input.recorder.trim(),
  });
}

/** Table 2's upload deadline for the class: `uploadHours` after the activity ended (or the case closed). */
export function uploadDeadline(endedAt: string, c: RetentionClass): string {
  return deadlineOf(endedAt, c).toISOString();
}

/** Whether an upload at `uploadedAt` is after Table 2's deadline, so the form asks why. */
export function isLateUpload(endedAt: string, uploadedAt: string, c: RetentionClass): boolean {
  return Date.parse(uploadedAt) > Date.parse(uploadDeadline(endedAt, c));
}

/** Due records that may be put on one disposal request: still kept, not already asked for. */
export function isDisposable(record: Pick<ElectronicRecordDto, 'isDue' | 'status'>): boolean {
  return record.isDue && record.status === 'kept';
}
