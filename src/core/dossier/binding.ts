import { STAGES, type BindingTemplate, type Stage } from '../../contract';

/**
 * Binding order (DOMAIN.md "Dossier rules"): a template orders the case's records, and the archivist
 * may then reorder them, move them between 正卷 and 副卷, or leave one out with a reason that the
 * remarks sheet states. A template is data the unit can edit (DB3206/T 1060 §5.5.3).
 */

export type Volume = '正卷' | '副卷';

/**
 * A template (contract `BindingTemplate`): stages in binding order; record types (Appendix A 序号) that
 * go to 副卷 by default; record types the dossier itself produces, never bound as records.
 */
export type { BindingTemplate };

export const DEFAULT_BINDING_TEMPLATE: BindingTemplate = {
  name: '默认：按全过程记录清单阶段，再按日期',
  stageOrder: [...STAGES],
  // 行政处罚合法性审查意见书, 案件集体讨论记录, 重大行政处罚法制审核表: internal opinions kept apart from
  // what the party saw, as is the practice for 副卷; the unit changes this list if its practice differs.
  secondaryTypes: [30, 40, 42],
  // 档案封面, 卷宗（封面）, 卷宗目录, 卷内备考表 (Appendix A 64, 65, 66, 68).
  generatedTypes: [64, 65, 66, 68],
};

export interface BindableRecord {
  recordId: string;
  typeNumber: number;
  stage: Stage;
  /** ISO date of the record. */
  date: string;
}

/** What the archivist changed for this dossier; anything not mentioned follows the template. */
export interface BindingChoices {
  /** Record ids in the order the archivist chose, per volume; records not listed follow in template order. */
  order?: Partial<Record<Volume, string[]>>;
  /** Records moved to the other volume than the template says. */
  volumeOf?: Record<string, Volume>;
  /** Records left out, with the reason the remarks sheet states. */
  excluded?: Record<string, string>;
}

export interface Binding<R extends BindableRecord> {
  volumes: Record<Volume, R[]>;
  excluded: { record: R; reason: string }[];
  /** Records of the types the dossier produces itself, left out without a reason being needed. */
  generated: R[];
}

export function templateOrder<R extends BindableRecord>(records: readonly R[], template: BindingTemplate): R[] {
  const stageRank = (s: Stage) => {
    const i = template.stageOrder.indexOf(s);
    return i < 0 ? template.stageOrder.length : i;
  };
  return [...records].sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || compareText(a.date, b.date) || a.typeNumber - b.typeNumber || compareIds(a.recordId, b.recordId));
}

/**
 * Dates are ISO 8601 (the contract's isoDate) and order as text. String#localeCompare would order
 * them the same, but its first call in a process sets up an ICU collator, ~11 ms at the start of
 * every compile from the command line (decision 0022).
 */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ROW_ID = /^\d{1,15}$/;
/** Record ids are SQLite row ids, compared as numbers; any other id in the collator's natural order. */
function compareIds(a: string, b: string): number {
  return ROW_ID.test(a) && ROW_ID.test(b) ? Number(a) - Number(b) : a.localeCompare(b, 'en', { numeric: true });
}

export function bindRecords<R extends BindableRecord>(records: readonly R[], template: BindingTemplate = DEFAULT_BINDING_TEMPLATE, choices: BindingChoices = {}): Binding<R> {
  const generated = records.filter((r) => template.generatedTypes.includes(r.typeNumber));
  const bindable = templateOrder(
    records.filter((r) => !template.generatedTypes.includes(r.typeNumber)),
    template,
  );
  const excluded = bindable.filter((r) => choices.excluded?.[r.recordId] !== undefined).map((record) => ({ record, reason: choices.excluded![record.recordId]! }));
  const kept = bindable.filter((r) => choices.excluded?.[r.recordId] === undefined);
  const volumeOf = (r: R): Volume => choices.volumeOf?.[r.recordId] ?? (template.secondaryTypes.includes(r.typeNumber) ? '副卷' : '正卷');
  const volumes = { 正卷: [] as R[], 副卷: [] as R[] };
  for (const volume of ['正卷', '副卷'] as const) {
    const inVolume = kept.filter((r) => volumeOf(r) === volume);
    const chosen = (choices.order?.[volume] ?? []).flatMap((id) => inVolume.filter((r) => r.recordId === id));
    volumes[volume] = [...chosen, ...inVolume.filter((r) => !chosen.includes(r))];
  }
  return { volumes, excluded, generated };
}
