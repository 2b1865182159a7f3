import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createUnitIdentity, openSigner } from '../../../src/core/pdf/sign/identity';
import { passphraseProtector } from '../../../src/core/pdf/sign/keyProtection';
import { intakeScans } from '../../../src/core/scan';
import { writeSignedPdf } from '../../../src/core/scan/convert';
import { expectCertifiedWhole } from '../pdf/sign/fixtures';
import { makeGoodScans, tempDir } from './fixtures';

// Decision 0012: the conversion signs from the digest taken while writing (no read-back), and what
// it records is still the SHA-256 of the file on disk and a signature every verifier accepts.

const dir = tempDir('dossier-signed-while-writing-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('signs a converted record from the stream: valid for us, pdfsig and the recorded SHA-256', async () => {
  fs.mkdirSync(path.join(dir, 'scans'));
  const scans = await makeGoodScans(path.join(dir, 'scans'));
  const { pages } = await intakeScans([scans.dir]);
  const protector = passphraseProtector('档案室口令 2026', { logN: 14 });
  const unit = await createUnitIdentity({ unitName: '南通市烟草专卖局', keyBits: 2048 }, protector);
  const outPath = path.join(dir, '现场检查笔录.pdf');
  const signed = await writeSignedPdf({
    pages,
    outPath,
    metadata: { title: '现场检查笔录', caseNumber: '通烟立〔2024〕第12号', recordType: '现场检查笔录' },
    marks: [{ page: 1, region: { x: 0.1, y: 0.1, width: 0.3, height: 0.05 }, reason: '笔误' }],
    signer: openSigner(unit, protector),
    signerName: '南通市烟草专卖局',
    location: '南通市烟草专卖局',
    control: { signal: new AbortController().signal, progress: () => undefined },
    now: () => new Date(),
  });
  expect(signed.hashedWhileWriting).toBe(true);
  await expectCertifiedWhole(outPath, unit.certificateDer, signed.sha256);
  expect(fs.statSync(outPath).mode & 0o222).toBe(0);
}, 60_000);
