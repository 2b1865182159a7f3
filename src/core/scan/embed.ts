import fs from 'node:fs/promises';
import { loadSharp } from './sharpModule';
import { DEFAULT_MAX_PIXELS } from './intake';
import type { PageEmbedding, PlacedScanPage } from './types';

/**
 * The bytes the writer embeds for one page, loaded only when that page is written so that memory
 * holds one page at a time. Passthrough pages are the file itself (PDF.md: pdfkit embeds JPEG as
 * /DCTDecode untouched); the rest become lossless PNG, without alpha and not interlaced, which
 * pdfkit in turn copies as-is. Pixels keep their stored orientation: the writer turns the page.
 */
export async function loadEmbedBytes(page: PlacedScanPage, maxPixels = DEFAULT_MAX_PIXELS): Promise<Buffer> {
  if (page.embed.kind === 'passthrough') return fs.readFile(page.file);
  const sharp = await loadSharp();
  let image = sharp(page.file, { page: page.pageInFile, limitInputPixels: maxPixels }).flatten({ background: '#ffffff' });
  image = page.colour === 'bilevel' || page.colour === 'gray' ? image.toColourspace('b-w') : image.toColourspace('srgb');
  return image.png({ compressionLevel: 6 }).toBuffer();
}

/** How a page goes into the PDF, in the words shown to people (page lists, conversion results). */
export function describeEmbedding(plan: PageEmbedding): string {
  if (plan.kind === 'pdf-form') return '电子原生 PDF 页面（文字、矢量与图像原样复制）';
  return plan.kind === 'passthrough' ? '原始字节' : `无损 PNG（${plan.reason}）`;
}
