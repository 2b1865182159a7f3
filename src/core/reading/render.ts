import { pathToFileURL } from 'node:url';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { resolveFontPath } from '../pdf/writer/fonts';
import { drawWatermark, type Watermark } from './watermark';
import { pdfjsData } from '../pdf/pdfjsData';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type LoadingTask = ReturnType<PdfJs['getDocument']>;
export type PdfDocument = Awaited<LoadingTask['promise']>;
/** In Node, pdf.js makes its canvases with @napi-rs/canvas (as in pdf/import/thumbnail.ts). */
type NodeCanvasFactory = { canvasFactory: { create(width: number, height: number): { canvas: Canvas; context: SKRSContext2D } } };

let pdfjs: Promise<PdfJs> | undefined;
let watermarkFont: Promise<string> | undefined;

/** The widest page the reading room draws, and the most pixels: bounds memory and the IPC answer. */
export const MAX_PAGE_WIDTH_PX = 2000;
export const MAX_PAGE_PIXELS = 6_000_000;
const WATERMARK_FONT_ALIAS = 'DossierWatermarkCJK';


/**
 * The bundled CJK font registered with Skia once, for the watermark's Chinese (the machine may have
 * no CJK font of its own). The same file the PDF writer embeds (pdf/writer/fonts.ts).
 */
function ensureWatermarkFont(): Promise<string> {
  watermarkFont ??= import('@napi-rs/canvas').then(({ GlobalFonts }) => {
    if (!GlobalFonts.has(WATERMARK_FONT_ALIAS)) GlobalFonts.registerFromPath(resolveFontPath(), WATERMARK_FONT_ALIAS);
    return WATERMARK_FONT_ALIAS;
  });
  return watermarkFont;
}

export interface OpenedPdf {
  pdf: PdfDocument;
  pageCount: number;
  close(): Promise<void>;
}

/**
 * Opens a stored volume with pdf.js from its path. Ranges are read as pages need them
 * (disableAutoFetch, no streaming), so opening a large scanned volume to show page 1 does not read
 * the whole file first. Glyphs are drawn as paths (disableFontFace): Node has no FontFace.
 */
export async function openPdf(file: string): Promise<OpenedPdf> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  const task = getDocument({ url: pathToFileURL(file), disableAutoFetch: true, disableStream: true, isEvalSupported: false, disableFontFace: true, verbosity: 0, ...pdfjsData() });
  try {
    const pdf = await task.promise;
    return { pdf, pageCount: pdf.numPages, close: () => task.destroy() };
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw error;
  }
}

export interface RenderedPage {
  jpeg: Buffer;
  widthPx: number;
  heightPx: number;
  /** The page's size as the PDF shows it (its /Rotate applied), in points. */
  widthPt: number;
  heightPt: number;
}

export interface RenderOptions {
  /** Drawn at this width (capped by MAX_PAGE_WIDTH_PX and MAX_PAGE_PIXELS), or at `dpi`. */
  widthPx?: number;
  dpi?: number;
  /** null only for tests that compare against the page without it; every caller in the app passes one. */
  watermark: Watermark | null;
  quality?: number;
}

/** Draws one page (1-based) with pdf.js on @napi-rs/canvas, burns the watermark in and encodes JPEG. */
export async function renderPage(opened: OpenedPdf, pageNumber: number, options: RenderOptions): Promise<RenderedPage> {
  const page = await opened.pdf.getPage(pageNumber);
  try {
    const natural = page.getViewport({ scale: 1 });
    const wanted = options.widthPx ? Math.min(options.widthPx, MAX_PAGE_WIDTH_PX) / natural.width : (options.dpi ?? 150) / 72;
    const scale = Math.min(wanted, Math.sqrt(MAX_PAGE_PIXELS / (natural.width * natural.height)));
    const viewport = page.getViewport({ scale });
    const widthPx = Math.max(1, Math.round(viewport.width));
    const heightPx = Math.max(1, Math.round(viewport.height));
    const { canvas, context } = (opened.pdf as unknown as NodeCanvasFactory).canvasFactory.create(widthPx, heightPx);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: '#ffffff' }).promise;
    if (options.watermark) drawWatermark(context, widthPx, heightPx, options.watermark, await ensureWatermarkFont());
    const jpeg = await canvas.encode('jpeg', options.quality ?? 82);
    return { jpeg, widthPx, heightPx, widthPt: natural.width, heightPt: natural.height };
  } finally {
    page.cleanup();
  }
}

/** The page's text for copying (export granted only; issue 5 item 5), lines as pdf.js ends them. */
export async function pageText(opened: OpenedPdf, pageNumber: number): Promise<string> {
  const page = await opened.pdf.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    return content.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
      .join('')
      .trim();
  } finally {
    page.cleanup();
  }
}
