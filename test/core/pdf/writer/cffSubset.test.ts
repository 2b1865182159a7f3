import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CidCffSubset, encodeCidSubset } from '../../../../src/core/pdf/writer/cffSubset';
import { CidCff } from '../../../../src/core/pdf/writer/cidCff';
import { resolveFont, useFont } from '../../../../src/core/pdf/writer/fonts';
import { loadPdfkit } from '../../../../src/core/pdf/writer/pdfkitModule';

// Decision 0019: the CJK font's subset is written from the font file's bytes instead of through
// fontkit's decoded CFF. It must be the same font program as fontkit's: the same charstrings, the
// same subroutines kept, the same private DICT values, and pages that render to the same pixels.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cff-subset-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// The writer opens the font with the fontkit loaded alongside pdfkit.
beforeAll(async () => {
  await loadPdfkit();
});

const choice = resolveFont();
type RawFont = fontkit.Font & { directory: { tables: Record<string, { offset: number }> }; stream: { buffer: Uint8Array }; ['CFF ']: unknown };
/** A fresh fontkit font, untouched by the writer's hooks: fontkit's own subset. */
const plainFontkit = () => fontkit.openSync(choice.path, choice.postscriptName) as RawFont;

/** Han characters from all over the URO (so several Font DICTs), the forms' text, Latin, digits, marks. */
const HAN = Array.from({ length: 240 }, (_, i) => String.fromCodePoint(0x4e00 + i * 87)).join('');
const TEXT = [
  '卷宗封面 案卷号 2024年度第12号 归档号 20240001 全宗号 J032 分类号 B.1',
  '本卷共有文件材料12件86页，其中第3件因重复未归档。假冒伪劣卷烟待公开统一销毁。',
  'The quick brown fox jumps over the lazy dog: 0123456789 (A-Z) a/b; x,y. “引号” 〔2024〕',
  '（）：；，。、！？《》【】—…·％＃',
  HAN,
].join('\n');

const cffOf = (font: RawFont) => CidCff.open(font.stream.buffer, font.directory.tables['CFF ']!.offset)!;

function glyphIdsOf(font: RawFont, text: string): number[] {
  const ids = [0];
  for (const g of font.glyphsForString(text)) if (!ids.includes(g.id)) ids.push(g.id);
  return ids;
}

/** Parses a subset (ours or fontkit's) back with the same reader. */
function parsed(bytes: Uint8Array): CidCff {
  const cff = CidCff.open(bytes, 0);
  expect(cff).not.toBeNull();
  return cff!;
}

const itemsOf = (cff: CidCff, index: CidCff['globalSubrs']) => Array.from({ length: index.count }, (_, i) => Buffer.from(cff.bytes.subarray(index.start(i), index.start(i + 1))).toString('hex'));
const privateValues = (cff: CidCff, fd: number) =>
  cff.fontDicts[fd]!.privateEntries.filter((e) => e.op !== 19).map((e) => [e.op, e.values.map((v) => (Number.isNaN(v) ? 'real' : v))]);

describe('encodeCidSubset (decision 0019)', () => {
  it('opens Noto Sans CJK as a CID-keyed CFF with its Font DICTs and subroutines', () => {
    const cff = cffOf(plainFontkit());
    expect(cff.charStrings.count).toBe(65535);
    expect(cff.fontDicts.length).toBeGreaterThan(10);
    expect(cff.globalSubrs.count).toBeGreaterThan(1000);
    // The local subroutine indexes fontkit's encoder sized again and again: up to 28 516 entries.
    expect(Math.max(...cff.fontDicts.map((fd) => fd.subrs?.count ?? 0))).toBeGreaterThan(10_000);
  });

  it('gives the font program fontkit gives for the same glyphs: charstrings, kept subroutines, Font DICTs, private values', () => {
    const font = plainFontkit();
    const glyphs = glyphIdsOf(font, TEXT);
    expect(glyphs.length).toBeGreaterThan(300);
    const theirs = font.createSubset() as unknown as { includeGlyph(g: number): number; encode(): Uint8Array };
    for (const g of glyphs) theirs.includeGlyph(g);
    const a = parsed(encodeCidSubset(cffOf(font), glyphs));
    const b = parsed(Buffer.from(theirs.encode()));
    expect(a.charStrings.count).toBe(glyphs.length);
    expect(itemsOf(a, a.charStrings)).toEqual(itemsOf(b, b.charStrings));
    // Which global subroutines are kept and their bytes: the same (every other one a bare return).
    expect(itemsOf(a, a.globalSubrs)).toEqual(itemsOf(b, b.globalSubrs));
    expect(a.fontDicts.length).toBe(b.fontDicts.length);
    for (let gid = 0; gid < glyphs.length; gid++) expect(a.fdOf(gid)).toBe(b.fdOf(gid));
    for (let fd = 0; fd < a.fontDicts.length; fd++) {
      expect(itemsOf(a, a.fontDicts[fd]!.subrs!)).toEqual(itemsOf(b, b.fontDicts[fd]!.subrs!));
      expect(privateValues(a, fd)).toEqual(privateValues(b, fd));
    }
    // Most subroutines are not used: the subset is small.
    expect(encodeCidSubset(cffOf(font), glyphs).length).toBeLessThan(400_000);
  });

  it('never decodes fontkit’s CFF table for a document’s subset', () => {
    const font = plainFontkit() as RawFont & { _tables: Record<string, unknown> };
    const subset = new CidCffSubset(cffOf(font));
    for (const g of glyphIdsOf(font, TEXT)) subset.includeGlyph(g);
    expect(subset.encode().length).toBeGreaterThan(1000);
    expect(font._tables['CFF ']).toBeUndefined();
  });

  it('renders a page exactly as the same page with fontkit’s subset does (pdftoppm)', async () => {
    const write = async (file: string, useOurs: boolean) => {
      const doc = new PDFDocument({ font: null as unknown as string, autoFirstPage: false });
      const out = fs.createWriteStream(file);
      const closed = new Promise<void>((resolve, reject) => out.on('close', resolve).on('error', reject));
      doc.pipe(out);
      if (useOurs) useFont(doc, 'cjk', choice);
      else doc.registerFont('cjk', plainFontkit() as unknown as string).font('cjk');
      doc.addPage({ size: 'A4', margin: 30 });
      doc.font('cjk').fontSize(11).text(TEXT, { width: 535 });
      doc.end();
      await closed;
      return (doc as unknown as { _font: { subset: object } })._font.subset;
    };
    const ours = path.join(dir, 'ours.pdf');
    const theirs = path.join(dir, 'theirs.pdf');
    expect(await write(ours, true)).toBeInstanceOf(CidCffSubset);
    expect(await write(theirs, false)).not.toBeInstanceOf(CidCffSubset);
    const render = (file: string) => execFileSync('pdftoppm', ['-r', '96', '-gray', file], { maxBuffer: 64 << 20 });
    const [a, b] = [render(ours), render(theirs)];
    expect(a.length).toBeGreaterThan(100_000);
    // Not blank: the text is drawn.
    expect(a.some((v, i) => i > 100 && v < 128)).toBe(true);
    expect(a.equals(b)).toBe(true);
    expect(execFileSync('pdftotext', [ours, '-']).toString()).toContain('假冒伪劣卷烟待公开统一销毁');
  });
});
