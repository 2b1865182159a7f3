/// <reference types="pdfkit" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Fontkit from 'fontkit';
import { useCidCffSubset } from './cffSubset';
import { fontIdentity, LayoutStore } from './layoutCache';
import { usePlainLayout, type LayoutFont } from './plainLayout';

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

/**
 * Parsed fonts of this process. Reading and parsing the 19 MB collection cost ~90 ms a document, and
 * fontkit's own caches (glyphs, OpenType lookups) warm up again each time; the app and an acceptance
 * (volumes, then the report) write many documents. Keyed by file, modification time, size and
 * PostScript name, so a replaced font file is read again; at most two fonts are kept (the unit's one,
 * and the bundled one while it changes settings).
 */
const parsedFonts = new Map<string, Fontkit.Font>();
const MAX_PARSED_FONTS = 2;

/**
 * fontkit, the same module instance pdfkit uses, loaded with pdfkit (pdfkitModule.ts): importing it
 * with the core would put its ~0.1 s of evaluation into every start, as pdfkit's was (decision 0017).
 */
let fontkit: typeof Fontkit | null = null;
let fontkitVersion: () => string = () => 'unknown';
export function fontkitLoaded(module: typeof Fontkit, version: () => string): void {
  fontkit = module;
  fontkitVersion = version;
}

/**
 * The font as a fontkit Font (which pdfkit accepts in place of a path), opened here rather than by
 * pdfkit so that its layout and subset are ours before pdfkit first uses it: plain layout for
 * Chinese text (decision 0018), the CFF subset written from the file's bytes (decision 0019).
 */
function parsedFont(font: FontChoice): Fontkit.Font {
  const key = fontKey(font);
  const cached = key ? parsedFonts.get(key) : undefined;
  if (cached) return cached;
  if (!fontkit) throw new Error('内部错误：写 PDF 前未加载字体库（loadPdfkit）。');
  let opened: ReturnType<typeof Fontkit.create>;
  let bytes: Buffer;
  try {
    bytes = takePrefetched(key) ?? fs.readFileSync(font.path);
    opened = fontkit.create(bytes, font.postscriptName);
  } catch (error) {
    throw new Error(`无法读取字体文件 ${font.path}（${(error as Error).message}）。请在设置中检查字体，或恢复程序自带的字体。`, { cause: error });
  }
  if ('fonts' in opened) throw new Error(`字体文件 ${font.path} 是字体集合，请在设置中指明其中一款字体的 PostScript 名称。`);
  // Runs shaped by an earlier process for this font are read back, not shaped again (decision 0022).
  usePlainLayout(opened as unknown as LayoutFont, LayoutStore.open(fontIdentity(bytes, font.postscriptName ?? '', fontkitVersion()), opened.numGlyphs));
  // fontkit's table directory and file bytes are not in its declared types.
  useCidCffSubset(opened as unknown as Parameters<typeof useCidCffSubset>[0]);
  if (key) {
    if (parsedFonts.size >= MAX_PARSED_FONTS) parsedFonts.delete(parsedFonts.keys().next().value!);
    parsedFonts.set(key, opened);
  }
  return opened;
}

/**
 * The font file's bytes read ahead on libuv's pool, by key: a compile asks for them while the key is
 * unsealed and pdfkit loads, so that the 19 MB are not read on this thread while the writer's threads
 * copy and hash the scans and every core is busy (decision 0021). Taken by the first parse of that
 * font; a parse that comes first reads the file itself. One at a time.
 */
let prefetched: { key: string; bytes: Buffer } | null = null;
/** Resolves once the bytes are in (or were not needed, or could not be read: the parse then reports it). */
export async function prefetchFont(choice?: Partial<FontChoice>): Promise<void> {
  let font: FontChoice;
  try {
    font = resolveFont(choice);
  } catch {
    return; // The writer reports a missing font when it needs it.
  }
  const key = fontKey(font);
  if (!key || parsedFonts.has(key) || prefetched?.key === key) return;
  let bytes: Buffer;
  try {
    bytes = await readWhole(font.path);
  } catch {
    return;
  }
  // Unchanged since it was asked for, and not parsed meanwhile.
  if (fontKey(font) !== key || parsedFonts.has(key)) return;
  prefetched = { key, bytes };
}

/**
 * The file in one read on libuv's pool: fs.promises.readFile reads 512 KiB at a time, each step
 * waiting for this thread's event loop, which the compile keeps busy; its 19 MB then came in ~0.3 s
 * after the first text needed them, and the font was read twice.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafeSlow(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (!bytesRead) break;
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

function takePrefetched(key: string | null): Buffer | undefined {
  if (!key || prefetched?.key !== key) return undefined;
  const { bytes } = prefetched;
  prefetched = null;
  return bytes;
}

/**
 * Registers the font under `alias` and makes it current. The parsed font is reused by later
 * documents; pdfkit still gives each document its own subset and layout cache, so documents never
 * share output state.
 *
 * The font is opened when text first needs it, not here: a document that draws no text (scans
 * without OCR) then carries no font at all and does not pay for opening the CJK collection, ~80 ms
 * of a first conversion (decision 0017). pdfkit reads its current font from `_font`; until a text
 * call reads it or `doc.font()` sets it, that property opens the font on first read. The alias is
 * registered with the file's path first and given the parsed font when `doc.font(alias)` is called.
 */
export function useFont(doc: PDFKit.PDFDocument, alias: string, font: FontChoice): void {
  doc.registerFont(alias, font.path, font.postscriptName ?? '');
  const select = doc.font.bind(doc) as (src: string, ...rest: unknown[]) => PDFKit.PDFDocument;
  let registered = false;
  (doc as unknown as { font: typeof select }).font = (src, ...rest) => {
    if (src === alias && !registered) {
      doc.registerFont(alias, parsedFont(font) as unknown as string);
      registered = true;
    }
    return select(src, ...rest);
  };
  const pdf = doc as unknown as { _font: unknown };
  const settle = (value: unknown) => Object.defineProperty(pdf, '_font', { value, writable: true, configurable: true, enumerable: true });
  Object.defineProperty(pdf, '_font', {
    configurable: true,
    enumerable: true,
    get() {
      settle(null);
      doc.font(alias);
      return pdf._font;
    },
    set: settle,
  });
}

function fontKey(font: FontChoice): string | null {
  try {
    const { mtimeMs, size } = fs.statSync(font.path);
    return [path.resolve(font.path), mtimeMs, size, font.postscriptName ?? ''].join('\0');
  } catch {
    // pdfkit reports the missing file itself.
    return null;
  }
}

function moduleDir(): string | undefined {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}
