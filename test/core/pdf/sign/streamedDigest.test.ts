import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateToPem } from '../../../../src/core/pdf/sign/certificate';
import { createUnitIdentity, openSigner, type SigningIdentityRecord } from '../../../../src/core/pdf/sign/identity';
import { passphraseProtector } from '../../../../src/core/pdf/sign/keyProtection';
import { addCertificationPlaceholder } from '../../../../src/core/pdf/sign/placeholder';
import { signPdfInPlace } from '../../../../src/core/pdf/sign/signInPlace';
import { StreamingDigest } from '../../../../src/core/pdf/sign/streamingDigest';
import { writeRecordPdf } from '../../../../src/core/pdf/writer';
import { intakeScans } from '../../../../src/core/scan';
import type { ScanPage } from '../../../../src/core/scan/types';
import { makeGoodScans } from '../../scan/fixtures';
import { expectCertifiedWhole, extractSignature, placeholderOptions, run, tempDir } from './fixtures';

// Decision 0012: the digest taken while the writer streams the file must be exactly the one a full
// read of the file gives. RSA PKCS#1 v1.5 is deterministic, so signing the same unsigned bytes both
// ways must give byte-identical files: same ByteRange digest, same CMS, same file SHA-256.

const dir = tempDir('dossier-sign-streamed-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const protector = passphraseProtector('档案室口令 2026', { logN: 14 });
let unit: SigningIdentityRecord;
let pages: ScanPage[];

beforeAll(async () => {
  unit = await createUnitIdentity({ unitName: '南通市烟草专卖局', keyBits: 2048 }, protector);
  fs.writeFileSync(path.join(dir, 'unit.pem'), certificateToPem(unit.certificateDer));
  fs.mkdirSync(path.join(dir, 'scans'));
  const scans = await makeGoodScans(path.join(dir, 'scans'));
  pages = (await intakeScans([scans.dir])).pages;
}, 60_000);

/** An unsigned record from the PDF/A writer, hashed on its way out; also a plain copy of it. */
async function writeRecord(name: string, digest: StreamingDigest): Promise<{ streamedFile: string; copy: string }> {
  const streamedFile = path.join(dir, `${name}.pdf`);
  const signingTime = placeholderOptions().signingTime;
  await writeRecordPdf({
    pages,
    metadata: { title: '现场检查笔录', caseNumber: '通烟立〔2024〕第12号', recordType: '现场检查笔录', createdAt: signingTime },
    outPath: streamedFile,
    // Small highWaterMark effects are covered by pages of different sizes; text adds a font at the end.
    drawPageOverlay: (doc, index) => void doc.fontSize(10).text(`第${index + 1}页 南通市烟草专卖局`, 20, 20, { lineBreak: false }),
    onBytes: (chunk) => digest.update(chunk),
    beforeEnd: (doc) => addCertificationPlaceholder(doc, { ...placeholderOptions(), signingTime, onSignatureObject: (offset) => digest.markSignatureObject(offset) }),
  });
  const copy = path.join(dir, `${name}-copy.pdf`);
  fs.copyFileSync(streamedFile, copy);
  return { streamedFile, copy };
}

describe('signing from the digest taken while writing', () => {
  it('gives the same file, digest and SHA-256 as reading the file back, and passes every verifier', async () => {
    const digest = new StreamingDigest();
    const { streamedFile, copy } = await writeRecord('streamed', digest);
    expect(digest.problem).toBeNull();
    expect(digest.bytes).toBe(fs.statSync(streamedFile).size);
    const signer = openSigner(unit, protector);
    const streamed = await signPdfInPlace(streamedFile, signer, { streamed: digest });
    const reread = await signPdfInPlace(copy, signer);
    expect(streamed.hashedWhileWriting).toBe(true);
    expect(reread.hashedWhileWriting).toBe(false);

    const a = fs.readFileSync(streamedFile);
    const b = fs.readFileSync(copy);
    expect(a.equals(b)).toBe(true);
    expect(streamed.fileSha256).toBe(reread.fileSha256);
    expect(streamed.byteRange).toEqual(reread.byteRange);
    await expectCertifiedWhole(streamedFile, unit.certificateDer, streamed.fileSha256);
    const { cms, signedBytes } = extractSignature(streamedFile, streamed.byteRange);
    fs.writeFileSync(path.join(dir, 'cms.der'), cms);
    fs.writeFileSync(path.join(dir, 'content.bin'), signedBytes);
    const openssl = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'cms.der'), '-content', path.join(dir, 'content.bin'), '-CAfile', path.join(dir, 'unit.pem'), '-purpose', 'any', '-out', '/dev/null']);
    expect(openssl.output).toContain('Verification successful');
  }, 60_000);

  it('reads the file instead when it changed after writing, and the signature covers what is on disk', async () => {
    const digest = new StreamingDigest();
    const { streamedFile } = await writeRecord('changed', digest);
    // A byte of the trailer's /ID (after the signature object) changed behind the writer's back.
    const bytes = fs.readFileSync(streamedFile);
    const at = bytes.lastIndexOf('/ID [<') + 6;
    bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
    fs.writeFileSync(streamedFile, bytes);
    const signed = await signPdfInPlace(streamedFile, openSigner(unit, protector), { streamed: digest });
    expect(signed.hashedWhileWriting).toBe(false);
    await expectCertifiedWhole(streamedFile, unit.certificateDer, signed.fileSha256);
  }, 60_000);

  it('reads the file instead when the tail would not fit in memory, with the same result', async () => {
    const digest = new StreamingDigest(1024);
    const { streamedFile, copy } = await writeRecord('long-tail', digest);
    expect(digest.problem).toMatch(/more than 1024 bytes/);
    const signer = openSigner(unit, protector);
    const signed = await signPdfInPlace(streamedFile, signer, { streamed: digest });
    await signPdfInPlace(copy, signer);
    expect(signed.hashedWhileWriting).toBe(false);
    expect(fs.readFileSync(streamedFile).equals(fs.readFileSync(copy))).toBe(true);
  }, 60_000);
});

