import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * pdf.js's folders of CMaps and standard-font data, for rendering in the core (born-digital
 * thumbnails, reading-room pages): local files, nothing is fetched (the app works offline).
 */
export function pdfjsData(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
}
