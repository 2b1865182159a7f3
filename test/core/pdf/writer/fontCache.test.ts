import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { prefetchFont, resolveFont, useFont } from '../../../../src/core/pdf/writer/fonts';
import { loadPdfkit } from '../../../../src/core/pdf/writer/pdfkitModule';
import { run } from '../sign/fixtures';

// The parsed CJK font is kept per process and reused by later documents (the 19 MB collection is
// read and parsed once); each document must still embed its own complete subset.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-font-cache-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// The writer opens the font with the fontkit loaded alongside pdfkit.
beforeAll(async () => {
  await loadPdfkit();
});

async function writeText(file: string, text: string, fontFile?: string): Promise<PDFKit.PDFDocument> {
  const doc = new PDFDocument({ font: null as unknown as string, autoFirstPage: false });
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => out.on('close', resolve).on('error', reject));
  doc.pipe(out);
  useFont(doc, 'cjk', fontFile ? { path: fontFile, postscriptName: resolveFont().postscriptName } : resolveFont());
  doc.addPage({ size: 'A5', margin: 40 });
  doc.fontSize(14).text(text);
  doc.end();
  await closed;
  return doc;
}

const fontOf = (doc: PDFKit.PDFDocument) => (doc as unknown as { _font: { font: object } })._font.font;

it('reuses the parsed font across documents, and each document embeds the glyphs it uses', async () => {
  const first = await writeText(path.join(dir, 'a.pdf'), '卷内文件目录 第一份');
  const second = await writeText(path.join(dir, 'b.pdf'), '备考表 南通市烟草专卖局');
  // Compared by identity as booleans: a failing toBe would try to print two fontkit fonts.
  expect(fontOf(second) === fontOf(first)).toBe(true);
  for (const [name, text] of [['a.pdf', '卷内文件目录 第一份'], ['b.pdf', '备考表 南通市烟草专卖局']] as const) {
    expect(run('pdftotext', [path.join(dir, name), '-']).output.replace(/\s+/g, ' ').trim()).toBe(text);
    const fonts = run('pdffonts', [path.join(dir, name)]).output.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBe(1);
    expect(fonts[0]).toMatch(/\byes\b/);
  }
}, 30_000);

it('parses the font again when its file changes (keyed by path, modification time and size)', async () => {
  const copy = path.join(dir, 'font.ttc');
  fs.copyFileSync(resolveFont().path, copy);
  const before = await writeText(path.join(dir, 'c.pdf'), '归档', copy);
  const again = await writeText(path.join(dir, 'd.pdf'), '归档', copy);
  expect(fontOf(again) === fontOf(before)).toBe(true);
  fs.utimesSync(copy, new Date(), new Date(Date.now() + 5000));
  const changed = await writeText(path.join(dir, 'e.pdf'), '归档', copy);
  expect(fontOf(changed) === fontOf(before)).toBe(false);
}, 30_000);

it('reads the font only when text needs it: a document without text never opens the file (decision 0017)', async () => {
  const broken = path.join(dir, 'broken.ttc');
  fs.writeFileSync(broken, 'not a font file at all');
  const scanOnly = async (file: string, text?: string) => {
    const doc = new PDFDocument({ font: null as unknown as string, autoFirstPage: false });
    useFont(doc, 'cjk', { path: broken, postscriptName: 'NotoSansCJKsc-Regular' });
    doc.addPage({ size: 'A5', margin: 40 });
    doc.rect(10, 10, 50, 50).fill('#cccccc');
    if (text) doc.fontSize(14).text(text);
    // The file only once drawing has worked: pdfkit holds its output until piped.
    const out = fs.createWriteStream(file);
    const closed = new Promise<void>((resolve, reject) => out.on('close', resolve).on('error', reject));
    doc.pipe(out);
    doc.end();
    await closed;
  };
  await scanOnly(path.join(dir, 'no-text.pdf'));
  expect(run('pdffonts', [path.join(dir, 'no-text.pdf')]).output.split('\n').slice(2).filter(Boolean)).toEqual([]);
  await expect(scanOnly(path.join(dir, 'text.pdf'), '归档')).rejects.toThrow();
});

