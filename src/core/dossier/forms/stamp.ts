import type { PageStamp } from '../pagination';
import type { Doc } from './layout';

/** 10 mm from the edges, as a hand stamp would sit in the outer corner. */
const INSET = 28.35;
const SIZE = 12;

/**
 * The page number as vector text in the corner the pagination chose (DOMAIN.md: recto top-right,
 * verso top-left by default). Drawn on a white underlay so it stays legible on a dark scan.
 */
export function drawPageStamp(doc: Doc, stamp: PageStamp, pageWidth: number, pageHeight: number): void {
  const text = String(stamp.number);
  // Scaled down on small sheets (a receipt, a photo) so the number always lands on the page.
  const size = Math.min(SIZE, pageHeight / 20);
  const inset = Math.min(INSET, pageWidth * 0.05, pageHeight * 0.05);
  doc.fontSize(size);
  const w = doc.widthOfString(text);
  const right = stamp.corner.endsWith('right');
  const top = stamp.corner.startsWith('top');
  const x = right ? pageWidth - inset - w : inset;
  const y = top ? inset : pageHeight - inset - size;
  doc.save();
  doc.rect(x - size / 6, y - size / 6, w + size / 3, size * 1.25).fill('white');
  doc.fillColor('black').text(text, x, y, { lineBreak: false });
  doc.restore();
}
