import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeRecordPdf } from '../../../../src/core/pdf/writer';
import { BornDigitalSources } from '../../../../src/core/pdf/import';
import type { PlacedPdfPage } from '../../../../src/core/scan/types';
import { makePhoto, tempDir, writeBornDigital } from './fixtures';

const opened = vi.hoisted(() => ({ files: [] as string[] }));
vi.mock('../../../../src/core/pdf/import/openPdf', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../src/core/pdf/import/openPdf')>();
  return {
    ...actual,
    openBornDigitalPdf: async (file: string, name?: string) => {
      opened.files.push(path.basename(file));
      return actual.openBornDigitalPdf(file, name);
    },
  };
});

const pdfPage = (file: string, pageInFile: number, widthPt: number, heightPt: number): PlacedPdfPage => ({ file, format: 'pdf', pageInFile, orientation: 1, widthPt, heightPt });

describe('born-digital sources in the writer (decision 0009)', () => {
  it('parses each source PDF once per output document, however many of its pages are placed', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.pdf');
    const b = path.join(dir, 'b.pdf');
    const photo = await makePhoto();
    await writeBornDigital(a, photo);
    await writeBornDigital(b, photo);
    opened.files = [];
    const A4 = [595.28, 841.89] as const;
    const A5L = [595.28, 419.53] as const;
    const out = path.join(dir, 'out.pdf');
    await writeRecordPdf({
      pages: [pdfPage(a, 0, ...A4), pdfPage(a, 1, ...A5L), pdfPage(b, 1, ...A5L), pdfPage(a, 0, ...A4), pdfPage(b, 0, ...A4)],
      metadata: { title: '测试', caseNumber: '通烟立〔2024〕第1号', recordType: '测试', createdAt: new Date('2024-05-01T00:00:00Z') },
      outPath: out,
    });
    expect(opened.files).toEqual(['a.pdf', 'b.pdf']);
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Pages:\s+5/);
    execFileSync('qpdf', ['--check', out], { stdio: 'pipe' });
  });

  it('lets a source go after its last page: a later use opens it again', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.pdf');
    await writeBornDigital(a, await makePhoto());
    const sources = new BornDigitalSources([{ file: a, format: 'pdf' }, { file: 'x.jpg', format: 'jpeg' }, { file: a, format: 'pdf' }]);
    const first = await sources.open(a, 0);
    expect(await sources.open(a, 2)).toBe(first);
    expect(sources.opens).toBe(1);
    // Past its last page (2) the document no longer holds it.
    expect(await sources.open(a, 2)).not.toBe(first);
    expect(sources.opens).toBe(2);
  });
});
