import type { CatalogEntry, Stage } from '../../contract';
import { STAGES } from '../../contract';
import appendixA from './appendix-a.json' with { type: 'json' };

/** The record catalog: DB3206/T 1060 Appendix A, table A.1, shipped as data (appendix-a.json). */
export const RECORD_CATALOG: readonly CatalogEntry[] = appendixA.entries.map((e) => {
  if (!(STAGES as readonly string[]).includes(e.stage)) throw new Error(`appendix-a.json: unknown stage ${e.stage}`);
  return { ...e, stage: e.stage as Stage };
});

/**
 * The appendix itself mixes half- and full-width brackets (不予(撤销)立案告知书, 延期（分期）…), and
 * people type either; names are compared after folding them and removing spaces.
 */
export function normalizeRecordName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

const BY_NAME = new Map(RECORD_CATALOG.map((e) => [normalizeRecordName(e.name), e]));
const BY_NUMBER = new Map(RECORD_CATALOG.map((e) => [e.number, e]));

export function findCatalogEntry(name: string): CatalogEntry | undefined {
  return BY_NAME.get(normalizeRecordName(name));
}

export function catalogEntryByNumber(n: number): CatalogEntry {
  const e = BY_NUMBER.get(n);
  if (!e) throw new Error(`文书类型编号 ${n} 不在全过程记录清单中`);
  return e;
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** The catalog names nearest to an unknown one: containment first, then edit distance. */
export function suggestRecordNames(name: string, count = 3): string[] {
  const wanted = normalizeRecordName(name);
  return RECORD_CATALOG.map((e) => {
    const n = normalizeRecordName(e.name);
    const contains = n.includes(wanted) || wanted.includes(n);
    return { name: e.name, score: editDistance(wanted, n) - (contains ? 100 : 0) };
  })
    .sort((a, b) => a.score - b.score)
    .slice(0, count)
    .map((s) => s.name);
}

export function unknownRecordTypeMessage(name: string): string {
  return `文书类型“${name}”不在全过程记录清单（DB3206/T 1060 附录 A）中。您是否想填：${suggestRecordNames(name).join('、')}？`;
}
