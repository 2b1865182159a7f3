import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createUnitIdentity, openSigner } from '../../../../src/core/pdf/sign/identity';
import { passphraseProtector } from '../../../../src/core/pdf/sign/keyProtection';
import { addCertificationPlaceholder } from '../../../../src/core/pdf/sign/placeholder';
import { signPdfInPlace } from '../../../../src/core/pdf/sign/signInPlace';
import { verifyCertifiedPdf } from '../../../../src/core/pdf/sign/verify';
import { writeRecordPdf } from '../../../../src/core/pdf/writer';
import { intakeScans } from '../../../../src/core/scan';
import { makeGoodScans } from '../../scan/fixtures';
import { placeholderOptions, run, tempDir } from './fixtures';

const dir = tempDir('dossier-sign-writer-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The pipeline of issue 3 item 5: scans → PDF/A-2b record (the writer's beforeEnd hook adds the
// placeholder) → signed in place → read-only, verified by us and by independent tools.
it('certifies a record written by the PDF/A writer, and the record stays PDF/A-shaped', async () => {
  fs.mkdirSync(path.join(dir, 'scans'));
  const scans = await makeGoodScans(path.join(dir, 'scans'));
  const { pages } = await intakeScans([scans.dir]);
  const out = path.join(dir, '现场检查笔录.pdf');
  await writeRecordPdf({
    pages,
    metadata: { title: '现场检查笔录', caseNumber: '通烟立〔2024〕第12号', recordType: '现场检查笔录', createdAt: new Date() },
    outPath: out,
    drawPageOverlay: (doc, index) => void doc.fontSize(10).text(`第${index + 1}页`, 20, 20, { lineBreak: false }),
    beforeEnd: (doc) => addCertificationPlaceholder(doc, placeholderOptions()),
  });
  const protector = passphraseProtector('档案室口令 2026', { logN: 14 });
  const unit = await createUnitIdentity({ unitName: '南通市烟草专卖局', keyBits: 2048 }, protector);
  const signed = await signPdfInPlace(out, openSigner(unit, protector));

  const result = await verifyCertifiedPdf(out, [unit.certificateDer]);
  expect(result.reasons).toEqual([]);
  expect(result.fileSha256).toBe(signed.fileSha256);
  expect(fs.statSync(out).mode & 0o222).toBe(0);
  const pdfsig = run('pdfsig', [out]).output;
  expect(pdfsig).toContain('Signature is Valid');
  expect(pdfsig).toContain('Total document signed');
  expect(run('qpdf', ['--check', out]).status).toBe(0);
  // PDF/A-2 (structural, veraPDF is not available here, PDF.md): fonts embedded, no NeedAppearances,
  // no Encrypt, XMP with pdfaid still present, one revision.
  const fonts = run('pdffonts', [out]).output.split('\n').slice(2).filter(Boolean);
  for (const line of fonts) expect(line).toMatch(/\byes\b/);
  const text = fs.readFileSync(out).toString('latin1');
  expect(text).not.toContain('NeedAppearances');
  expect(text).not.toContain('/Encrypt');
  expect(text).toContain('pdfaid:part');
  expect(text.match(/startxref/g)).toHaveLength(1);
}, 60_000);
