// The invisible text layer, judged by poppler (pdftotext, pdftotext -bbox, pdftoppm, pdffonts):
// first with known boxes (no OCR), then on a real rendered page recognized by tesseract.js, then
// through the record writer's overlay hook with an EXIF-rotated scan.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CJK_FONT_ALIAS, writeRecordPdf } from '../../../../src/core/pdf/writer';
import { intakeScans } from '../../../../src/core/scan';
import { createTesseractJsEngine, drawInvisibleTextLayer, ocrPixelsOfScanPage, recognizePages, type OcrResult } from '../../../../src/core/scan/ocr';
import { FONT_ALIAS, pdfText, pdfTextIn, pdfWords, textWidthPx, renderPdfPage, renderTextPage, tempDir, writePdf, type PdfWord, type RenderedPage } from './fixtures';

const DPI = 200;
const PT = 72 / DPI;
let work: string;

beforeAll(() => {
  work = tempDir();
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** A page that is the image, at its physical size, with or without the layer. */
async function imagePdf(file: string, png: Buffer, width: number, height: number, ocr?: Pick<OcrResult, 'lines' | 'width' | 'height'>) {
  await writePdf(file, (doc) => {
    doc.addPage({ size: [width * PT, height * PT], margin: 0 });
    doc.image(png, 0, 0, { width: width * PT, height: height * PT });
    if (ocr) drawInvisibleTextLayer(doc, ocr, { pageWidthPt: width * PT, pageHeightPt: height * PT, imageWidthPx: width, imageHeightPx: height }, FONT_ALIAS);
  });
}

function findWord(words: PdfWord[], text: string): PdfWord {
  const found = words.find((w) => w.text.includes(text));
  if (!found) throw new Error(`"${text}" not among pdftotext words: ${words.map((w) => w.text).join(' | ')}`);
  return found;
}

/** Boxes agree within `tol` points on every edge (a few per cent of the page). */
function expectOver(word: PdfWord, box: { x0: number; y0: number; x1: number; y1: number }, tol: number) {
  expect(Math.abs(word.xMin - box.x0), `xMin of ${word.text}`).toBeLessThan(tol);
  expect(Math.abs(word.xMax - box.x1), `xMax of ${word.text}`).toBeLessThan(tol);
  expect(Math.abs(word.yMin - box.y0), `yMin of ${word.text}`).toBeLessThan(tol);
  expect(Math.abs(word.yMax - box.y1), `yMax of ${word.text}`).toBeLessThan(tol);
}

describe('drawInvisibleTextLayer with known boxes', () => {
  const width = 1000;
  const height = 600;
  const ocr: Pick<OcrResult, 'lines' | 'width' | 'height'> = {
    width,
    height,
    lines: [
      { text: '行政处罚决定书', bbox: { x0: 300, y0: 50, x1: 700, y1: 110 }, words: [{ text: '行政处罚决定书', bbox: { x0: 300, y0: 50, x1: 700, y1: 110 }, confidence: 95 }] },
      {
        text: 'GB 2626 标准',
        bbox: { x0: 100, y0: 300, x1: 900, y1: 340 },
        words: [
          { text: 'GB', bbox: { x0: 100, y0: 300, x1: 160, y1: 340 }, confidence: 90 },
          { text: '2626标准', bbox: { x0: 400, y0: 300, x1: 900, y1: 340 }, confidence: 90 },
        ],
      },
    ],
  };
  let blank: Buffer;
  let withLayer: string;
  let without: string;

  beforeAll(async () => {
    blank = await sharp({ create: { width, height, channels: 3, background: '#f0f0f0' } }).png().toBuffer();
    withLayer = path.join(work, 'known-with.pdf');
    without = path.join(work, 'known-without.pdf');
    await imagePdf(withLayer, blank, width, height, ocr);
    await imagePdf(without, blank, width, height);
  });

  it('gives the words to pdftotext in reading order', () => {
    const text = pdfText(withLayer);
    expect(text).toMatch(/行政处罚决定书[\s\S]*GB\s+2626标准/);
  });

  it('puts each word where its box is on the page (pdftotext -bbox)', () => {
    const words = pdfWords(withLayer);
    const tol = 0.01 * width * PT;
    const toPt = (b: { x0: number; y0: number; x1: number; y1: number }) => ({ x0: b.x0 * PT, y0: b.y0 * PT, x1: b.x1 * PT, y1: b.y1 * PT });
    expectOver(findWord(words, '行政处罚决定书'), toPt(ocr.lines[0]!.words[0]!.bbox), tol);
    expectOver(findWord(words, 'GB'), toPt(ocr.lines[1]!.words[0]!.bbox), tol);
    expectOver(findWord(words, '2626标准'), toPt(ocr.lines[1]!.words[1]!.bbox), tol);
  });

  it('changes no pixel of the rendered page, and writes render mode 3', () => {
    expect(renderPdfPage(withLayer).equals(renderPdfPage(without))).toBe(true);
    const content = execFileSync('qpdf', ['--qdf', '--object-streams=disable', withLayer, '-'], { maxBuffer: 64 << 20 }).toString('latin1');
    expect(content).toMatch(/\b3 Tr\b/);
  });

  it('embeds the font it draws with', () => {
    const rows = execFileSync('pdffonts', [withLayer], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/NotoSansCJKsc-Regular.*\byes\b/);
  });

  it("accepts the writer's PageGeometry and a scaled-down OCR image; refuses a turned one", async () => {
    const file = path.join(work, 'scaled.pdf');
    const half = { ...ocr, width: width / 2, height: height / 2, lines: ocr.lines.map((l) => ({ ...l, bbox: halve(l.bbox), words: l.words.map((w) => ({ ...w, bbox: halve(w.bbox) })) })) };
    await writePdf(file, (doc) => {
      doc.addPage({ size: [width * PT, height * PT], margin: 0 });
      drawInvisibleTextLayer(doc, half, { widthPt: width * PT, heightPt: height * PT, uprightPixelWidth: width, uprightPixelHeight: height }, FONT_ALIAS);
      expect(() => drawInvisibleTextLayer(doc, { ...ocr, width: height, height: width }, { pageWidthPt: width * PT, pageHeightPt: height * PT, imageWidthPx: width, imageHeightPx: height }, FONT_ALIAS)).toThrow(/方向或比例不一致/);
      expect(() => drawInvisibleTextLayer(doc, ocr, { pageWidthPt: 0, pageHeightPt: 1, imageWidthPx: 1, imageHeightPx: 1 }, FONT_ALIAS)).toThrow(/页面尺寸无效/);
      expect(() => drawInvisibleTextLayer(doc, ocr, { pageWidthPt: 1, pageHeightPt: 1, imageWidthPx: 1000, imageHeightPx: 600 }, 'no-such-font')).toThrow(/文字层字体/);
    });
    expectOver(findWord(pdfWords(file), '行政处罚决定书'), { x0: 300 * PT, y0: 50 * PT, x1: 700 * PT, y1: 110 * PT }, 0.01 * width * PT);
  });
});

function halve(b: { x0: number; y0: number; x1: number; y1: number }) {
  return { x0: b.x0 / 2, y0: b.y0 / 2, x1: b.x1 / 2, y1: b.y1 / 2 };
}

describe('a recognized page', () => {
  let engine: ReturnType<typeof createTesseractJsEngine>;
  let page: RenderedPage;
  let ocr: OcrResult;

  beforeAll(async () => {
    page = await renderTextPage(
      [
        { text: '行政处罚决定书', x: 560, baseline: 150, size: 64 },
        { text: '南通市烟草专卖局 2024年 第12号', x: 150, baseline: 280, size: 44 },
      ],
      1654,
      400,
      DPI,
    );
    engine = createTesseractJsEngine({ workers: 1 });
    ocr = await engine.recognize(page.png);
  }, 60_000);

  afterAll(async () => {
    await engine?.close();
  });

  it('is found by pdftotext over the place it was drawn, and the page looks the same', async () => {
    const withLayer = path.join(work, 'page-with.pdf');
    const without = path.join(work, 'page-without.pdf');
    await imagePdf(withLayer, page.png, page.width, page.height, ocr);
    await imagePdf(without, page.png, page.width, page.height);
    const text = pdfText(withLayer);
    expect(text).toContain('行政处罚决定书');
    expect(text).toContain('南通市烟草专卖局');
    expect(text).toContain('第12号');
    const words = pdfWords(withLayer);
    const tol = 0.03 * page.width * PT;
    const drawn = page.boxes[0]!;
    expectOver(findWord(words, '行政处罚决定书'), { x0: drawn.x0 * PT, y0: drawn.y0 * PT, x1: drawn.x1 * PT, y1: drawn.y1 * PT }, tol);
    const second = page.boxes[1]!;
    const w2 = findWord(words, '南通市烟草专卖局');
    expect(Math.abs(w2.xMin - second.x0 * PT)).toBeLessThan(tol);
    expect(w2.yMin).toBeGreaterThan(second.y0 * PT - tol);
    expect(w2.yMax).toBeLessThan(second.y1 * PT + tol);
    expect(renderPdfPage(withLayer).equals(renderPdfPage(without))).toBe(true);
    // Inside a merged run the characters still land within a character of their own place: the
    // part of the page where "烟草专卖局" was drawn yields it, at most one neighbour on each side.
    for (const [prefix, target] of [['南通市', '烟草专卖局'], ['南通市烟草专卖局 2024年 ', '第12号']] as const) {
      const x0 = second.x0 + textWidthPx(prefix, 44);
      const x1 = x0 + textWidthPx(target, 44);
      const found = pdfTextIn(withLayer, { x0: x0 * PT, x1: x1 * PT, y0: second.y0 * PT, y1: second.y1 * PT }).replace(/\s/g, '');
      expect(found).toContain(target);
      expect(Array.from(found).length).toBeLessThanOrEqual(Array.from(target).length + 2);
    }
  });

  it("through the record writer's overlay hook, on a scan stored turned with EXIF orientation 6", async () => {
    const dir = path.join(work, 'scans');
    fs.mkdirSync(dir);
    // Stored a quarter turn anticlockwise; orientation 6 says: turn 90° clockwise to stand upright.
    const stored = await sharp(page.png).rotate(270).jpeg({ quality: 90 }).withMetadata({ orientation: 6, density: DPI }).toBuffer();
    fs.writeFileSync(path.join(dir, '决定书.jpg'), stored);
    const { pages, problems } = await intakeScans([dir]);
    expect(problems).toEqual([]);
    expect(pages[0]!.orientation).toBe(6);
    // The scan pages go to the engine as they are: it turns them upright as the writer draws them.
    const results = await recognizePages(engine, pages);
    expect(results[0]!.width).toBe(page.width);
    expect((await ocrPixelsOfScanPage(pages[0]!)).width).toBe(page.width);
    const out = path.join(work, '记录.pdf');
    await writeRecordPdf({
      pages,
      metadata: { title: '行政处罚决定书', caseNumber: '通烟处〔2024〕第12号', recordType: '行政处罚决定书', createdAt: new Date('2024-05-06T00:00:00Z') },
      outPath: out,
      drawPageOverlay: (doc, index, geometry) => {
        drawInvisibleTextLayer(doc, results[index]!, geometry, CJK_FONT_ALIAS);
      },
    });
    const words = pdfWords(out);
    const drawn = page.boxes[0]!;
    expectOver(findWord(words, '行政处罚决定书'), { x0: drawn.x0 * PT, y0: drawn.y0 * PT, x1: drawn.x1 * PT, y1: drawn.y1 * PT }, 0.03 * page.width * PT);
    expect(pdfText(out)).toContain('南通市烟草专卖局');
  }, 60_000);
});
