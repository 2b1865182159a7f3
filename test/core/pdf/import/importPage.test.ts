import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { degrees, PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBornDigitalPdf, drawImportedPage, openBornDigitalPdf, type BornDigitalPdf } from '../../../../src/core/pdf/import';
import { fonts, pageSizes, qpdfCheck, run } from '../writer/pdfTools';
import { makePhoto, meanDifference, qpdf, renderGrey, SOURCE_TEXT, tempDir, useCjkFont, writeAnnotated, writeBornDigital, writePdf } from './fixtures';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);
let photo: Buffer;

beforeAll(async () => {
  photo = await makePhoto();
  await writeBornDigital(at('plain.pdf'), photo);
  qpdf(['--object-streams=generate', at('plain.pdf'), at('objstm.pdf')]);
  qpdf(['--rotate=+90:1', '--rotate=+270:2', at('plain.pdf'), at('rotated.pdf')]);
  qpdf(['--rotate=+180', at('plain.pdf'), at('upside-down.pdf')]);
});

/** Our side of a dossier volume: a PDF/A-style pdfkit document, the source pages placed and stamped. */
async function compile(out: string, sources: { pdf: BornDigitalPdf; page: number }[], stamp = true): Promise<void> {
  await writePdf(
    out,
    (doc) => {
      useCjkFont(doc);
      sources.forEach(({ pdf, page }, i) => {
        const { widthPt, heightPt } = pdf.pages[page]!;
        doc.addPage({ size: [widthPt, heightPt], margin: 0 });
        drawImportedPage(doc, pdf, page);
        if (stamp) doc.fontSize(10).fillColor('#000000').text(`第 ${i + 1} 页`, widthPt - 80, 20, { lineBreak: false });
      });
    },
    { pdfVersion: '1.7', subset: 'PDF/A-2b', font: null as unknown as string },
  );
}

describe.each(['plain.pdf', 'objstm.pdf', 'rotated.pdf', 'upside-down.pdf'])('pages of %s', (name) => {
  it('come through as text, embedded fonts and the right sizes, and look the same', async () => {
    const check = await checkBornDigitalPdf(at(name));
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    const pdf = await openBornDigitalPdf(at(name));
    const out = at(`out-${name}`);
    await compile(out, [
      { pdf, page: 0 },
      { pdf, page: 1 },
    ]);

    expect(qpdfCheck(out)).toMatchObject({ ok: true });
    const text = run('pdftotext', ['-layout', out, '-']);
    for (const line of SOURCE_TEXT) expect(text).toContain(line);
    expect(text).toMatch(/第\s*2\s*页/);
    const listed = fonts(out);
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(listed.filter((f) => !f.embedded)).toEqual([]);
    const sizes = pageSizes(out);
    const expected = pageSizes(at(name));
    // pdfinfo reports the size as shown, after /Rotate; ours has no /Rotate, so the two agree.
    expect(sizes.map((s) => [Math.round(s.width), Math.round(s.height)])).toEqual(
      check.pages.map((p) => [Math.round(p.widthPt), Math.round(p.heightPt)]),
    );
    expect(check.pages.map((p) => [Math.round(p.widthPt), Math.round(p.heightPt)])).toEqual(
      expected.map((s, i) => (check.pages[i]!.rotate % 180 ? [Math.round(s.height), Math.round(s.width)] : [Math.round(s.width), Math.round(s.height)])),
    );

    // Rendered by poppler, each imported page (without stamps) matches the source page as shown.
    const bare = at(`bare-${name}`);
    await compile(bare, [{ pdf, page: 0 }, { pdf, page: 1 }], false);
    for (const page of [1, 2]) {
      const a = await renderGrey(at(name), page);
      const b = await renderGrey(bare, page);
      expect([b.width, b.height]).toEqual([a.width, a.height]);
      expect(meanDifference(a, b)).toBeLessThan(1);
    }
  });
});

it('reports /Rotate and the size as shown', async () => {
  const check = await checkBornDigitalPdf(at('rotated.pdf'));
  expect(check.pages.map((p) => p.rotate)).toEqual([90, 270]);
  // A4 portrait turned a quarter is shown landscape; A5 landscape turned is shown portrait.
  expect(check.pages.map((p) => [Math.round(p.widthPt), Math.round(p.heightPt)])).toEqual([
    [842, 595],
    [420, 595],
  ]);
});

it('keeps the photo bytes and vector drawing, and writes each source object once', async () => {
  const pdf = await openBornDigitalPdf(at('plain.pdf'));
  const out = at('twice.pdf');
  // The same page twice and the other page once: one form per page, one copy of the font and image.
  await compile(out, [
    { pdf, page: 0 },
    { pdf, page: 0 },
    { pdf, page: 1 },
  ]);
  expect(qpdfCheck(out)).toMatchObject({ ok: true });
  const images = run('pdfimages', ['-list', out]).split('\n').slice(2).filter((l) => l.trim());
  expect(images).toHaveLength(2);
  const ids = new Set(images.map((l) => l.trim().split(/\s+/).slice(-2).join(' ')));
  expect(ids.size).toBe(1);
  execFileSync('pdfimages', ['-j', '-f', '1', '-l', '1', out, at('img')]);
  expect(fs.readFileSync(at('img-000.jpg')).equals(photo)).toBe(true);

  // pdffonts lists each font object once: two in all, our stamp font and the source's subset,
  // however many pages use it (a copy per page would add rows with other object numbers).
  const rows = run('pdffonts', [out]).split('\n').slice(2).filter((l) => l.trim());
  const fontIds = new Set(rows.map((l) => l.trim().split(/\s+/).slice(-2).join(' ')));
  expect(fontIds.size).toBe(2);
  // No page of the source document itself was copied: three pages out, as placed.
  expect(pageSizes(out)).toHaveLength(3);
  const size = fs.statSync(out).size;
  const single = at('once.pdf');
  await compile(single, [{ pdf, page: 0 }]);
  expect(size).toBeLessThan(fs.statSync(single).size * 1.5);
});

