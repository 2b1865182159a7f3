import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * fontkit's shaped runs of the text plain layout does not take (Latin letters: the fonds number
 * "J032", the forms' footer "DB3206/T 1060—2023 5.5.1"), kept on disk between processes (decision 0022).
 * The first shaping in a process decodes the CJK collection's GSUB and GPOS tables: 28–99 ms of the
 * main thread in every compile, while the writer's threads copy and hash the scans on a two-core
 * machine, and another 2–7 ms per new string. A run read back here is the run fontkit made for the
 * same text in the same font: glyph ids with the characters each stands for (pdfkit's ToUnicode map
 * is built from them) and the positions, in font units, before pdfkit scales them.
 *
 * A font is identified by its bytes, not its path (the bundled font lives in the source tree and in
 * the installed app's resources): size, face, the SHA-256 of its first 64 KiB (the collection header,
 * table directories and `head` with its whole-file checksum adjustment) and fontkit's version, whose
 * shaping could change. Anything wrong with the file (missing, unreadable, malformed, another
 * version) only means shaping again; a document never fails for the cache. At most MAX_RUNS runs per
 * font are kept, the oldest dropped first.
 */

export interface StoredGlyph {
  id: number;
  codePoints: number[];
}

export interface StoredPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface StoredRun {
  glyphs: StoredGlyph[];
  positions: StoredPosition[];
}

const FORMAT = 1;
const MAX_RUNS = 1024;
const HEAD_BYTES = 64 * 1024;

/** Where runs are kept; null keeps none (set by createCore to the data folder's cache). */
let cacheDir: string | null = null;

export function setLayoutCacheDir(dir: string | null): void {
  cacheDir = dir;
}

/** The identity of a font for its cached runs. */
export function fontIdentity(bytes: Uint8Array, postscriptName: string, fontkitVersion: string): string {
  const hash = createHash('sha256');
  hash.update(bytes.subarray(0, HEAD_BYTES));
  hash.update(`\0${bytes.length}\0${postscriptName}\0${fontkitVersion}\0${FORMAT}`);
  return hash.digest('hex');
}

/**
 * One font's runs: read when the font is opened, written again after runs are added, once per turn of
 * the event loop (a page whose text brings many new strings writes the file once, not once per string).
 */
export class LayoutStore {
  private readonly runs: Map<string, StoredRun>;
  private saving = false;

  private constructor(
    private readonly file: string | null,
    private readonly glyphCount: number,
  ) {
    this.runs = file ? readRuns(file, glyphCount) : new Map();
  }

  /** The store for a font in the current cache folder (one that keeps nothing when there is none). */
  static open(identity: string, glyphCount: number): LayoutStore {
    return new LayoutStore(cacheDir ? path.join(cacheDir, `font-layout-${identity.slice(0, 32)}.json`) : null, glyphCount);
  }

  get(text: string): StoredRun | undefined {
    return this.runs.get(text);
  }

  put(text: string, run: StoredRun): void {
    if (!this.file || !validRun(run, this.glyphCount)) return;
    this.runs.delete(text);
    this.runs.set(text, run);
    while (this.runs.size > MAX_RUNS) this.runs.delete(this.runs.keys().next().value!);
    if (this.saving) return;
    this.saving = true;
    const file = this.file;
    setImmediate(() => {
      this.saving = false;
      writeRuns(file, this.runs);
    });
  }
}

function readRuns(file: string, glyphCount: number): Map<string, StoredRun> {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown; runs?: unknown };
    if (stored.format !== FORMAT || !Array.isArray(stored.runs)) return new Map();
    const runs = new Map<string, StoredRun>();
    for (const entry of stored.runs as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !validRun(entry[1], glyphCount)) return new Map();
      runs.set(entry[0], entry[1]);
    }
    return runs;
  } catch {
    return new Map();
  }
}

/** Written whole under a temporary name and renamed, so a reader never sees half a file. */
function writeRuns(file: string, runs: Map<string, StoredRun>): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // The folder itself, not its parents: a data folder that is gone is not made again for a cache.
    fs.mkdirSync(path.dirname(file), { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return;
  }
  try {
    fs.writeFileSync(tmp, JSON.stringify({ format: FORMAT, runs: [...runs] }), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

const isCount = (n: unknown, below: number) => Number.isInteger(n) && (n as number) >= 0 && (n as number) < below;
const isNumber = (n: unknown) => typeof n === 'number' && Number.isFinite(n);

function validRun(run: unknown, glyphCount: number): run is StoredRun {
  const r = run as StoredRun;
  return (
    !!r &&
    Array.isArray(r.glyphs) &&
    Array.isArray(r.positions) &&
    r.glyphs.length === r.positions.length &&
    r.glyphs.every((g) => !!g && isCount(g.id, glyphCount) && Array.isArray(g.codePoints) && g.codePoints.every((c) => isCount(c, 0x110000))) &&
    r.positions.every((p) => !!p && isNumber(p.xAdvance) && isNumber(p.yAdvance) && isNumber(p.xOffset) && isNumber(p.yOffset))
  );
}
