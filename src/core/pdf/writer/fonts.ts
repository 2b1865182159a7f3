import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUNDLED_FONT_FILE = 'NotoSansCJK-Regular.ttc';
/** A TTC must be opened by PostScript name; the family name fails (PDF.md, "Fonts"). */
export const BUNDLED_FONT_POSTSCRIPT_NAME = 'NotoSansCJKsc-Regular';

export interface FontChoice {
  path: string;
  /** Needed for a .ttc collection; omit for a .ttf/.otf file. */
  postscriptName?: string;
}

/**
 * Finds the CJK font every PDF is written with, so output is the same on every machine (PDF.md):
 * an explicit path (the unit's setting, e.g. an installed SimSun) wins; then the packaged app's
 * resources folder (electron-builder copies resources/fonts to <resources>/fonts); then the source
 * tree, found by walking up from this module, which serves tests, the CLI and dev runs.
 */
export function resolveFontPath(override?: string): string {
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`找不到设置中指定的字体文件：${override}。请在设置中重新选择字体，或清除该设置以使用内置字体。`);
    return override;
  }
  const candidates: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(path.join(resourcesPath, 'fonts', BUNDLED_FONT_FILE));
  let dir = moduleDir();
  for (let i = 0; dir && i < 8; i++) {
    candidates.push(path.join(dir, 'resources', 'fonts', BUNDLED_FONT_FILE));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  candidates.push(path.join(process.cwd(), 'resources', 'fonts', BUNDLED_FONT_FILE));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`找不到内置中文字体 ${BUNDLED_FONT_FILE}（已查找：${candidates.join('，')}）。请重新安装本软件。`);
  return found;
}

/** The font to register: the bundled collection by PostScript name, or the unit's own file. */
export function resolveFont(choice?: Partial<FontChoice>): FontChoice {
  if (choice?.path) return { path: resolveFontPath(choice.path), postscriptName: choice.postscriptName };
  return { path: resolveFontPath(), postscriptName: BUNDLED_FONT_POSTSCRIPT_NAME };
}

function moduleDir(): string | undefined {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}
