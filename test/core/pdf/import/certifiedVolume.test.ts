import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { drawImportedPage, openBornDigitalPdf } from '../../../../src/core/pdf/import';
import { createUnitIdentity, openSigner } from '../../../../src/core/pdf/sign/identity';
import { passphraseProtector } from '../../../../src/core/pdf/sign/keyProtection';
import { addCertificationPlaceholder } from '../../../../src/core/pdf/sign/placeholder';
import { signPdfInPlace } from '../../../../src/core/pdf/sign/signInPlace';
import { verifyCertifiedPdf } from '../../../../src/core/pdf/sign/verify';
import { writeRecordPdf } from '../../../../src/core/pdf/writer';
import { placeholderOptions } from '../sign/fixtures';
import { fonts, qpdfCheck, run } from '../writer/pdfTools';
import { makePhoto, SOURCE_TEXT, tempDir, writeAnnotated, writeBornDigital } from './fixtures';

const dir = tempDir('dossier-import-volume-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The path the compiler takes: our PDF/A writer draws the born-digital pages (here in the hook that
// runs before the placeholder), stamps them, and the file is certified and verified like any record.
it('puts born-digital pages into a PDF/A record that is then certified and verifies', async () => {
  const sources = [path.join(dir, '决定书.pdf'), path.join(dir, '加盖印章.pdf')];
  await writeBornDigital(sources[0]!, await makePhoto());
  await writeAnnotated(sources[1]!);
  const pdfs = await Promise.all(sources.map((file) => openBornDigitalPdf(file)));
  const out = path.join(dir, '卷宗.pdf');
  let pageNumber = 0;
  await writeRecordPdf({
    pages: [],
    withoutScans: true,
    metadata: { title: '卷宗 第一册', caseNumber: '通烟立〔2024〕第12号', recordType: '卷宗', createdAt: new Date() },
    outPath: out,
    beforeEnd: (doc) => {
      for (const pdf of pdfs) {
        pdf.pages.forEach((page, i) => {
          doc.addPage({ size: [page.widthPt, page.heightPt], margin: 0 });
          drawImportedPage(doc, pdf, i);
          doc.fontSize(10).fillColor('#000000').text(String(++pageNumber), page.widthPt - 40, 20, { lineBreak: false });
        });
      }
      addCertificationPlaceholder(doc, placeholderOptions());
    },
  });
  const protector = passphraseProtector('档案室口令 2026', { logN: 14 });
  const unit = await createUnitIdentity({ unitName: '南通市烟草专卖局', keyBits: 2048 }, protector);
  await signPdfInPlace(out, openSigner(unit, protector));

  const result = await verifyCertifiedPdf(out, [unit.certificateDer]);
  expect(result.reasons).toEqual([]);
  expect(run('pdfsig', [out])).toContain('Signature is Valid');
  expect(qpdfCheck(out)).toMatchObject({ ok: true });
  expect(fonts(out).filter((f) => !f.embedded)).toEqual([]);
  const text = run('pdftotext', [out, '-']);
  for (const line of SOURCE_TEXT) expect(text).toContain(line);
  expect(run('pdfinfo', [out])).toMatch(/Pages:\s+3/);
});
