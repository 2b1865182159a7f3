/** Pure rules of dropped and chosen files (grouping, order); tested in test/renderer/records.test.ts. */

/** What a drop or a file choice holds, before staging: loose files, and folders with their files. */
export interface DropGroup<F> {
  /** A folder's name; null for loose files. */
  folder: string | null;
  files: F[];
  /** The dropped folder itself, where the bridge can pass a folder as it is (the app). */
  entry?: F;
}

/** Name order of the core (natural, zh-CN), so the page order shown before staging is the one that results. */
const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Loose files keep the order they came in (one group, first); each folder keeps its direct files in
 * name order and drops hidden ones, as the core reads a folder.
 */
export function groupDrop<F extends { name: string }>(loose: F[], folders: { name: string; files: F[]; entry?: F }[]): DropGroup<F>[] {
  const groups: DropGroup<F>[] = [];
  if (loose.length > 0) groups.push({ folder: null, files: loose });
  for (const folder of folders) {
    const files = folder.files.filter((f) => !f.name.startsWith('.')).sort((a, b) => compareNames(a.name, b.name));
    groups.push({ folder: folder.name, files, ...(folder.entry ? { entry: folder.entry } : {}) });
  }
  return groups;
}

/**
 * Files chosen with a folder picker (`webkitdirectory`): grouped by their folder, with files of
 * subfolders left out as in a drop.
 */
export function groupChosenFolder<F extends { name: string; webkitRelativePath?: string }>(files: F[]): { groups: DropGroup<F>[]; skipped: string[] } {
  const byFolder = new Map<string, F[]>();
  const skipped: string[] = [];
  const loose: F[] = [];
  for (const file of files) {
    const parts = (file.webkitRelativePath || file.name).split('/');
    if (parts.length === 1) loose.push(file);
    else if (parts.length === 2) byFolder.set(parts[0]!, [...(byFolder.get(parts[0]!) ?? []), file]);
    else skipped.push(parts.slice(0, -1).join('/'));
  }
  const folders = [...byFolder].map(([name, list]) => ({ name, files: list }));
  return { groups: groupDrop(loose, folders), skipped: [...new Set(skipped)] };
}
