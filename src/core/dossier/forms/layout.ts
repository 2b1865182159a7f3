/**
 * Ruled A4 forms drawn with pdfkit in the bundled CJK font, laid out like the paper forms
 * (DB3206/T 1060 §5.5.1–§5.5.5). Everything is vector text and lines, so the forms are searchable
 * and print sharp at any size.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;
/** 25 mm binding margin on the left, 20 mm elsewhere (GB/T 9704 practice for documents that are bound). */
export const MARGIN = { left: 70.87, right: 56.69, top: 56.69, bottom: 56.69 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export type Doc = PDFKit.PDFDocument;

export function addA4Page(doc: Doc): void {
  doc.addPage({ size: [A4.width, A4.height], margin: 0 } as PDFKit.PDFDocumentOptions);
}

/** A centred heading with the characters spread out, as printed forms have it (档 案 封 面). */
export function drawHeading(doc: Doc, text: string, y: number, size = 22): number {
  const spaced = [...text].join(' ');
  doc.fontSize(size).fillColor('black');
  doc.text(spaced, MARGIN.left, y, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
  return y + size * 1.8;
}

export interface CellText {
  text: string;
  align?: 'left' | 'center' | 'right';
  /** Largest size; the text shrinks to fit the cell, down to `minSize`, then wraps and is clipped. */
  size?: number;
  minSize?: number;
  valign?: 'top' | 'middle';
}

const PAD = 4;

/** Writes text into a ruled cell, shrinking long text so that it never spills over the rules. */
export function drawCellText(doc: Doc, cell: CellText, x: number, y: number, width: number, height: number): void {
  const text = cell.text ?? '';
  if (!text) return;
  const innerW = width - 2 * PAD;
  const innerH = height - 2 * PAD;
  let size = cell.size ?? 11;
  const minSize = cell.minSize ?? 7;
  const measure = () => doc.fontSize(size).heightOfString(text, { width: innerW, lineGap: 1 });
  while (size > minSize && measure() > innerH) size -= 0.5;
  const h = Math.min(measure(), innerH);
  const top = cell.valign === 'top' ? y + PAD : y + PAD + (innerH - h) / 2;
  doc.save();
  doc.rect(x, y, width, height).clip();
  doc.fontSize(size).fillColor('black').text(text, x + PAD, top, { width: innerW, height: innerH + size, align: cell.align ?? 'left', lineGap: 1 });
  doc.restore();
}

/** Height a row needs for its cells at their normal size, within [minHeight, maxHeight]. */
export function rowHeight(doc: Doc, cells: CellText[], widths: number[], minHeight: number, maxHeight: number): number {
  let h = minHeight;
  cells.forEach((c, i) => {
    if (!c.text) return;
    doc.fontSize(c.size ?? 11);
    h = Math.max(h, doc.heightOfString(c.text, { width: widths[i]! - 2 * PAD, lineGap: 1 }) + 2 * PAD);
  });
  return Math.min(h, maxHeight);
}

export function strokeGrid(doc: Doc, x: number, y: number, widths: number[], height: number): void {
  doc.lineWidth(0.8).strokeColor('black');
  let cx = x;
  for (const w of widths) {
    doc.rect(cx, y, w, height).stroke();
    cx += w;
  }
}

/** A row of cells, ruled; returns the y below it. */
export function drawRow(doc: Doc, cells: CellText[], widths: number[], x: number, y: number, height: number): number {
  strokeGrid(doc, x, y, widths, height);
  let cx = x;
  cells.forEach((c, i) => {
    drawCellText(doc, c, cx, y, widths[i]!, height);
    cx += widths[i]!;
  });
  return y + height;
}

/** 2024-03-01 → 2024年3月1日, as the covers print dates; empty stays empty. */
export function chineseDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '';
}

/** 2024-03-01 → 20240301, the 8-digit date of a contents row (DA/T 22 practice). */
export function compactDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[1]}${m[2]}${m[3]}` : '';
}
