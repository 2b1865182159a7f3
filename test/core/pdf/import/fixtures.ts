// Born-digital PDFs made the way other offices make them: text in an embedded CJK font, vector
// rules, a photo, several pages of different sizes; then rewritten by qpdf into the shapes other
// producers use (object and xref streams, /Rotate).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { resolveFont } from '../../../../src/core/pdf/writer';

export function tempDir(prefix = 'dossier-import-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const SOURCE_TEXT = ['行政处罚决定书', '当事人：南通某烟酒店', '送达回证'];

type DocOptions = ConstructorParameters<typeof PDFDocument>[0];

/** Writes a pdfkit document to `file`; `draw` fills it. */
export async function writePdf(file: string, draw: (doc: PDFKit.PDFDocument) => void | Promise<void>, options: DocOptions = {}): Promise<void> {
  const doc = new PDFDocument({ autoFirstPage: false, ...options });
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);
  await draw(doc);
  doc.end();
  await closed;
}

/** The bundled CJK font, as our writer sets it before any text (decision 0006). */
export function useCjkFont(doc: PDFKit.PDFDocument): void {
  const font = resolveFont();
  doc.registerFont('cjk', font.path, font.postscriptName ?? '');
  doc.font('cjk');
}

/** A JPEG "photo" of the scene, to see that image bytes come through untouched. */
export async function makePhoto(): Promise<Buffer> {
  const { width, height } = { width: 120, height: 80 };
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 2) & 0xff;
      raw[i + 1] = (y * 3) & 0xff;
      raw[i + 2] = 160;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

/**
 * Two pages as an office would export them with fonts embedded: A4 portrait with a heading, rules
 * and a photo; A5 landscape with one line. pdfkit embeds the font only as a subset CID font.
 */
export async function writeBornDigital(file: string, photo: Buffer): Promise<void> {
  await writePdf(
    file,
    (doc) => {
      useCjkFont(doc);
      doc.addPage({ size: 'A4', margin: 50 });
      doc.fontSize(22).text(SOURCE_TEXT[0]!, 50, 60);
      doc.fontSize(12).text(SOURCE_TEXT[1]!, 50, 110);
      doc.moveTo(50, 140).lineTo(545, 140).lineWidth(2).stroke('#000000');
      doc.rect(50, 160, 240, 160).fill('#cc2222');
      doc.image(photo, 320, 160, { width: 200 });
      doc.addPage({ size: 'A5', layout: 'landscape', margin: 40 });
      doc.fontSize(18).fillColor('#000000').text(SOURCE_TEXT[2]!, 40, 40);
      doc.moveTo(40, 80).lineTo(500, 300).lineWidth(3).stroke();
    },
    { font: null as unknown as string },
  );
}

/** qpdf rewrites: object streams with a cross-reference stream, or a page turned by /Rotate. */
export function qpdf(args: string[]): void {
  execFileSync('qpdf', args, { stdio: 'pipe' });
}

/** Renders one page to grey pixels with pdftoppm (an independent reader), at a low resolution. */
export async function renderGrey(file: string, page: number, dpi = 24): Promise<{ width: number; height: number; data: Buffer }> {
  // -cropbox: what a viewer shows; pdftoppm otherwise renders the whole media box.
  const png = execFileSync('pdftoppm', ['-cropbox', '-f', String(page), '-l', String(page), '-r', String(dpi), '-gray', '-png', file], { maxBuffer: 64 << 20 });
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** Mean absolute difference of two renderings of the same size, 0–255. */
export function meanDifference(a: { data: Buffer }, b: { data: Buffer }): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

type RefInternals = { ref(data: object): { write(chunk: string): void; end(): void } };

/**
 * One page with annotations as a seal or stamp tool leaves them: a printed stamp whose appearance
 * has its own /Matrix (a red square seal with a cross), a hidden one (blue) and, when asked, a
 * printed one whose appearance writes text in a non-embedded Helvetica.
 */
export async function writeAnnotated(file: string, options: { helveticaSeal?: 'printed' | 'hidden' } = {}): Promise<void> {
  await writePdf(
    file,
    (doc) => {
      useCjkFont(doc);
      doc.addPage({ size: 'A4', margin: 0 });
      doc.fontSize(14).text(SOURCE_TEXT[0]!, 60, 60);
      const internals = doc as unknown as RefInternals;
      const form = (bbox: number[], content: string, extra: object = {}) => {
        const ref = internals.ref({ Type: 'XObject', Subtype: 'Form', BBox: bbox, ...extra });
        ref.write(content);
        ref.end();
        return ref;
      };
      const seal = form([0, 0, 200, 200], '1 0 0 rg 0 0 200 200 re f 0 g 8 w 0 0 m 200 200 l S 0 200 m 200 0 l S', { Matrix: [0.5, 0, 0, 0.5, 10, 10] });
      doc.annotate(300, 400, 120, 120, { Subtype: 'Stamp', F: 4, AP: { N: seal } } as never);
      const hidden = form([0, 0, 50, 50], '0 0 1 rg 0 0 50 50 re f');
      doc.annotate(60, 500, 150, 150, { Subtype: 'Stamp', F: 4 | 2, AP: { N: hidden } } as never);
      if (options.helveticaSeal) {
        const helvetica = internals.ref({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' });
        helvetica.end();
        const text = form([0, 0, 100, 30], 'BT /F1 12 Tf 5 10 Td (SEAL) Tj ET', { Resources: { Font: { F1: helvetica } } });
        doc.annotate(60, 700, 100, 30, { Subtype: 'Stamp', F: options.helveticaSeal === 'hidden' ? 6 : 4, AP: { N: text } } as never);
      }
    },
    { font: null as unknown as string },
  );
}
