import { loadSharp } from '../../scan/sharpModule';
import { measureBlank } from '../../scan/blank';
import { pdfjsData } from '../pdfjsData';

/** An upright page image of a born-digital PDF, like a scan's thumbnail (decision 0008). */
export interface PdfPageThumbnail {
  /** WebP, long side `size` px, the page as the PDF shows it (/Rotate applied). */
  webp: Buffer;
  width: number;
  height: number;
  /** Dark-pixel fraction of the rendered page, measured as for scans (scan/blank.ts). */
  darkFraction: number;
}

/** In Node, pdf.js makes its canvases with @napi-rs/canvas (its optional dependency). */
type NodeCanvasFactory = { canvasFactory: { create(width: number, height: number): { canvas: { toBuffer(mime: 'image/png'): Buffer } } } };
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;


/**
 * Renders every page of a born-digital PDF to a real thumbnail with pdf.js (the renderer's viewer uses
 * the same library) on @napi-rs/canvas, in the core, when the file is added: the page list, the
 * strike dialog and the dossier's record list then show PDF pages like scans, from the stored
 * thumbnail, and a turn turns it with sharp (recordPages.ts turnThumbnail). Glyphs are drawn as paths
 * (disableFontFace): Node has no FontFace, and the fonts are embedded (checked before).
 */
export async function renderPdfThumbnails(data: Buffer, size = 256, signal?: AbortSignal): Promise<PdfPageThumbnail[]> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const sharp = await loadSharp();
  const { getDocument } = await pdfjs;
  const task = getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, verbosity: 0, ...pdfjsData() });
  try {
    const pdf = await task.promise;
    const out: PdfPageThumbnail[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      signal?.throwIfAborted();
      const page = await pdf.getPage(n);
      const natural = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: size / Math.max(natural.width, natural.height) });
      const { canvas } = (pdf as unknown as NodeCanvasFactory).canvasFactory.create(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: '#ffffff' }).promise;
      const png = canvas.toBuffer('image/png');
      page.cleanup();
      const gray = await sharp(png).flatten({ background: '#ffffff' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      const thumb = await sharp(png).flatten({ background: '#ffffff' }).webp({ quality: 70 }).toBuffer({ resolveWithObject: true });
      out.push({ webp: thumb.data, width: thumb.info.width, height: thumb.info.height, darkFraction: measureBlank(gray.data, gray.info.width, gray.info.height, 0).darkFraction });
    }
    return out;
  } finally {
    await task.destroy();
  }
}
