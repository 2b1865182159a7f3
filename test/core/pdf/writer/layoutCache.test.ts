import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveFont, useFont } from '../../../../src/core/pdf/writer/fonts';
import { fontIdentity, LayoutStore, setLayoutCacheDir, type StoredRun } from '../../../../src/core/pdf/writer/layoutCache';
import { loadPdfkit } from '../../../../src/core/pdf/writer/pdfkitModule';
import { run } from '../sign/fixtures';

// Runs fontkit shaped (Latin letters, which plain layout leaves to it) are kept on disk, so that a
// later process neither decodes the collection's GSUB and GPOS again nor shapes the same text twice
// (decision 0022). A run read back must be the run fontkit made.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-layout-cache-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await loadPdfkit();
});
afterEach(() => setLayoutCacheDir(null));

const LATIN = '全宗号 J032 DB3206/T 1060—2023';
type Font = { _tables: Record<string, unknown>; layout(text: string): { glyphs: { id: number; codePoints: number[] }[]; positions: StoredRun['positions'] } };
const fontOf = (doc: PDFKit.PDFDocument) => (doc as unknown as { _font: { font: Font } })._font.font;
const decoded = (doc: PDFKit.PDFDocument) => Object.keys(fontOf(doc)._tables);

async function writeText(file: string, text: string, fontFile: string, postscriptName = resolveFont().postscriptName): Promise<PDFKit.PDFDocument> {
  const doc = new PDFDocument({ font: null as unknown as string, autoFirstPage: false });
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => out.on('close', resolve).on('error', reject));
  doc.pipe(out);
  useFont(doc, 'cjk', { path: fontFile, postscriptName });
  doc.addPage({ size: 'A5', margin: 40 });
  doc.fontSize(14).text(text);
  doc.end();
  await closed;
  return doc;
}

/** A copy of the bundled font at a path of its own: a font this process has not parsed yet. */
function freshFont(name: string): string {
  const copy = path.join(dir, name);
  fs.copyFileSync(resolveFont().path, copy);
  return copy;
}

describe('shaped runs kept between processes (decision 0022)', () => {
  it('reads back fontkit’s runs for the same font: no GSUB or GPOS decoded, the same glyphs, the same text', async () => {
    const cache = path.join(dir, 'data-a', 'cache');
    fs.mkdirSync(path.dirname(cache));
    setLayoutCacheDir(cache);
    const first = await writeText(path.join(dir, 'first.pdf'), LATIN, freshFont('first.ttc'));
    expect(decoded(first)).toContain('GSUB');
    expect(fs.readdirSync(cache).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    // Another file with the same bytes, as a new process would open it: nothing shaped again.
    const second = await writeText(path.join(dir, 'second.pdf'), LATIN, freshFont('second.ttc'));
    expect(decoded(second)).not.toContain('GSUB');
    expect(decoded(second)).not.toContain('GPOS');
    for (const text of ['J032', 'DB3206/T']) {
      const shaped = fontOf(first).layout(text);
      const stored = fontOf(second).layout(text);
      expect(stored.glyphs.map((g) => [g.id, g.codePoints])).toEqual(shaped.glyphs.map((g) => [g.id, g.codePoints]));
      expect(stored.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset])).toEqual(shaped.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]));
    }
    // The font's contextual digits after a letter (not the plain ones) are what both documents show.
    expect(fontOf(second).layout('J032').glyphs.map((g) => g.id)).not.toEqual([..."J032"].map((c) => fontOf(second).layout(c).glyphs[0]!.id));
    for (const name of ['first.pdf', 'second.pdf']) {
      expect(run('pdftotext', [path.join(dir, name), '-']).output.replace(/\s+/g, ' ').trim()).toBe(LATIN);
      expect(run('pdffonts', [path.join(dir, name)]).output).toMatch(/NotoSansCJKsc-Regular.*yes/);
    }
  }, 30_000);

  it('shapes again for another face of the collection, and keeps nothing without a cache folder', async () => {
    const cache = path.join(dir, 'data-b', 'cache');
    fs.mkdirSync(path.dirname(cache));
    setLayoutCacheDir(cache);
    await writeText(path.join(dir, 'sc.pdf'), LATIN, freshFont('sc.ttc'));
    const tc = await writeText(path.join(dir, 'tc.pdf'), LATIN, freshFont('tc.ttc'), 'NotoSansCJKtc-Regular');
    expect(decoded(tc)).toContain('GSUB');
    expect(fs.readdirSync(cache).filter((f) => f.endsWith('.json'))).toHaveLength(2);

    setLayoutCacheDir(null);
    const none = await writeText(path.join(dir, 'none.pdf'), LATIN, freshFont('none.ttc'));
    expect(decoded(none)).toContain('GSUB');
    expect(fs.readdirSync(cache).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  }, 30_000);
});

