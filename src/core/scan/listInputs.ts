import fs from 'node:fs/promises';
import path from 'node:path';
import type { ScanProblem } from './types';

/**
 * Natural order ("第2页" before "第10页"), fixed locale so that every machine gives the same order.
 * Made on first use: building ICU's zh-CN collation took 8–11 ms, which every start of the core paid
 * although few calls sort names (decision 0021).
 */
let collator: Intl.Collator | null = null;

export function compareNatural(a: string, b: string): number {
  collator ??= new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Expands the user's selection into files in page order: files as given, each folder's files by
 * natural name order (scanners number their output). Subfolders are reported, not walked: a record is
 * one folder, and silently pulling in a nested folder would put foreign pages into it. Hidden files
 * (".DS_Store") are skipped; whether a file is an image is decided later by its content.
 */
export async function listInputs(inputs: string[]): Promise<{ files: string[]; problems: ScanProblem[] }> {
  const files: string[] = [];
  const problems: ScanProblem[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch {
      problems.push({ file: abs, message: `文件不存在或无法访问：${abs}。请确认路径正确、文件未被移走。` });
      continue;
    }
    if (!stat.isDirectory()) {
      files.push(abs);
      continue;
    }
    const entries = await fs.readdir(abs, { withFileTypes: true });
    entries.sort((a, b) => compareNatural(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        problems.push({ file: full, message: `子文件夹未读取：${full}。一份文书请放在一个文件夹中，或单独选择该文件夹。` });
      } else if (entry.isFile()) {
        files.push(full);
      } else {
        problems.push({ file: full, message: `不是普通文件，已跳过：${full}。` });
      }
    }
  }
  return { files, problems };
}
