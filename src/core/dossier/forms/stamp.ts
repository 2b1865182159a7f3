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
  doc.fontSize(SIZE);
  const w = doc.widthOfString(text);
  const right = stamp.corner.endsWith('right');
  const top = stamp.corner.startsWith('top');
  const x = right ? pageWidth - INSET - w : INSET;
  const y = top ? INSET : pageHeight - INSET - SIZE;
  doc.save();
  doc.rect(x - 2, y - 2, w + 4, SIZE + 3).fill('white');
  doc.fillColor('black').text(text, x, y, { lineBreak: false });
  doc.restore();
}
