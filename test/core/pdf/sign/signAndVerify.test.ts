import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateToPem } from '../../../../src/core/pdf/sign/certificate';
import { createUnitIdentity, openSigner, type SigningIdentityRecord } from '../../../../src/core/pdf/sign/identity';
import { passphraseProtector } from '../../../../src/core/pdf/sign/keyProtection';
import { addCertificationPlaceholder } from '../../../../src/core/pdf/sign/placeholder';
import { emptyUnitIdentities, rotateIdentity, trustedCertificates } from '../../../../src/core/pdf/sign/rotation';
import { signPdfInPlace, type SignPdfResult } from '../../../../src/core/pdf/sign/signInPlace';
import { TRUNCATED, verifyCertifiedPdf } from '../../../../src/core/pdf/sign/verify';
import { appendIncrementalUpdate, extractSignature, FONT_PATH, PLACEHOLDER_OPTIONS, placeholderOptions, run, tempDir, writePlaceholderPdf } from './fixtures';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// Low scrypt cost keeps the suite fast; the envelope records it, production uses the default.
const protector = passphraseProtector('档案室口令 2026', { logN: 14 });

let unit: SigningIdentityRecord;
let stranger: SigningIdentityRecord;
let signed: string;
let signResult: SignPdfResult;

/** A fresh copy of the good signed file, writable, for one tampering test. */
function copyOfSigned(name: string): string {
  const copy = path.join(dir, name);
  fs.copyFileSync(signed, copy);
  fs.chmodSync(copy, 0o644);
  return copy;
}

beforeAll(async () => {
  unit = await createUnitIdentity({ unitName: '南通市烟草专卖局' }, protector);
  stranger = await createUnitIdentity({ unitName: '某某市烟草专卖局', keyBits: 2048 }, protector);
  fs.writeFileSync(path.join(dir, 'unit.pem'), certificateToPem(unit.certificateDer));
  signed = path.join(dir, 'signed.pdf');
  await writePlaceholderPdf(signed);
  signResult = await signPdfInPlace(signed, openSigner(unit, protector));
});