it('scales and places a page where the caller says', async () => {
  const pdf = await openBornDigitalPdf(at('plain.pdf'));
  const out = at('scaled.pdf');
  await writePdf(
    out,
    (doc) => {
      useCjkFont(doc);
      doc.addPage({ size: 'A4', margin: 0 });
      const drawn = drawImportedPage(doc, pdf, 1, { x: 50, y: 400, scale: 0.5 });
      expect(Math.round(drawn.widthPt)).toBe(595);
    },
    { font: null as unknown as string },
  );
  const bbox = run('pdftotext', ['-bbox', out, '-']);
  const word = /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>送达回证<\/word>/.exec(bbox);
  expect(word).not.toBeNull();
  // The source drew it at (40, 40) from the top-left; half size from (50, 400).
  expect(Number(word![1])).toBeCloseTo(50 + 20, 0);
  expect(Number(word![2])).toBeGreaterThan(400 + 15);
  expect(Number(word![2])).toBeLessThan(400 + 30);
});

it('refuses to draw onto a document with no page, or a page the source does not have', async () => {
  const pdf = await openBornDigitalPdf(at('plain.pdf'));
  await writePdf(at('nopage.pdf'), (doc) => {
    expect(() => drawImportedPage(doc, pdf, 0)).toThrow(/请先添加页面/);
    doc.addPage();
    expect(() => drawImportedPage(doc, pdf, 5)).toThrow(/「plain\.pdf」没有第 6 页（共 2 页）/);
  });
});

it('draws printed annotations (a seal) from their appearances and leaves hidden ones out', async () => {
  await writeAnnotated(at('seal.pdf'));
  const pdf = await openBornDigitalPdf(at('seal.pdf'));
  const out = at('seal-out.pdf');
  await compile(out, [{ pdf, page: 0 }], false);
  expect(qpdfCheck(out)).toMatchObject({ ok: true });
  // No annotation is carried over as an annotation: the seal is part of the page's look.
  const written = await PDFDocument.load(fs.readFileSync(out));
  expect(written.getPage(0).node.Annots()).toBeUndefined();
  const [source, merged] = [await renderGrey(at('seal.pdf'), 1, 36), await renderGrey(out, 1, 36)];
  expect(meanDifference(source, merged)).toBeLessThan(1);
  // The red seal is really there (dark in grey), where the annotation's /Rect puts it.
  const at36 = (x: number, y: number) => merged.data[Math.round((y * 36) / 72) * merged.width + Math.round((x * 36) / 72)]!;
  expect(at36(330, 430)).toBeLessThan(128);
  expect(at36(250, 430)).toBeGreaterThan(200);
  // The hidden stamp is not drawn: white where it would be.
  expect(at36(130, 570)).toBeGreaterThan(200);
});

it('honours a crop box away from the origin, with /Rotate, and a page with no content', async () => {
  const source = await PDFDocument.load(fs.readFileSync(at('plain.pdf')));
  const first = source.getPage(0);
  first.setCropBox(50, 300, 350, 500); // x, y, width, height
  first.setRotation(degrees(90));
  source.addPage([200, 100]);
  fs.writeFileSync(at('cropped.pdf'), await source.save({ useObjectStreams: false }));

  const check = await checkBornDigitalPdf(at('cropped.pdf'));
  expect(check.problems).toEqual([]);
  expect(check.pages.map((p) => [p.widthPt, p.heightPt, p.rotate])).toEqual([
    [500, 350, 90],
    [595.28, 419.53, 0],
    [200, 100, 0],
  ]);
  const pdf = await openBornDigitalPdf(at('cropped.pdf'));
  const out = at('cropped-out.pdf');
  await compile(out, [0, 1, 2].map((page) => ({ pdf, page })), false);
  expect(qpdfCheck(out)).toMatchObject({ ok: true });
  for (const page of [1, 3]) {
    const [a, b] = [await renderGrey(at('cropped.pdf'), page, 36), await renderGrey(out, page, 36)];
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    expect(meanDifference(a, b)).toBeLessThan(1);
  }
  // The crop keeps part of the red box and the photo, so the page is not blank.
  expect(Math.min(...(await renderGrey(out, 1, 36)).data)).toBeLessThan(128);
});

it('draws the page in the initial graphics state whatever the caller had set', async () => {
  const pdf = await openBornDigitalPdf(at('plain.pdf'));
  const out = at('leaky.pdf');
  await writePdf(out, (doc) => {
    useCjkFont(doc);
    for (const page of [0, 1]) {
      doc.addPage({ size: [pdf.pages[page]!.widthPt, pdf.pages[page]!.heightPt], margin: 0 });
      // What an earlier drawing step (a header, the OCR layer) may leave behind.
      doc.fillColor('#ff0000').strokeColor('#00ff00').lineWidth(9).dash(4, { space: 4 }).opacity(0.2);
      doc.addContent('3 Tr 4 Tc');
      drawImportedPage(doc, pdf, page);
    }
  });
  for (const page of [1, 2]) {
    const [a, b] = [await renderGrey(at('plain.pdf'), page), await renderGrey(out, page)];
    expect(meanDifference(a, b)).toBeLessThan(1);
  }
});
