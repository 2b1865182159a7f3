import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveApi } from '../../../src/contract';
import type { Core } from '../../../src/core/types';
import { FIXTURE_FOLDER, tempDir, value } from '../../helpers/core';
import { dossierUnit } from '../dossier/unit';
import { qpdf, writePdf } from '../pdf/import/fixtures';
import { greyOf, meanDifference, pdftotext, PDF_PAGE_TEXT, renderPage, storedFiles, writeJpeg, writeThreePagePdf } from './bornDigital';

let core: Core | undefined;
afterEach(() => core?.close());

async function recordInCase(): Promise<{ dir: string; archivist: ArchiveApi; caseId: string; recordId: string }> {
  const unit = await dossierUnit();
  core = unit.core;
  const caseId = value(await unit.archivist.cases.importFolder({ folder: FIXTURE_FOLDER })).case.id;
  const record = value(await unit.archivist.records.add({ caseId, record: { type: '送达回证', title: '处罚决定书送达回证', responsible: '陈立', date: '2024-04-29' } }));
  return { dir: unit.dir, archivist: unit.archivist, caseId, recordId: record.id };
}

async function inputs(): Promise<{ folder: string; jpeg1: string; pdf: string; jpeg2: string }> {
  const folder = tempDir('born-digital-');
  const jpeg1 = path.join(folder, '扫描-1.jpg');
  const jpeg2 = path.join(folder, '扫描-2.jpg');
  const pdf = path.join(folder, '处罚决定书.pdf');
  await writeJpeg(jpeg1, 1);
  await writeJpeg(jpeg2, 2);
  await writeThreePagePdf(pdf);
  return { folder, jpeg1, pdf, jpeg2 };
}

const stored = (dir: string, sha256: string) => path.join(dir, 'files', sha256.slice(0, 2), sha256);
const fromDataUrl = (url: string) => Buffer.from(url.replace(/^data:image\/webp;base64,/, ''), 'base64');