describe('a certified record', () => {
  it('is valid for our verifier, covering the whole file with DocMDP P=1', async () => {
    const result = await verifyCertifiedPdf(signed, [unit.certificateDer]);
    expect(result.reasons).toEqual([]);
    expect(result).toMatchObject({
      status: 'valid',
      isValid: true,
      coversWholeFile: true,
      isDigestValid: true,
      isSignatureValid: true,
      isSignerTrusted: true,
      hasSigningCertificateV2: true,
      hasDocMdpP1: true,
      signatureCount: 1,
      revisionCount: 1,
      subFilter: 'ETSI.CAdES.detached',
      reason: PLACEHOLDER_OPTIONS.reason,
      location: PLACEHOLDER_OPTIONS.location,
      signedAt: signResult.signedAt.toISOString(),
      fileSha256: signResult.fileSha256,
    });
    expect(result.signer).toMatchObject({ subject: 'C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 电子文件签章', fingerprint: unit.fingerprint });
    expect(result.byteRange).toEqual(signResult.byteRange);
  });

  it('reports what the database records: signer, time, SHA-256 of the final bytes, read-only mode', () => {
    const bytes = fs.readFileSync(signed);
    expect(signResult.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(signResult.signerSubject).toContain('南通市烟草专卖局');
    expect(Math.abs(signResult.signedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(signResult.bytes).toBe(bytes.length);
    expect(signResult.cmsBytes).toBeLessThan(4000);
    expect(fs.statSync(signed).mode & 0o222).toBe(0);
  });

  it('passes pdfsig: "Signature is Valid" and "Total document signed", with the Chinese signer name', () => {
    const { output } = run('pdfsig', [signed]);
    expect(output).toContain('Signature is Valid');
    expect(output).toContain('Total document signed');
    expect(output).toContain('ETSI.CAdES.detached');
    expect(output).toContain('CN=南通市烟草专卖局 电子文件签章');
  });

  it('passes openssl cms -verify over the extracted ranges, trusting only the unit certificate', () => {
    const { cms, signedBytes } = extractSignature(signed, signResult.byteRange);
    fs.writeFileSync(path.join(dir, 'sig.der'), cms);
    fs.writeFileSync(path.join(dir, 'content.bin'), signedBytes);
    const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'sig.der'), '-content', path.join(dir, 'content.bin'), '-purpose', 'any', '-out', '/dev/null'];
    const good = run('openssl', [...args, '-CAfile', path.join(dir, 'unit.pem')]);
    expect(good.output).toContain('Verification successful');
    expect(good.status).toBe(0);
    // Control: the same check with another unit's certificate as the only anchor must fail.
    fs.writeFileSync(path.join(dir, 'stranger.pem'), certificateToPem(stranger.certificateDer));
    expect(run('openssl', [...args, '-CAfile', path.join(dir, 'stranger.pem')]).status).not.toBe(0);
    // The signed attributes, as openssl reads them: the three CAdES attributes, no signing-time.
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path.join(dir, 'sig.der')]).output;
    expect(printed).toContain('contentType');
    expect(printed).toContain('messageDigest');
    expect(printed).toMatch(/signingCertificateV2|id-smime-aa-signingCertificateV2/);
    expect(printed).not.toContain('signingTime');
  });

  it('passes qpdf --check', () => {
    const { status, output } = run('qpdf', ['--check', signed]);
    expect(output).toContain('No syntax or stream encoding errors');
    expect(status).toBe(0);
  });

  it('is laid out as PDF/A-2 and the signer expects: no NeedAppearances, invisible printable widget, signature dictionary last', () => {
    const text = fs.readFileSync(signed).toString('latin1');
    expect(text).not.toContain('NeedAppearances');
    expect(text).toMatch(/\/SigFlags 3/);
    expect(text).toMatch(/\/Perms <<\s*\/DocMDP \d+ 0 R\s*>>/);
    expect(text).toMatch(/\/Subtype \/Widget[\s\S]*?\/F 4[\s\S]*?\/Rect \[0 0 0 0\]/);
    expect(text).toMatch(/\/TransformMethod \/DocMDP \/TransformParams << \/Type \/TransformParams \/P 1 \/V \/1.2 >>/);
    const lastObject = text.lastIndexOf(' 0 obj');
    expect(text.indexOf('/ByteRange', lastObject)).toBeGreaterThan(lastObject);
    expect(text.slice(text.lastIndexOf('endobj') + 6, text.lastIndexOf('\nxref\n')).trim()).toBe('');
  });
});

