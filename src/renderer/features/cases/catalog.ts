import { STAGES, type CatalogEntry } from '../../../contract';

export interface CatalogGroup {
  label: string;
  title: string;
  options: { value: string; label: string; entry: CatalogEntry }[];
}

/** Appendix A of DB3206/T 1060 grouped by 执法阶段, in the appendix's own order. */
export function groupCatalog(entries: CatalogEntry[]): CatalogGroup[] {
  return STAGES.map((stage) => ({
    label: stage,
    title: stage,
    options: entries
      .filter((e) => e.stage === stage)
      .sort((a, b) => a.number - b.number)
      .map((entry) => ({ value: entry.name, label: `${entry.number}. ${entry.name}`, entry })),
  })).filter((group) => group.options.length > 0);
}
