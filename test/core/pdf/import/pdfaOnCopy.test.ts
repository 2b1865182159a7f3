import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, expect, it } from 'vitest';
import { checkBornDigitalPdf, drawImportedPage, openBornDigitalPdf } from '../../../../src/core/pdf/import';
import { qpdfCheck } from '../writer/pdfTools';
import { meanDifference, renderGrey, tempDir, writePdf } from './fixtures';

const dir = tempDir('dossier-import-lzw-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A valid if unambitious LZW encoder (ISO 32000-1 §7.4.4): every byte as a literal 9-bit code, a
 * Clear code often enough that the decoder's table never reaches 10-bit codes, then EOD.
 */
function lzwEncode(data: Uint8Array): Uint8Array {
  const codes = [256];
  data.forEach((byte, i) => {
    if (i && i % 200 === 0) codes.push(256);
    codes.push(byte);
  });
  codes.push(257);
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const code of codes) {
    buffer = (buffer << 9) | code;
    bits += 9;
    while (bits >= 8) {
      out.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits) out.push((buffer << (8 - bits)) & 0xff);
  return Uint8Array.from(out);
}

// An old export: content and image LZW-compressed, the image with a PNG predictor and the
// smoothing hint and print substitute that PDF/A-2 forbids (ISO 19005-2 §6.1.7.2, §6.2.8).
it('rewrites LZW streams as Flate with the same data, and drops forbidden image entries', async () => {
  const source = await PDFDocument.create();
  const page = source.addPage([400, 300]);
  const { context } = source;
  const width = 16;
  const rows: number[] = [];
  for (let y = 0; y < 16; y++) {
    rows.push(0); // PNG predictor byte: None
    for (let x = 0; x < width; x++) rows.push(x * 16, y * 16, 128);
  }
  const image = context.register(
    context.stream(lzwEncode(Uint8Array.from(rows)), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: 16,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: 'LZWDecode',
      DecodeParms: { Predictor: 15, Colors: 3, Columns: width, BitsPerComponent: 8 },
      Interpolate: true,
      OPI: { '2.0': { Type: 'OPI', Version: 2, F: 'photo.tif' } },
    }),
  );
  const content = '0 0 1 rg 20 20 150 100 re f q 160 0 0 160 200 100 cm /Im1 Do Q';
  page.node.set(PDFName.of('Contents'), context.register(context.stream(lzwEncode(Buffer.from(content, 'latin1')), { Filter: 'LZWDecode' })));
  page.node.set(PDFName.of('Resources'), context.obj({ XObject: { Im1: image } }));
  const file = path.join(dir, 'lzw.pdf');
  fs.writeFileSync(file, await source.save({ useObjectStreams: false }));

  expect((await checkBornDigitalPdf(file)).problems).toEqual([]);
  const pdf = await openBornDigitalPdf(file);
  const out = path.join(dir, 'out.pdf');
  await writePdf(out, (doc) => {
    doc.addPage({ size: [400, 300], margin: 0 });
    drawImportedPage(doc, pdf, 0);
  });
  expect(qpdfCheck(out)).toMatchObject({ ok: true });
  const written = fs.readFileSync(out);
  expect(written.includes('LZWDecode')).toBe(false);
  expect(written.includes('/Interpolate false')).toBe(true);
  expect(written.includes('/Interpolate true')).toBe(false);
  expect(written.includes('/OPI')).toBe(false);
  const [a, b] = [await renderGrey(file, 1, 72), await renderGrey(out, 1, 72)];
  // Not identical: poppler smooths the enlarged 16 × 16 image of the source (/Interpolate true).
  expect(meanDifference(a, b)).toBeLessThan(2);
  // The picture is really there (not a blank page matching a blank page).
  expect(Math.min(...b.data)).toBeLessThan(100);
});