describe('a changed record is invalid', () => {
  it('a flipped byte inside the first signed range', async () => {
    const file = copyOfSigned('flipped.pdf');
    const bytes = fs.readFileSync(file);
    const at = Math.floor(signResult.byteRange[1] / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.status).toBe('invalid');
    expect(result.isDigestValid).toBe(false);
    expect(result.reasons).toContain('文件内容已被修改：签名中的摘要与文件内容不符。');
    expect(run('pdfsig', [file]).output).not.toContain('Signature is Valid');
  });

  it('a flipped byte inside the second signed range (the trailer /ID)', async () => {
    const file = copyOfSigned('flipped-tail.pdf');
    const bytes = fs.readFileSync(file);
    const at = bytes.lastIndexOf('/ID [<') + 7;
    bytes[at] = bytes[at] === 0x61 ? 0x62 : 0x61;
    fs.writeFileSync(file, bytes);
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.isValid).toBe(false);
    expect(result.reasons).toContain('文件内容已被修改：签名中的摘要与文件内容不符。');
  });

  it('a changed byte inside the signature itself', async () => {
    const file = copyOfSigned('flipped-cms.pdf');
    const bytes = fs.readFileSync(file);
    const at = signResult.byteRange[1] + 1 + 2 * (signResult.cmsBytes - 20);
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(file, bytes);
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.isValid).toBe(false);
    expect(result.isSignatureValid).toBe(false);
  });

  it('bytes appended after %%EOF', async () => {
    const file = copyOfSigned('appended.pdf');
    fs.appendFileSync(file, '\n% a note someone added\n');
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.status).toBe('invalid');
    expect(result.coversWholeFile).toBe(false);
    expect(result.isDigestValid).toBe(true);
    expect(result.reasons.join('\n')).toMatch(/追加了 24 字节/);
  });

  it('100 KB of garbage appended: still told apart from truncation', async () => {
    const file = copyOfSigned('appended-large.pdf');
    fs.appendFileSync(file, Buffer.alloc(100 * 1024, 0x41));
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.status).toBe('invalid');
    expect(result.reasons).not.toContain(TRUNCATED);
    expect(result.reasons.join('\n')).toMatch(/追加了 102400 字节/);
  });

  it('an incremental update appended after %%EOF, which pdfsig still calls valid (why we check ourselves)', async () => {
    const file = copyOfSigned('incremental.pdf');
    appendIncrementalUpdate(file, 'Tampered title');
    // The update works: viewers now show the new title.
    expect(run('pdfinfo', [file]).output).toMatch(/Title:\s+Tampered title/);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    const pdfsig = run('pdfsig', [file]).output;
    expect(pdfsig).toContain('Signature is Valid');
    expect(pdfsig).not.toContain('Total document signed');
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.status).toBe('invalid');
    expect(result.coversWholeFile).toBe(false);
    expect(result.revisionCount).toBe(2);
    expect(result.reasons).toContain('文件在签章后被追加了修订（增量更新），内容可能已被更改。');
  });

  it('a truncated file', async () => {
    for (const keep of [0.5, 0.99]) {
      const file = copyOfSigned(`truncated-${keep}.pdf`);
      fs.truncateSync(file, Math.floor(fs.statSync(file).size * keep));
      const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
      expect(result.status).toBe('invalid');
      expect(result.reasons).toContain(TRUNCATED);
    }
    const file = copyOfSigned('truncated-eof.pdf');
    fs.truncateSync(file, fs.statSync(file).size - 3);
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.reasons).toContain(TRUNCATED);
  });

  it('a file signed by a certificate that is not the unit’s', async () => {
    const file = path.join(dir, 'stranger.pdf');
    await writePlaceholderPdf(file);
    await signPdfInPlace(file, openSigner(stranger, protector));
    expect(run('pdfsig', [file]).output).toContain('Signature is Valid');
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.status).toBe('invalid');
    expect(result.isDigestValid).toBe(true);
    expect(result.isSignerTrusted).toBe(false);
    expect(result.reasons).toContain('签名者证书（C=CN, O=某某市烟草专卖局, CN=某某市烟草专卖局 电子文件签章）不是本单位受信任的签章证书。');
  });

  it('an unsigned placeholder file', async () => {
    const file = path.join(dir, 'unsigned.pdf');
    await writePlaceholderPdf(file);
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.status).toBe('invalid');
    expect(result.reasons).toContain('文件尚未签章：只有签章占位，签名未写入。');
  });

  it('a PDF without any signature', async () => {
    const file = path.join(dir, 'plain.pdf');
    await writePlaceholderPdf(file, { placeholder: false });
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result.status).toBe('invalid');
    expect(result.reasons).toEqual(['文件没有认证签名。']);
  });
});

describe('unreadable input is told apart (the CLI exits 2)', () => {
  it.each([
    ['missing', null, '文件不存在。'],
    ['empty', '', '文件为空（0 字节），不是 PDF 文件。'],
    ['text', '这不是 PDF，只是一个改了扩展名的文本文件。', '不是 PDF 文件（缺少 %PDF- 文件头）。'],
  ])('%s', async (name, content, reason) => {
    const file = path.join(dir, `${name}.pdf`);
    if (content !== null) fs.writeFileSync(file, content);
    const result = await verifyCertifiedPdf(file, [unit.certificateDer]);
    expect(result).toMatchObject({ status: 'unreadable', isValid: false, reasons: [reason] });
  });

  it('a folder', async () => {
    const result = await verifyCertifiedPdf(dir, [unit.certificateDer]);
    expect(result.status).toBe('unreadable');
  });
});

