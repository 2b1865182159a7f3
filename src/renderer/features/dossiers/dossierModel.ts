/** Pure rules of the dossier builder; tested in test/renderer/dossiers/dossierModel.test.ts. */

import type { CompiledVolumeDto, DossierDto, DossierFindingDto, RequestOf, Volume } from '../../../contract';

type DossierArrangeRequest = RequestOf<'dossiers.arrange'>;

export const DOSSIER_STATE_COLORS: Record<DossierDto['state'], string> = {
  编制中: 'processing',
  已组卷: 'cyan',
  已归档: 'green',
};

// ---- findings -----------------------------------------------------------------------------------

export type BuilderTab = 'cover' | 'remarks' | 'contents';

/** Where a finding sends the archivist: a form field, a record in the list, the whole list, or the case page. */
export type FindingTarget =
  | { kind: 'field'; tab: Exclude<BuilderTab, 'contents'>; name: string }
  | { kind: 'record'; recordId: string }
  | { kind: 'records' }
  | { kind: 'case'; name: string };

/** Cover fields the builder shows; anything else under `cover.` (e.g. `cover.counts`) lands on the cover as a whole. */
const COVER_FIELDS = ['filingNumber', 'retention', 'fondsNumber', 'classCode', 'volumeNumber', 'archivalCode'];
const REMARKS_FIELDS = ['statement', 'compiler', 'checker', 'compiledOn', 'checkedOn'];

/** The core names the place to fix a finding (`cover.filingNumber`, `record:<id>`, `case.openedOn`, `records`). */
export function findingTarget(field: string): FindingTarget {
  if (field.startsWith('record:')) return { kind: 'record', recordId: field.slice('record:'.length) };
  const [head, name = ''] = field.split('.', 2);
  if (head === 'cover') return { kind: 'field', tab: 'cover', name: COVER_FIELDS.includes(name) ? name : 'filingNumber' };
  if (head === 'remarks') return { kind: 'field', tab: 'remarks', name: REMARKS_FIELDS.includes(name) ? name : 'statement' };
  if (head === 'case') return { kind: 'case', name };
  return { kind: 'records' };
}

/** The DOM id of a builder form field, so a finding can focus it (antd Form gives `<form name>_<field>`). */
export function fieldElementId(target: { tab: string; name: string }): string {
  return `dossier-${target.tab}_${target.name}`;
}

export interface GroupedFindings {
  errors: DossierFindingDto[];
  warnings: DossierFindingDto[];
  /** red: something blocks compiling; amber: only reminders; green: nothing to do. */
  status: 'red' | 'amber' | 'green';
}

export function groupFindings(findings: readonly DossierFindingDto[]): GroupedFindings {
  const errors = findings.filter((f) => f.level === 'error');
  const warnings = findings.filter((f) => f.level === 'warning');
  return { errors, warnings, status: errors.length ? 'red' : warnings.length ? 'amber' : 'green' };
}

/** Cover fields that 接收归档 itself fills: their archive-stage findings are not the archivist's to fix first. */
export const ARCHIVE_ASSIGNED_FIELDS: readonly string[] = ['cover.volumeNumber', 'cover.classCode'];

/** Why 组卷 cannot start, or null when it can. */
export function compileBlocker(d: Pick<DossierDto, 'state' | 'findings'>, canCompile: boolean, unsavedForms: readonly string[] = []): string | null {
  if (!canCompile) return '您的角色不能组卷（需要档案管理员或承办人）';
  if (d.state === '已归档') return '卷宗已归档，不能再组卷';
  // The volume is written from what is saved; unsaved entries would be silently left out.
  if (unsavedForms.length) return `${unsavedForms.join('、')}有未保存的修改，请先保存`;
  const errors = d.findings.filter((f) => f.level === 'error').length;
  if (errors) return `检查有 ${errors} 项错误，请先处理右侧红色项`;
  return null;
}

// ---- arrangement --------------------------------------------------------------------------------

export interface Arrangement {
  正卷: string[];
  副卷: string[];
  excluded: { recordId: string; reason: string }[];
  duplex: string[];
}

export function arrangementOf(d: Pick<DossierDto, 'volumes' | 'excluded'>): Arrangement {
  const ids = (volume: Volume) => d.volumes.find((v) => v.volume === volume)?.records.map((r) => r.recordId) ?? [];
  return {
    正卷: ids('正卷'),
    副卷: ids('副卷'),
    excluded: d.excluded.map((e) => ({ recordId: e.recordId, reason: e.reason })),
    duplex: d.volumes.flatMap((v) => v.records.filter((r) => r.duplex).map((r) => r.recordId)),
  };
}