describe('born-digital PDF records (issue 4 item 6; decision 0009)', () => {
  it('adds a PDF next to scans: stored byte-identical, one page per PDF page with its size and a real thumbnail; turned, ordered and struck like scans; signed with its text and fonts', async () => {
    const { dir, archivist, recordId } = await recordInCase();
    const f = await inputs();
    // Named .bin: a PDF is known by its content, not its name.
    const disguised = path.join(f.folder, '决定书.bin');
    fs.copyFileSync(f.pdf, disguised);
    const added = value(await archivist.records.addScans({ recordId, inputs: [f.jpeg1, disguised, f.jpeg2] }));
    expect(added.pageCount).toBe(5);
    const pdfPages = added.added.filter((p) => p.file.mediaType === 'application/pdf');
    expect(pdfPages.map((p) => [p.position, p.pageInFile, p.isBlank, p.hasOcr])).toEqual([
      [2, 0, false, false],
      [3, 1, false, false],
      [4, 2, false, false],
    ]);
    // Sizes as shown, in points: A4 portrait twice, A5 landscape.
    expect(pdfPages.map((p) => [Math.round(p.widthPt), Math.round(p.heightPt)])).toEqual([[595, 842], [595, 842], [595, 420]]);
    expect(pdfPages[0]!.embedding).toContain('电子原生 PDF');
    // The original is in the store byte for byte, under its SHA-256.
    const sha = createHash('sha256').update(fs.readFileSync(f.pdf)).digest('hex');
    expect(pdfPages.every((p) => p.file.sha256 === sha && p.file.name === '决定书.bin')).toBe(true);
    expect(fs.readFileSync(stored(dir, sha)).equals(fs.readFileSync(f.pdf))).toBe(true);

    // Each thumbnail is that page rendered: it matches poppler's rendering of the same page, not another one.
    for (const p of pdfPages) {
      const webp = fromDataUrl(p.thumbnail);
      const meta = await sharp(webp).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width!, meta.height!)).toBe(256);
      const mine = await greyOf(webp, 64, 64);
      const same = meanDifference(mine, await renderPage(f.pdf, p.pageInFile + 1, 64, 64));
      const other = meanDifference(mine, await renderPage(f.pdf, ((p.pageInFile + 1) % 3) + 1, 64, 64));
      expect(same).toBeLessThan(12);
      expect(other).toBeGreaterThan(same + 3);
    }

    // Turn the second PDF page a quarter: sides and thumbnail turn with it.
    const turned = value(await archivist.records.rotatePage({ recordId, pageId: pdfPages[1]!.id, rotation: 90 }));
    expect([Math.round(turned.widthPt), Math.round(turned.heightPt)]).toEqual([842, 595]);
    const turnedMeta = await sharp(fromDataUrl(turned.thumbnail)).metadata();
    expect(turnedMeta.width! > turnedMeta.height!).toBe(true);
    // Put the PDF's last page first, then strike through on the (turned) PDF page.
    const order = value(await archivist.records.pages({ recordId })).map((p) => p.id);
    const pdfLast = pdfPages[2]!.id;
    value(await archivist.records.arrangePages({ recordId, pageIds: [pdfLast, ...order.filter((id) => id !== pdfLast)] }));
    const pages = value(await archivist.records.pages({ recordId }));
    expect(pages.map((p) => p.file.mediaType === 'application/pdf' ? `pdf${p.pageInFile}` : 'jpeg')).toEqual(['pdf2', 'jpeg', 'pdf0', 'pdf1', 'jpeg']);
    value(await archivist.records.strike({ recordId, page: 4, region: { x: 0.1, y: 0.5, width: 0.4, height: 0.1 }, reason: '地址笔误' }));

    // OCR leaves PDF pages alone (they have text); there is nothing to recognize here but the scans.
    const v = value(await archivist.records.convert({ recordId }));
    expect(v.pageCount).toBe(5);
    const file = stored(dir, v.file.sha256);
    expect(value(await archivist.pdf.verify({ path: file }))).toMatchObject({ status: 'valid', fileSha256: v.file.sha256 });
    execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((l) => / yes\s+yes\s+(yes|no)\s+\d+\s+\d+$/.test(l) && / yes\s+yes\s/.test(l))).toBe(true);
    expect(pdftotext(file, 1)).toContain(PDF_PAGE_TEXT[2]);
    expect(pdftotext(file, 3)).toContain(PDF_PAGE_TEXT[0]);
    expect(pdftotext(file, 4)).toContain(PDF_PAGE_TEXT[1]);
    expect(pdftotext(file, 4)).toContain('更正：地址笔误');
    expect(pdftotext(file, 2)).not.toContain(PDF_PAGE_TEXT[0]);
    // Sizes: the turned page is landscape A4, the A5 page landscape.
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '5', file], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(sizes[0]).toEqual([595, 420]);
    expect(sizes[2]).toEqual([595, 842]);
    expect(sizes[3]).toEqual([842, 595]);
    // The turned page shows the source page turned a quarter clockwise (not mirrored, not the other way).
    const source = await sharp(execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '30', '-gray', '-png', f.pdf])).rotate(90).png().toBuffer();
    const upright = await greyOf(source, 64, 48);
    const out = await renderPage(file, 4, 64, 48);
    expect(meanDifference(out, upright)).toBeLessThan(12);
    const wrongWay = await greyOf(await sharp(source).rotate(180).png().toBuffer(), 64, 48);
    expect(meanDifference(out, wrongWay)).toBeGreaterThan(meanDifference(out, upright) + 5);
  });

  describe('refuses a PDF that cannot be kept as it is, with the reason, and adds nothing', () => {
    const cases: [string, (file: string, good: string) => Promise<void>, RegExp][] = [
      ['加密.pdf', async (file, good) => qpdf(['--encrypt', 'u', 'o', '256', '--', good, file]), /「加密\.pdf」已加密/],
      [
        '脚本.pdf',
        (file) =>
          writePdf(file, (doc) => {
            const internals = doc as unknown as { ref(d: object): { end(): void }; _root: { data: Record<string, unknown> } };
            const action = internals.ref({ S: 'JavaScript', JS: new String('app.alert("hi")') });
            action.end();
            internals._root.data.OpenAction = action;
            doc.addPage();
          }, { font: null as unknown as string }),
        /「脚本\.pdf」含有 JavaScript/,
      ],
      ['helvetica.pdf', (file) => writePdf(file, (doc) => void doc.addPage().text('not embedded')), /「helvetica\.pdf」使用了未嵌入的字体：Helvetica/],
      ['说明.pdf', async (file) => fs.writeFileSync(file, '这不是 PDF，只是改了扩展名的文本文件。\n'), /「说明\.pdf」不是 PDF 文件/],
    ];
    for (const [name, make, reason] of cases) {
      it(name, async () => {
        const { dir, archivist, caseId, recordId } = await recordInCase();
        const f = await inputs();
        const bad = path.join(f.folder, name);
        await make(bad, f.pdf);
        const before = storedFiles(dir);
        const result = await archivist.records.addScans({ recordId, inputs: [f.jpeg1, f.pdf, bad] });
        expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
        const message = result.ok ? '' : result.error.message;
        expect(message).toMatch(reason);
        expect(message).toContain('本次没有添加任何页面');
        expect(message).toContain('其余 2 个文件无误');
        expect(value(await archivist.records.pages({ recordId }))).toEqual([]);
        const record = value(await archivist.cases.get({ caseId })).records.find((r) => r.id === recordId)!;
        expect(record.files).toEqual([]);
        expect(storedFiles(dir)).toEqual(before);
      });
    }
  });
});
