// A born-digital record and JPEG scans, made in the test: three pages of Chinese text in the bundled
// font (two A4 portrait, one A5 landscape), as an office exports them with fonts embedded.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { execFileSync } from 'node:child_process';
import { useCjkFont, writePdf } from '../pdf/import/fixtures';
import { textLikePage } from '../scan/fixtures';

/** Text of each page, different on each, so that the output page it landed on can be told. */
export const PDF_PAGE_TEXT = ['行政处罚决定书第一页', '处罚依据与理由第二页', '送达地址确认第三页'];

export async function writeThreePagePdf(file: string): Promise<void> {
  await writePdf(
    file,
    (doc) => {
      useCjkFont(doc);
      PDF_PAGE_TEXT.forEach((text, i) => {
        doc.addPage(i === 2 ? { size: 'A5', layout: 'landscape', margin: 40 } : { size: 'A4', margin: 50 });
        doc.fontSize(24).fillColor('#000000').text(text, 60, 60 + i * 40);
        // A heavy bar, in a different place on each page, so that pages and turns tell apart when rendered.
        doc.rect(40 + i * 150, 180, 120, 200).fill('#000000');
      });
    },
    { font: null as unknown as string },
  );
}

/** A 300-dpi text-like grey JPEG, 1/4 of A4 to keep the test quick. */
export async function writeJpeg(file: string, seed: number): Promise<void> {
  const width = 620;
  const height = 877;
  await sharp(textLikePage(width, height, seed), { raw: { width, height, channels: 1 } }).jpeg({ quality: 85 }).withMetadata({ density: 300 }).toFile(file);
}

/** Files of the store (not its tmp folder), to see that a refused call left nothing there. */
export function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'tmp')
    .flatMap((d) => fs.readdirSync(path.join(root, d.name)));
}

export function pdftotext(file: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** Rendered grey pixels of one page (poppler, an independent reader), scaled to `width` × `height`. */
export async function renderPage(file: string, page: number, width: number, height: number): Promise<Buffer> {
  const png = execFileSync('pdftoppm', ['-cropbox', '-f', String(page), '-l', String(page), '-r', '30', '-gray', '-png', file], { maxBuffer: 64 << 20 });
  return sharp(png).resize(width, height, { fit: 'fill' }).greyscale().raw().toBuffer();
}

export async function greyOf(image: Buffer | string, width: number, height: number): Promise<Buffer> {
  return sharp(image).flatten({ background: '#ffffff' }).resize(width, height, { fit: 'fill' }).greyscale().raw().toBuffer();
}

export function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}