it('lays out the forms’ text without OpenType shaping: the collection’s GSUB and GPOS are never decoded (decision 0018)', async () => {
  // A copy of its own, so that no earlier test's document has shaped text with this font already.
  const copy = path.join(dir, 'plain.ttc');
  fs.copyFileSync(resolveFont().path, copy);
  const tables = (doc: PDFKit.PDFDocument) => Object.keys((fontOf(doc) as { _tables: Record<string, unknown> })._tables);
  const plain = await writeText(path.join(dir, 'plain.pdf'), '卷内备考表 本卷共有文件材料4件5页，2024年3月1日', copy);
  expect(tables(plain)).not.toContain('GSUB');
  expect(tables(plain)).not.toContain('GPOS');
  expect(run('pdftotext', [path.join(dir, 'plain.pdf'), '-']).output.replace(/\s+/g, ' ').trim()).toBe('卷内备考表 本卷共有文件材料4件5页，2024年3月1日');
  // Latin letters are kerned by the font: fontkit shapes them.
  const latin = await writeText(path.join(dir, 'latin.pdf'), '全宗号 J032', copy);
  expect(tables(latin)).toContain('GSUB');
}, 30_000);

it('parses from bytes read ahead on libuv’s pool, unless the file changed since (decision 0021)', async () => {
  const postscriptName = resolveFont().postscriptName;
  const readsOf = async (file: string, write: () => Promise<unknown>) => {
    const spy = vi.spyOn(fs, 'readFileSync');
    try {
      await write();
      return spy.mock.calls.filter(([p]) => p === file).length;
    } finally {
      spy.mockRestore();
    }
  };
  const ahead = path.join(dir, 'ahead.ttc');
  fs.copyFileSync(resolveFont().path, ahead);
  await prefetchFont({ path: ahead, postscriptName });
  expect(await readsOf(ahead, () => writeText(path.join(dir, 'ahead.pdf'), '卷内备考表', ahead))).toBe(0);
  expect(run('pdftotext', [path.join(dir, 'ahead.pdf'), '-']).output.trim()).toBe('卷内备考表');
  expect(run('pdffonts', [path.join(dir, 'ahead.pdf')]).output).toMatch(/NotoSansCJKsc-Regular.*yes/);

  // Replaced after it was read ahead: those bytes are not used.
  const changed = path.join(dir, 'changed.ttc');
  fs.copyFileSync(resolveFont().path, changed);
  await prefetchFont({ path: changed, postscriptName });
  fs.utimesSync(changed, new Date(), new Date(Date.now() + 5000));
  expect(await readsOf(changed, () => writeText(path.join(dir, 'changed.pdf'), '归档', changed))).toBe(1);

  // A file that is missing is not an error of the read-ahead; the writer reports it when it needs the font.
  await expect(prefetchFont({ path: path.join(dir, 'missing.ttc'), postscriptName })).resolves.toBeUndefined();
}, 30_000);

it('reads ahead in a few turns of a busy event loop, not a turn per 512 KiB', async () => {
  // The compile keeps this thread busy: read in 512 KiB steps, each waiting for a turn, the 19 MB came
  // after the first text needed them, and the font was read a second time, on this thread.
  const busy = path.join(dir, 'busy.ttc');
  fs.copyFileSync(resolveFont().path, busy);
  fs.readFileSync(busy); // in the page cache, as the bundled font is after the first compile
  let done = false;
  const ahead = prefetchFont({ path: busy, postscriptName: resolveFont().postscriptName }).then(() => (done = true));
  let turns = 0;
  while (!done && turns < 200) {
    const until = performance.now() + 5;
    while (performance.now() < until);
    await new Promise((resolve) => setImmediate(resolve));
    turns++;
  }
  await ahead;
  // Opening, stat, one read and closing; a 512 KiB step at a time, the 19 MB took at least 38 turns.
  expect(fs.statSync(busy).size).toBeGreaterThan(37 * 512 * 1024);
  expect(turns).toBeLessThan(30);
}, 30_000);