describe('signing', () => {
  it('refuses a file that is already signed, and leaves it untouched', async () => {
    const file = copyOfSigned('again.pdf');
    const before = fs.readFileSync(file);
    await expect(signPdfInPlace(file, openSigner(unit, protector))).rejects.toThrow('没有签章占位');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses, in Chinese and without writing, a CMS larger than the room in /Contents', async () => {
    const file = path.join(dir, 'small-room.pdf');
    await writePlaceholderPdf(file, { contentsBytes: 4096 });
    const before = fs.readFileSync(file);
    const signer = openSigner(unit, protector, [stranger.certificateDer, stranger.certificateDer, unit.certificateDer]);
    await expect(signPdfInPlace(file, signer)).rejects.toThrow(/签名数据（\d+ 字节）超出预留空间（4096 字节）/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a signer whose key does not match its certificate', async () => {
    const file = path.join(dir, 'mismatch.pdf');
    await writePlaceholderPdf(file);
    const before = fs.readFileSync(file);
    const wrong = openSigner(stranger, protector);
    await expect(signPdfInPlace(file, { certificateDer: unit.certificateDer, sign: wrong.sign })).rejects.toThrow('私钥与证书不匹配');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a PDF, and one that is missing', async () => {
    const file = path.join(dir, 'note.pdf');
    fs.writeFileSync(file, 'hello');
    await expect(signPdfInPlace(file, openSigner(unit, protector))).rejects.toThrow('不是 PDF 文件');
    await expect(signPdfInPlace(path.join(dir, 'nope.pdf'), openSigner(unit, protector))).rejects.toThrow('文件不存在');
  });

  it('placeholder refuses a document that called initForm (NeedAppearances) and a second placeholder', () => {
    const doc = new PDFDocument({ autoFirstPage: true });
    doc.registerFont('cjk', FONT_PATH, 'NotoSansCJKsc-Regular');
    doc.font('cjk');
    addCertificationPlaceholder(doc, placeholderOptions());
    expect(() => addCertificationPlaceholder(doc, placeholderOptions())).toThrow('已有签章占位');
    const form = new PDFDocument({ autoFirstPage: true });
    form.registerFont('cjk', FONT_PATH, 'NotoSansCJKsc-Regular');
    form.font('cjk');
    form.initForm();
    expect(() => addCertificationPlaceholder(form, placeholderOptions())).toThrow('NeedAppearances');
    const empty = new PDFDocument({ autoFirstPage: false });
    expect(() => addCertificationPlaceholder(empty, placeholderOptions())).toThrow('还没有页面');
  });
});

describe('rotation', () => {
  it('a file signed with the old certificate still verifies once the unit has rotated to a new one', async () => {
    const old = await createUnitIdentity({ unitName: '南通市烟草专卖局', keyBits: 2048, now: new Date('2026-01-01T00:00:00Z') }, protector);
    const oldFile = path.join(dir, 'old-cert.pdf');
    await writePlaceholderPdf(oldFile);
    await signPdfInPlace(oldFile, openSigner(old, protector));

    const state = rotateIdentity(rotateIdentity(emptyUnitIdentities(), old), unit);
    const newFile = path.join(dir, 'new-cert.pdf');
    await writePlaceholderPdf(newFile);
    await signPdfInPlace(newFile, openSigner(unit, protector));

    const trusted = trustedCertificates(state);
    expect((await verifyCertifiedPdf(oldFile, trusted)).isValid).toBe(true);
    expect((await verifyCertifiedPdf(newFile, trusted)).isValid).toBe(true);
    // Were the old certificate dropped, its files would no longer verify: keep every certificate.
    expect((await verifyCertifiedPdf(oldFile, [unit.certificateDer])).isSignerTrusted).toBe(false);
  });
});
