import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/types';
import { tempDir, value } from '../../helpers/core';
import { pdftotext, PDF_PAGE_TEXT, writeJpeg, writeThreePagePdf } from '../cases/bornDigital';
import { dossierUnit, signedFixtureCase } from './unit';

let core: Core | undefined;
afterEach(() => core?.close());

const stored = (dir: string, sha256: string) => path.join(dir, 'files', sha256.slice(0, 2), sha256);

describe('dossiers.compile with a born-digital record (issue 4 item 6, DB3206/T 1060 §5.5.5)', () => {
  it('stamps page numbers over the PDF pages like scan pages, and the contents’ ranges count them', async () => {
    const unit = await dossierUnit();
    core = unit.core;
    const { archivist } = unit;
    const { caseId } = await signedFixtureCase(unit, { withService: true });
    const folder = tempDir('born-digital-');
    const [jpeg1, pdf, jpeg2] = ['扫描-1.jpg', '决定书.pdf', '扫描-2.jpg'].map((n) => path.join(folder, n)) as [string, string, string];
    await writeJpeg(jpeg1, 3);
    await writeThreePagePdf(pdf);
    await writeJpeg(jpeg2, 4);
    const record = value(await archivist.records.add({ caseId, record: { type: '送达回证', title: '电子送达回证', responsible: '陈立', date: '2024-04-30' } }));
    value(await archivist.records.addScans({ recordId: record.id, inputs: [jpeg1, pdf, jpeg2] }));
    value(await archivist.records.convert({ recordId: record.id }));

    const v = value(await archivist.dossiers.compile({ caseId })).volumes[0]!;
    // The fixture case's 6 pages and this record's 5 (2 scans, 3 PDF pages), none blank.
    expect(v.pageCount).toBe(11);
    const range = v.ranges.find((r) => r.recordId === record.id)!.pageRange;
    const [first, last] = range.split('-').map(Number) as [number, number];
    expect(last - first + 1).toBe(5);
    const file = stored(unit.dir, v.file.sha256);
    expect(value(await archivist.pdf.verify({ fileId: v.file.id }))).toMatchObject({ status: 'valid', coversWholeFile: true });
    execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).every((l) => / yes\s+yes\s+yes /.test(l))).toBe(true);
    // The contents list the record with its range.
    const contents = Array.from({ length: v.formPages.contents.last - v.formPages.contents.first + 1 }, (_, i) => pdftotext(file, v.formPages.contents.first + i)).join('');
    expect(contents).toMatch(new RegExp(`电子送达回证.*${range}`));
    // Volume page of record page n: after the covers and contents. Each carries its number; pages 2-4 are the PDF's.
    for (let k = 0; k < 5; k++) {
      const n = first + k;
      const text = pdftotext(file, v.formPages.contents.last + n);
      expect(text).toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
      if (k >= 1 && k <= 3) expect(text).toContain(PDF_PAGE_TEXT[k - 1]);
    }
  });
});
