import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { drawPageStamp } from '../../../../src/core/dossier/forms';
import type { PageStamp } from '../../../../src/core/dossier/pagination';
import { CJK_FONT_ALIAS, resolveFont } from '../../../../src/core/pdf/writer';

/** The stamp as it was drawn through pdfkit's own calls before decision 0020: the oracle. */
function pdfkitStamp(doc: PDFKit.PDFDocument, stamp: PageStamp, pageWidth: number, pageHeight: number): void {
  const text = String(stamp.number);
  const size = Math.min(12, pageHeight / 20);
  const inset = Math.min(28.35, pageWidth * 0.05, pageHeight * 0.05);
  doc.fontSize(size);
  const w = doc.widthOfString(text);
  const x = stamp.corner.endsWith('right') ? pageWidth - inset - w : inset;
  const y = stamp.corner.startsWith('top') ? inset : pageHeight - inset - size;
  doc.save();
  doc.rect(x - size / 6, y - size / 6, w + size / 3, size * 1.25).fill('white');
  doc.fillColor('black').text(text, x, y, { lineBreak: false });
  doc.restore();
}

type Page = { content: { buffer: Uint8Array[] } };
/** What a stamp adds to a fresh page's content stream, and where it leaves the document. */
function drawn(draw: typeof drawPageStamp, stamp: PageStamp, width: number, height: number) {
  const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string, pdfVersion: '1.7', compress: false });
  const font = resolveFont();
  doc.registerFont(CJK_FONT_ALIAS, font.path, font.postscriptName ?? '');
  doc.font(CJK_FONT_ALIAS);
  doc.addPage({ size: [width, height], margin: 0 } as PDFKit.PDFDocumentOptions);
  const page = doc.page as unknown as Page;
  const before = page.content.buffer.length;
  draw(doc, stamp, width, height);
  const ops = Buffer.concat(page.content.buffer.slice(before)).toString('latin1');
  const state = doc as unknown as { x: number; y: number; _fillColor: unknown; _fontSize: number; page: { fonts: Record<string, unknown> } };
  return { ops, x: state.x, y: state.y, fillColor: state._fillColor, fontSize: state._fontSize, fonts: Object.keys(state.page.fonts) };
}

describe('drawPageStamp (decision 0020)', () => {
  it('writes exactly the operators pdfkit’s rect, fill and text write, and leaves the document as they do', () => {
    const cases: [PageStamp, number, number][] = [
      [{ number: 1, side: 'recto', corner: 'top-right' }, 595.28, 841.89],
      [{ number: 17, side: 'verso', corner: 'top-left' }, 595.28, 841.89],
      [{ number: 300, side: 'recto', corner: 'bottom-right' }, 841.89, 595.28],
      [{ number: 1024, side: 'verso', corner: 'bottom-left' }, 200.5, 120.25],
    ];
    for (const [stamp, width, height] of cases) {
      const ours = drawn(drawPageStamp, stamp, width, height);
      const reference = drawn(pdfkitStamp, stamp, width, height);
      expect(ours.ops, JSON.stringify(stamp)).toBe(reference.ops);
      expect(ours).toEqual(reference);
      expect(ours.ops).toContain(' TJ');
    }
  });
});
