import { describe, expect, it } from 'vitest';
import { loadPdfkit } from '../../../../src/core/pdf/writer';
import { writeStringsNatively } from '../../../../src/core/pdf/writer/binaryWrites';

/** A small document with operators, a dictionary, a Chinese Info title and a string beyond Latin-1, written to bytes. */
async function draw(patch: boolean): Promise<{ bytes: Buffer; pushed: Uint8Array[] }> {
  const PDFDocument = (await loadPdfkit()) as unknown as new (options: object) => PDFKit.PDFDocument;
  const doc = new PDFDocument({ pdfVersion: '1.7', autoFirstPage: false, compress: false, font: null, info: { Title: '卷宗目录', CreationDate: new Date('2024-05-06T07:08:09Z') } });
  if (patch) writeStringsNatively(doc);
  // As the writer takes them (writeRecordPdf's sendTo): the header pdfkit wrote while being
  // constructed, then each chunk as pdfkit pushes it, before a Readable would turn it into a Buffer.
  const header = doc.read() as Buffer;
  const pushed: Uint8Array[] = [];
  const ended = new Promise<void>((resolve) => {
    (doc as unknown as { push(chunk: Uint8Array | null): boolean }).push = (chunk) => {
      if (chunk === null) resolve();
      else pushed.push(chunk);
      return true;
    };
  });
  doc.addPage({ size: 'A4', margin: 0 });
  doc.rect(10, 20, 30.5, 40.25).fill('#336699');
  // pdfkit keeps each character's low byte: U+4E2D becomes 0x2D, U+00FF stays 0xFF.
  doc.addContent('% 中\u00ff');
  doc.addContent(String(42));
  doc.end();
  await ended;
  return { bytes: Buffer.concat([header, ...pushed]), pushed };
}

describe('writeStringsNatively (decision 0020)', () => {
  it('writes the same bytes as pdfkit’s own conversion, and hands pdfkit Buffers made natively', async () => {
    // Unpatched first: the patch holds for every later document of this pdfkit.
    const before = await draw(false);
    const after = await draw(true);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.bytes.includes(Buffer.from([0x25, 0x20, 0x2d, 0xff, 0x0a]))).toBe(true);
    // pdfkit's loop makes plain Uint8Arrays; the object headers and dictionaries now arrive as Buffers.
    expect(before.pushed.length).toBeGreaterThan(10);
    expect(before.pushed.some((c) => Buffer.isBuffer(c))).toBe(false);
    expect(after.pushed.filter((c) => Buffer.isBuffer(c)).length).toBeGreaterThan(10);
  });
});