describe('StreamingDigest', () => {
  const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));

  it('keeps the hash at the mark and the bytes after it, however the chunks fall', () => {
    for (const mark of [0, 1, 4095, 4096, 150_000, 299_999]) {
      for (const size of [1, 7, 4096, 65_536, 300_000]) {
        const digest = new StreamingDigest();
        let marked = false;
        for (let p = 0; p < data.length; p += size) {
          // The mark arrives before any byte at or after it, as the placeholder guarantees.
          if (!marked && p + size > mark) {
            const upto = Math.max(p, mark);
            digest.update(data.subarray(p, upto));
            digest.markSignatureObject(mark);
            marked = true;
            digest.update(data.subarray(upto, Math.min(p + size, data.length)));
          } else digest.update(data.subarray(p, Math.min(p + size, data.length)));
        }
        const snapshot = digest.takeSnapshot()!;
        expect(snapshot.offset).toBe(mark);
        expect(snapshot.hash.digest('hex')).toBe(createHash('sha256').update(data.subarray(0, mark)).digest('hex'));
        expect(snapshot.tail.equals(data.subarray(mark))).toBe(true);
        expect(digest.bytes).toBe(data.length);
      }
    }
  });

  it('gives no snapshot when the mark is missing, behind the bytes already seen, or given twice', () => {
    const none = new StreamingDigest();
    none.update(data);
    expect(none.takeSnapshot()).toBeNull();
    const late = new StreamingDigest();
    late.update(data.subarray(0, 10));
    late.markSignatureObject(5);
    late.update(data.subarray(10));
    expect(late.takeSnapshot()).toBeNull();
    const twice = new StreamingDigest();
    twice.markSignatureObject(5);
    twice.markSignatureObject(6);
    twice.update(data);
    expect(twice.takeSnapshot()).toBeNull();
  });
});
