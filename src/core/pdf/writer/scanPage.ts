/// <reference types="pdfkit" />
import { isQuarterTurn, orientationMatrix } from '../../scan/orientation';
import type { Orientation, PlacedPage, PlacedScanPage } from '../../scan/types';
import { jpegXObject, PdfkitImage } from './jpegXObject';

/**
 * Where a page lies, for whoever draws on it (the OCR text layer). The document's user space when
 * the callback runs: origin at the upright page's top-left, y downwards, in points, as pdfkit draws.
 * A pixel (px, py) of the upright image is at (px × pointsPerPixelX, py × pointsPerPixelY).
 */
export interface PageGeometry {
  widthPt: number;
  heightPt: number;
  /** Size of the upright image in pixels (stored size turned by the orientation). */
  uprightPixelWidth: number;
  uprightPixelHeight: number;
  pointsPerPixelX: number;
  pointsPerPixelY: number;
  orientation: Orientation;
  page: PlacedPage;
}

/** A JPEG scan whose bytes go into the PDF untouched (decision 0017). */
export const passesThrough = (page: PlacedPage): boolean => page.format === 'jpeg' && page.embed.kind === 'passthrough';

/** Draws the untouched image through the orientation matrix, filling the page (decision 0006). */
export function drawScanPage(doc: PDFKit.PDFDocument, page: PlacedScanPage, bytes: Buffer | PdfkitImage): void {
  const storedW = (page.pixelWidth / page.resolution.x) * 72;
  const storedH = (page.pixelHeight / page.resolution.y) * 72;
  doc.addPage({ size: [page.widthPt, page.heightPt], margin: 0 } as PDFKit.PDFDocumentOptions);
  const [a, b, c, d, e, f] = orientationMatrix(page.orientation, storedW, storedH);
  doc.save();
  doc.transform(a, b, c, d, e, f);
  // A passthrough JPEG goes in without pdfkit's copy of it (decision 0017); the rest through pdfkit.
  const image = bytes instanceof PdfkitImage ? bytes : passesThrough(page) ? jpegXObject(bytes) : null;
  // ignoreOrientation: pdfkit would otherwise turn EXIF-rotated JPEGs a second time (PDF.md).
  doc.image((image ?? bytes) as unknown as Buffer, 0, 0, { width: storedW, height: storedH, ignoreOrientation: true } as PDFKit.Mixins.ImageOption);
  doc.restore();
}

export function geometryOf(page: PlacedPage): PageGeometry {
  // A born-digital page has no pixels: its unit is the point (nothing draws OCR on it, it has text).
  if (page.format === 'pdf') {
    return { widthPt: page.widthPt, heightPt: page.heightPt, uprightPixelWidth: page.widthPt, uprightPixelHeight: page.heightPt, pointsPerPixelX: 1, pointsPerPixelY: 1, orientation: page.orientation, page };
  }
  const quarter = isQuarterTurn(page.orientation);
  const uprightPixelWidth = quarter ? page.pixelHeight : page.pixelWidth;
  const uprightPixelHeight = quarter ? page.pixelWidth : page.pixelHeight;
  return {
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    uprightPixelWidth,
    uprightPixelHeight,
    pointsPerPixelX: page.widthPt / uprightPixelWidth,
    pointsPerPixelY: page.heightPt / uprightPixelHeight,
    orientation: page.orientation,
    page,
  };
}
