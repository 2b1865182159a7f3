// Chinese text pages rendered at test time: pdfkit draws the text with the bundled font, pdftoppm
// rasterizes it. Real glyphs, known positions, nothing binary in the repository, and no dependence
// on the fonts fontconfig happens to find (an SVG <text> would).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { resolveFont } from '../../../../src/core/pdf/writer/fonts';

export const FONT_ALIAS = 'cjk';

export interface TextSpec {
  text: string;
  /** Left edge and baseline, in pixels of the rendered image. */
  x: number;
  baseline: number;
  /** Font size in pixels. */
  size: number;
}

export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
  /** Where each text was drawn, in pixels: left, right from the font's advance widths, ideographic em box top and bottom. */
  boxes: { text: string; x0: number; y0: number; x1: number; y1: number }[];
}

export function tempDir(prefix = 'dossier-ocr-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Registers the bundled Noto Sans CJK SC on a document under FONT_ALIAS, as the writer does. */
export function registerCjkFont(doc: PDFKit.PDFDocument): void {
  const font = resolveFont();
  doc.registerFont(FONT_ALIAS, font.path, font.postscriptName ?? '');
  doc.font(FONT_ALIAS);
}

export async function writePdf(file: string, draw: (doc: PDFKit.PDFDocument) => void | Promise<void>): Promise<void> {
  const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  doc.pipe(out);
  registerCjkFont(doc);
  await draw(doc);
  doc.end();
  await closed;
}

/** Renders the texts black on white into a grayscale PNG of width × height pixels at `dpi`. */
export async function renderTextPage(texts: TextSpec[], width: number, height: number, dpi = 200): Promise<RenderedPage> {
  const dir = tempDir();
  try {
    const k = 72 / dpi;
    const boxes: RenderedPage['boxes'] = [];
    const pdf = path.join(dir, 'page.pdf');
    await writePdf(pdf, (doc) => {
      doc.addPage({ size: [width * k, height * k], margin: 0 });
      for (const t of texts) {
        doc.fontSize(t.size * k);
        const w = doc.widthOfString(t.text) / k;
        doc.text(t.text, t.x * k, t.baseline * k, { lineBreak: false, baseline: 'alphabetic' } as PDFKit.Mixins.TextOptions);
        // Noto CJK's ideographic em box runs from 0.88 em above the baseline to 0.12 em below.
        boxes.push({ text: t.text, x0: t.x, x1: t.x + w, y0: t.baseline - 0.88 * t.size, y1: t.baseline + 0.12 * t.size });
      }
    });
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-singlefile', pdf, path.join(dir, 'page')]);
    const png = fs.readFileSync(path.join(dir, 'page.png'));
    return { png, width, height, dpi, boxes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function hasCommand(cmd: string, args = ['-v']): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The order of a document body, for a denser page: a penalty decision's usual wording. */
export const DECISION_TEXT =
  '南通市烟草专卖局行政处罚决定书。当事人张三，男，汉族，住所江苏省南通市崇川区人民路八十八号，经营场所为崇川区人民路八十八号便利店。' +
  '二零二四年三月十二日，本局执法人员在当事人经营场所进行检查，发现当事人存放的卷烟共计十二个品种，合计三百二十条，经鉴别检验均为真品卷烟。' +
  '经查，当事人未在当地烟草专卖批发企业进货，违反了中华人民共和国烟草专卖法实施条例第二十三条第二款的规定。依据中华人民共和国烟草专卖法实施条例' +
  '第五十六条的规定，本局决定对当事人作出如下行政处罚：处以罚款人民币二千元整。当事人应当自收到本决定书之日起十五日内，到指定银行缴纳罚款。' +
  '当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向南通市人民政府申请行政复议，或者在六个月内向人民法院提起行政诉讼。';

/** Levenshtein distance, for character error rates. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** `pdftotext -bbox`: each word with its box in points, origin top-left, as poppler places it. */
export function pdfWords(file: string, page = 1): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
}

export function pdfText(file: string, layout = true): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
}

/** The page rendered to raw gray pixels by poppler, to compare what a reader sees. */
export function renderPdfPage(file: string, dpi = 72): Buffer {
  const dir = tempDir('dossier-ocr-render-');
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'p')]);
    return fs.readFileSync(path.join(dir, 'p.pgm'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Advance width in pixels of `text` in the bundled font at `sizePx`, as renderTextPage lays it out. */
export function textWidthPx(text: string, sizePx: number): number {
  const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  registerCjkFont(doc);
  doc.fontSize(sizePx);
  const width = doc.widthOfString(text);
  doc.end();
  return width;
}

/** `pdftotext` of one rectangle of page 1 (points, top-left origin): what a search there would hit. */
export function pdfTextIn(file: string, box: { x0: number; y0: number; x1: number; y1: number }): string {
  const r = (v: number) => String(Math.round(v));
  return execFileSync('pdftotext', ['-r', '72', '-x', r(box.x0), '-y', r(box.y0), '-W', r(box.x1 - box.x0), '-H', r(box.y1 - box.y0), file, '-'], { encoding: 'utf8' });
}
