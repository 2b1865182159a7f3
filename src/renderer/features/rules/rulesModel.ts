import type { CatalogEntry, RequiredRecordRule } from '../../../contract';
import { groupCatalog } from '../cases/catalog';

/** Level of a required-record rule as the checks report it: an error blocks archiving, a warning does not. */
export const LEVEL_LABELS: Record<RequiredRecordRule['level'], string> = {
  error: '必须',
  warning: '提醒',
};

/** A new rule row: the core refuses it until it names at least one record type and says what is missing. */
export const NEW_REQUIRED_RULE: RequiredRecordRule = { anyOf: [], level: 'error', label: '' };

/** The list with the item at `from` moved one place up or down; null at the ends. */
export function stepItem<T>(items: readonly T[], from: number, direction: 'up' | 'down'): T[] | null {
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return null;
  const result = [...items];
  [result[from], result[to]] = [result[to] as T, result[from] as T];
  return result;
}

/** The list with `item` put where `before` is (in front of it), or last when `before` is null. */
export function dropBefore<T>(items: readonly T[], item: T, before: T | null): T[] {
  if (item === before || !items.includes(item)) return [...items];
  const rest = items.filter((i) => i !== item);
  const at = before === null ? rest.length : rest.indexOf(before);
  rest.splice(at < 0 ? rest.length : at, 0, item);
  return rest;
}

export interface TypeOptionGroup {
  label: string;
  title: string;
  options: { value: number; label: string }[];
}

/** Record types of the catalog (Appendix A) grouped by 执法阶段, chosen by their 序号 as the rules name them. */
export function typeOptions(entries: CatalogEntry[]): TypeOptionGroup[] {
  return groupCatalog(entries).map((group) => ({ ...group, options: group.options.map((o) => ({ value: o.entry.number, label: o.label })) }));
}