export function arrangeRequest(caseId: string, a: Arrangement): DossierArrangeRequest {
  return { caseId, volumes: { 正卷: a.正卷, 副卷: a.副卷 }, excluded: a.excluded, duplex: a.duplex };
}

function without(a: Arrangement, recordId: string): Arrangement {
  return {
    正卷: a.正卷.filter((id) => id !== recordId),
    副卷: a.副卷.filter((id) => id !== recordId),
    excluded: a.excluded.filter((e) => e.recordId !== recordId),
    duplex: a.duplex,
  };
}

/** Puts a record at `index` of `volume` (counted without it), taking it from wherever it was. */
export function moveRecord(a: Arrangement, recordId: string, volume: Volume, index: number): Arrangement {
  const next = without(a, recordId);
  const list = [...next[volume]];
  list.splice(Math.max(0, Math.min(index, list.length)), 0, recordId);
  return { ...next, [volume]: list };
}

/**
 * One step up or down for the keyboard: within its volume, and across the boundary between 正卷 and
 * 副卷 (down from the last of 正卷 is the first of 副卷). null when it cannot go further.
 */
export function stepRecord(a: Arrangement, recordId: string, direction: 'up' | 'down'): Arrangement | null {
  const volume: Volume | null = a.正卷.includes(recordId) ? '正卷' : a.副卷.includes(recordId) ? '副卷' : null;
  if (!volume) return null;
  const index = a[volume].indexOf(recordId);
  if (direction === 'up') {
    if (index > 0) return moveRecord(a, recordId, volume, index - 1);
    return volume === '副卷' ? moveRecord(a, recordId, '正卷', a.正卷.length) : null;
  }
  if (index < a[volume].length - 1) return moveRecord(a, recordId, volume, index + 1);
  return volume === '正卷' ? moveRecord(a, recordId, '副卷', 0) : null;
}

export function excludeRecord(a: Arrangement, recordId: string, reason: string): Arrangement {
  const next = without(a, recordId);
  return { ...next, excluded: [...next.excluded, { recordId, reason }], duplex: next.duplex.filter((id) => id !== recordId) };
}

/** Back into a volume (at its end) after being left out. */
export function includeRecord(a: Arrangement, recordId: string, volume: Volume = '正卷'): Arrangement {
  return moveRecord(a, recordId, volume, Number.MAX_SAFE_INTEGER);
}

export function toggleDuplex(a: Arrangement, recordId: string): Arrangement {
  return { ...a, duplex: a.duplex.includes(recordId) ? a.duplex.filter((id) => id !== recordId) : [...a.duplex, recordId] };
}

/** Where a dragged record lands: before the record it is dropped on, or at the end of the volume. */
export function dropIndex(a: Arrangement, volume: Volume, beforeRecordId: string | null, draggedId: string): number {
  const list = a[volume].filter((id) => id !== draggedId);
  if (beforeRecordId === null) return list.length;
  const i = list.indexOf(beforeRecordId);
  return i < 0 ? list.length : i;
}

// ---- contents -----------------------------------------------------------------------------------

export const STAMP_POSITION_LABELS = { 'top-outer': '上角（正面右上、背面左上）', 'bottom-outer': '下角（正面右下、背面左下）' } as const;

// ---- printing -----------------------------------------------------------------------------------

export type PrintForm = 'volume' | 'archivalCover' | 'dossierCover' | 'contents' | 'remarks';

export const PRINT_FORM_LABELS: Record<PrintForm, string> = {
  volume: '整卷',
  archivalCover: '档案封面',
  dossierCover: '卷宗封面',
  contents: '卷内目录',
  remarks: '卷内备考表',
};

/**
 * Which pages of a compiled volume a print takes (1-based), from where the core says each form sits
 * (`CompiledVolumeDto.formPages`). `totalPages` is what pdf.js read: a file that disagrees is refused.
 */
export function printPages(form: PrintForm, totalPages: number, at: CompiledVolumeDto['formPages']): number[] {
  if (at.remarks !== totalPages) throw new Error(`卷宗 PDF 有 ${totalPages} 页，与组卷时记录的 ${at.remarks} 页不符，请重新组卷后再打印`);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  switch (form) {
    case 'volume':
      return range(1, totalPages);
    case 'archivalCover':
      return [at.archivalCover];
    case 'dossierCover':
      return [at.dossierCover];
    case 'contents':
      return range(at.contents.first, at.contents.last);
    case 'remarks':
      return [at.remarks];
  }
}
