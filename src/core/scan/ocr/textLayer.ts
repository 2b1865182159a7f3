import type { OcrResult } from './types';

/**
 * Where the page image lies: it fills the page, its upright pixels spread over the page's points.
 * The writer's PageGeometry (widthPt, heightPt, uprightPixelWidth, uprightPixelHeight) is accepted
 * as it is, so it can pass its overlay argument straight through.
 */
export type TextLayerGeometry =
  | { pageWidthPt: number; pageHeightPt: number; imageWidthPx: number; imageHeightPx: number }
  | { widthPt: number; heightPt: number; uprightPixelWidth: number; uprightPixelHeight: number };

export interface TextLayerStats {
  lines: number;
  words: number;
}

/** Ratio of width to height may differ this much between the OCR'd image and the page's image. */
const ASPECT_TOLERANCE = 0.02;

/**
 * Draws the recognized words invisibly over the page image (text render mode 3, PDF.md "OCR"), so
 * `pdftotext` and a viewer's search find them and highlight them where they stand. Each word is
 * placed at its box's left edge on the line's baseline and stretched (Tz) to its box's width; the
 * font size makes the font's ascent-to-descent span the line's box, which is what viewers
 * highlight. Call it with pdfkit's default user space (top-left origin, y down, points) and a CJK
 * font registered on the doc (the writer's alias); it leaves the graphics state as it found it.
 * pdfkit has no render-mode option, so `3 Tr` is written into the content stream inside q/Q: text
 * state belongs to the graphics state, and pdfkit's own BT…ET inherits it.
 */
export function drawInvisibleTextLayer(doc: PDFKit.PDFDocument, ocr: Pick<OcrResult, 'lines' | 'width' | 'height'>, geometry: TextLayerGeometry, fontName: string): TextLayerStats {
  const page = normalize(geometry);
  const stats: TextLayerStats = { lines: 0, words: 0 };
  if (!ocr.lines.length) return stats;
  if (!(ocr.width > 0 && ocr.height > 0)) throw new Error('文字识别结果缺少图像尺寸，无法生成可检索的文字层。');
  const ocrAspect = ocr.width / ocr.height;
  const pageAspect = page.imageWidthPx / page.imageHeightPx;
  if (Math.abs(ocrAspect / pageAspect - 1) > ASPECT_TOLERANCE) {
    throw new Error(`文字识别所用图像（${ocr.width}×${ocr.height}）与页面图像（${page.imageWidthPx}×${page.imageHeightPx}）方向或比例不一致，无法对齐文字层。请按页面方向重新识别。`);
  }
  // Boxes are in the OCR'd image's pixels, which may be a scaled copy of the page's image.
  const sx = page.pageWidthPt / ocr.width;
  const sy = page.pageHeightPt / ocr.height;

  const saved = { x: doc.x, y: doc.y, fontSize: (doc as unknown as { _fontSize: number })._fontSize };
  try {
    doc.font(fontName);
  } catch (error) {
    throw new Error(`文字层字体“${fontName}”不可用，请先在文档中注册中文字体。`, { cause: error });
  }
  const font = (doc as unknown as { _font: { ascender: number; descender: number } })._font;
  // Noto Sans CJK: ascender 1160, descender −288 per 1000 units; any registered font works the same way.
  const ascent = font.ascender / 1000;
  const descent = Math.abs(font.descender) / 1000;
  const span = ascent + descent > 0 ? ascent + descent : 1;

  doc.save();
  doc.addContent('3 Tr');
  try {
    for (const line of ocr.lines) {
      const top = line.bbox.y0 * sy;
      const height = (line.bbox.y1 - line.bbox.y0) * sy;
      if (!(height > 0) || !line.words.length) continue;
      const size = Math.max(height / span, 0.5);
      const baseline = top + ascent * size;
      doc.fontSize(size);
      let drawn = 0;
      for (const word of line.words) {
        const x = word.bbox.x0 * sx;
        const width = (word.bbox.x1 - word.bbox.x0) * sx;
        if (!word.text || !(width > 0)) continue;
        const natural = doc.widthOfString(word.text);
        // Tz in percent; bounded so that a freak box cannot produce an absurd operand.
        const scaling = natural > 0 ? Math.min(Math.max((100 * width) / natural, 1), 10_000) : 100;
        doc.text(word.text, x, baseline, { lineBreak: false, baseline: 'alphabetic', horizontalScaling: round2(scaling) } as PDFKit.Mixins.TextOptions);
        drawn++;
      }
      if (drawn) {
        stats.lines++;
        stats.words += drawn;
      }
    }
  } finally {
    doc.restore();
    if (saved.fontSize) doc.fontSize(saved.fontSize);
    doc.x = saved.x;
    doc.y = saved.y;
  }
  return stats;
}

function normalize(g: TextLayerGeometry): { pageWidthPt: number; pageHeightPt: number; imageWidthPx: number; imageHeightPx: number } {
  const n = 'pageWidthPt' in g ? g : { pageWidthPt: g.widthPt, pageHeightPt: g.heightPt, imageWidthPx: g.uprightPixelWidth, imageHeightPx: g.uprightPixelHeight };
  if (![n.pageWidthPt, n.pageHeightPt, n.imageWidthPx, n.imageHeightPx].every((v) => Number.isFinite(v) && v > 0)) {
    throw new Error('页面尺寸无效，无法生成可检索的文字层。');
  }
  return n;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