/** The store writes its file after a turn of the event loop. */
const saved = () => new Promise((resolve) => setImmediate(resolve));

describe('the store', () => {
  const run1: StoredRun = { glyphs: [{ id: 43, codePoints: [74] }, { id: 63153, codePoints: [48] }], positions: [{ xAdvance: 300, yAdvance: 0, xOffset: 0, yOffset: 0 }, { xAdvance: 550, yAdvance: 0, xOffset: -5, yOffset: 0 }] };
  const identity = fontIdentity(Buffer.from('font bytes'), 'Face', '2.0.4');

  it('keeps a run for the next opening of the same font, and only for it', async () => {
    const cache = path.join(dir, 'store-a');
    fs.mkdirSync(cache);
    setLayoutCacheDir(cache);
    LayoutStore.open(identity, 65535).put('J0', run1);
    await saved();
    expect(LayoutStore.open(identity, 65535).get('J0')).toEqual(run1);
    expect(LayoutStore.open(fontIdentity(Buffer.from('font bytes'), 'Other', '2.0.4'), 65535).get('J0')).toBeUndefined();
    expect(LayoutStore.open(fontIdentity(Buffer.from('font bytes'), 'Face', '2.0.5'), 65535).get('J0')).toBeUndefined();
    // No temporary file is left beside it.
    expect(fs.readdirSync(cache)).toHaveLength(1);
  });

  it('ignores a damaged or foreign file and writes a good one over it', async () => {
    const cache = path.join(dir, 'store-b');
    fs.mkdirSync(cache);
    setLayoutCacheDir(cache);
    LayoutStore.open(identity, 65535).put('J0', run1);
    await saved();
    const [file] = fs.readdirSync(cache);
    for (const damaged of ['{"format":1,"runs":[["J0",', '{"format":2,"runs":[]}', JSON.stringify({ format: 1, runs: [['J0', { ...run1, glyphs: [{ id: 70000, codePoints: [74] }, run1.glyphs[1]] }]] }), JSON.stringify({ format: 1, runs: [['J0', { ...run1, positions: [run1.positions[0]] }]] })]) {
      fs.writeFileSync(path.join(cache, file!), damaged);
      expect(LayoutStore.open(identity, 65535).get('J0')).toBeUndefined();
    }
    const store = LayoutStore.open(identity, 65535);
    store.put('DB', run1);
    await saved();
    expect(LayoutStore.open(identity, 65535).get('DB')).toEqual(run1);
    // A glyph the font does not have is never kept.
    store.put('bad', { ...run1, glyphs: [{ id: 70000, codePoints: [74] }, run1.glyphs[1]!] });
    await saved();
    expect(LayoutStore.open(identity, 65535).get('bad')).toBeUndefined();
  });

  it('keeps the newest 1024 runs of a font, writing the file once for many new runs', async () => {
    const cache = path.join(dir, 'store-c');
    fs.mkdirSync(cache);
    setLayoutCacheDir(cache);
    const store = LayoutStore.open(identity, 65535);
    const writes = vi.spyOn(fs, 'renameSync');
    for (let i = 0; i < 1030; i++) store.put(`T${i}`, run1);
    await saved();
    expect(writes).toHaveBeenCalledTimes(1);
    writes.mockRestore();
    const reopened = LayoutStore.open(identity, 65535);
    expect(reopened.get('T5')).toBeUndefined();
    expect(reopened.get('T6')).toEqual(run1);
    expect(reopened.get('T1029')).toEqual(run1);
  });

  it('does not make a data folder that is gone again, and a document does not fail for it', async () => {
    const gone = path.join(dir, 'removed-data', 'cache');
    setLayoutCacheDir(gone);
    LayoutStore.open(identity, 65535).put('J0', run1);
    await saved();
    expect(fs.existsSync(path.dirname(gone))).toBe(false);
    await writeText(path.join(dir, 'gone.pdf'), LATIN, freshFont('gone.ttc'));
    expect(run('pdftotext', [path.join(dir, 'gone.pdf'), '-']).output.replace(/\s+/g, ' ').trim()).toBe(LATIN);
    expect(fs.existsSync(path.dirname(gone))).toBe(false);
  }, 30_000);
});
