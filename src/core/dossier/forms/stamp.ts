import type { PageStamp } from '../pagination';
import type { Doc } from './layout';

/** 10 mm from the edges, as a hand stamp would sit in the outer corner. */
const INSET = 28.35;
const SIZE = 12;

/** The parts of pdfkit's document and embedded font the stamp writes through. */
interface StampFont {
  id: string;
  ascender: number;
  ref(): unknown;
  widthOfString(text: string, size: number): number;
  encode(text: string): [string[], unknown[]];
}
interface StampDoc {
  _font: StampFont;
  page: { height: number; fonts: Record<string, unknown> };
  x: number;
  y: number;
  _fillColor: unknown;
  addContent(data: string): unknown;
}

/** pdfkit's number formatting in content streams: at most six decimals. */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * The page number as vector text in the corner the pagination chose (DOMAIN.md: recto top-right,
 * verso top-left by default). Drawn on a white underlay so it stays legible on a dark scan.
 *
 * Written as the operators pdfkit's `rect().fill()` and `text()` write, in one piece: through
 * pdfkit's text machinery each stamp cost ~0.15 ms, ~45 ms of a 300-page volume's main thread
 * (decision 0020). stamp.test.ts compares the operators with pdfkit's own, stamp for stamp.
 */
export function drawPageStamp(doc: Doc, stamp: PageStamp, pageWidth: number, pageHeight: number): void {
  const text = String(stamp.number);
  // Scaled down on small sheets (a receipt, a photo) so the number always lands on the page.
  const size = Math.min(SIZE, pageHeight / 20);
  const inset = Math.min(INSET, pageWidth * 0.05, pageHeight * 0.05);
  doc.fontSize(size);
  const pdf = doc as unknown as StampDoc;
  const font = pdf._font;
  const w = font.widthOfString(text, size);
  const right = stamp.corner.endsWith('right');
  const top = stamp.corner.startsWith('top');
  const x = right ? pageWidth - inset - w : inset;
  const y = top ? inset : pageHeight - inset - size;
  pdf.page.fonts[font.id] ??= font.ref();
  const [glyphs] = font.encode(text);
  // pdfkit's page space has its origin top left; text is set in PDF space, flipped back.
  const baseline = pdf.page.height - y - (font.ascender / 1000) * size;
  pdf.addContent(
    [
      'q',
      `${num(x - size / 6)} ${num(y - size / 6)} ${num(w + size / 3)} ${num(size * 1.25)} re`,
      '/DeviceRGB cs',
      '1 1 1 scn',
      'f',
      '/DeviceRGB cs',
      '0 0 0 scn',
      'q',
      `1 0 0 -1 0 ${num(pdf.page.height)} cm`,
      'BT',
      `1 0 0 1 ${num(x)} ${num(baseline)} Tm`,
      `/${font.id} ${num(size)} Tf`,
      `[<${glyphs.join('')}> 0] TJ`,
      'ET',
      'Q',
      'Q',
    ].join('\n'),
  );
  // Where pdfkit's fillColor() and text() leave the document's state.
  pdf._fillColor = ['black', undefined];
  pdf.x = x + w;
  pdf.y = y;
}
