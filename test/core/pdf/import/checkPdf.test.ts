import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BornDigitalPdfRefused, checkBornDigitalPdf, MAX_BORN_DIGITAL_BYTES, openBornDigitalPdf } from '../../../../src/core/pdf/import';
import { createUnitIdentity, openSigner } from '../../../../src/core/pdf/sign/identity';
import { passphraseProtector } from '../../../../src/core/pdf/sign/keyProtection';
import { signPdfInPlace } from '../../../../src/core/pdf/sign/signInPlace';
import { appendIncrementalUpdate, writePlaceholderPdf } from '../sign/fixtures';
import { makePhoto, qpdf, tempDir, useCjkFont, writeAnnotated, writeBornDigital, writePdf } from './fixtures';

const dir = tempDir('dossier-import-check-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

/** A born-digital page with the font embedded, plus whatever `extra` adds to the document. */
async function writeWith(file: string, extra: (doc: PDFKit.PDFDocument) => void): Promise<void> {
  await writePdf(
    file,
    (doc) => {
      useCjkFont(doc);
      doc.addPage({ size: 'A4' });
      doc.text('询问笔录', 50, 50);
      extra(doc);
    },
    { font: null as unknown as string },
  );
}

type Internals = { _root: { data: Record<string, unknown> }; ref(data: object): { end(): void } };

beforeAll(async () => {
  await writeBornDigital(at('good.pdf'), await makePhoto());
});

it('accepts a born-digital PDF with its fonts embedded and reports its pages', async () => {
  const check = await checkBornDigitalPdf(at('good.pdf'));
  expect(check).toEqual({
    ok: true,
    pageCount: 2,
    pages: [
      { widthPt: 595.28, heightPt: 841.89, rotate: 0 },
      { widthPt: 595.28, heightPt: 419.53, rotate: 0 },
    ],
    problems: [],
  });
});

it('refuses an encrypted PDF, with or without an open password', async () => {
  qpdf(['--encrypt', 'u', 'o', '256', '--', at('good.pdf'), at('加密.pdf')]);
  qpdf(['--encrypt', '', 'o', '256', '--print=none', '--', at('good.pdf'), at('限制打印.pdf')]);
  for (const name of ['加密.pdf', '限制打印.pdf']) {
    const check = await checkBornDigitalPdf(at(name));
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([expect.stringMatching(new RegExp(`^「${name}」已加密.*另存为未加密的 PDF`))]);
  }
  await expect(openBornDigitalPdf(at('加密.pdf'))).rejects.toThrow(BornDigitalPdfRefused);
});

it('refuses JavaScript run on opening, a launch action and an attachment', async () => {
  await writeWith(at('脚本.pdf'), (doc) => {
    const internals = doc as unknown as Internals;
    const action = internals.ref({ S: 'JavaScript', JS: new String('app.alert("hi")') });
    action.end();
    internals._root.data.OpenAction = action;
  });
  await writeWith(at('启动.pdf'), (doc) => {
    (doc as unknown as Internals)._root.data.OpenAction = { S: 'Launch', F: new String('calc.exe') };
  });
  await writeWith(at('附件.pdf'), (doc) => {
    doc.file(Buffer.from('案件材料清单'), { name: '清单.txt' });
  });
  expect((await checkBornDigitalPdf(at('脚本.pdf'))).problems).toEqual([expect.stringMatching(/^「脚本\.pdf」含有 JavaScript 脚本，不能作为归档文件/)]);
  expect((await checkBornDigitalPdf(at('启动.pdf'))).problems).toEqual([expect.stringMatching(/^「启动\.pdf」含有启动外部程序的动作（Launch）/)]);
  const attachment = await checkBornDigitalPdf(at('附件.pdf'));
  expect(attachment.ok).toBe(false);
  expect(attachment.problems.join('\n')).toMatch(/「附件\.pdf」含有附件（嵌入文件）/);
});

it('refuses a PDF whose text uses a font that is not embedded (pdfkit’s default Helvetica)', async () => {
  await writePdf(at('helvetica.pdf'), (doc) => {
    doc.addPage();
    doc.text('Notice of administrative penalty');
  });
  const check = await checkBornDigitalPdf(at('helvetica.pdf'));
  expect(check.ok).toBe(false);
  expect(check.pageCount).toBe(1);
  expect(check.problems).toEqual([expect.stringMatching(/^「helvetica\.pdf」使用了未嵌入的字体：Helvetica。.*嵌入字体/)]);
});

it('refuses truncated, damaged, empty, oversized and non-PDF files, naming each', async () => {
  const good = fs.readFileSync(at('good.pdf'));
  fs.writeFileSync(at('截断.pdf'), good.subarray(0, Math.floor(good.length / 2)));
  // Cut in the middle, with an end marker glued on: the parser must still notice.
  fs.writeFileSync(at('拼接.pdf'), Buffer.concat([good.subarray(0, Math.floor(good.length * 0.6)), Buffer.from('\n%%EOF\n')]));
  fs.writeFileSync(at('说明.pdf'), '这是一个文本文件，不是 PDF。\n');
  fs.writeFileSync(at('空.pdf'), '');
  fs.writeFileSync(at('巨大.pdf'), '');
  fs.truncateSync(at('巨大.pdf'), MAX_BORN_DIGITAL_BYTES + 1);
  const expected: Record<string, RegExp> = {
    '截断.pdf': /^「截断\.pdf」不完整（文件末尾缺少 %%EOF）/,
    '拼接.pdf': /^「拼接\.pdf」(已损坏|.*无法读取)/,
    '说明.pdf': /^「说明\.pdf」不是 PDF 文件/,
    '空.pdf': /^「空\.pdf」是空文件/,
    '巨大.pdf': /^「巨大\.pdf」有 64\.0 MB，超过电子原生 PDF 的上限 64 MB/,
    '不存在.pdf': /^无法读取「不存在\.pdf」（ENOENT）/,
  };
  for (const [name, pattern] of Object.entries(expected)) {
    const check = await checkBornDigitalPdf(at(name));
    expect(check.ok, name).toBe(false);
    expect(check.problems, name).toEqual([expect.stringMatching(pattern)]);
  }
});

it('accepts a certified PDF, also after a later incremental update', async () => {
  const file = at('已签章.pdf');
  await writePlaceholderPdf(file);
  const protector = passphraseProtector('档案室口令 2026', { logN: 14 });
  const unit = await createUnitIdentity({ unitName: '南通市烟草专卖局', keyBits: 2048 }, protector);
  await signPdfInPlace(file, openSigner(unit, protector));
  expect((await checkBornDigitalPdf(file)).problems).toEqual([]);
  fs.chmodSync(file, 0o644);
  appendIncrementalUpdate(file, 'Countersigned');
  const check = await checkBornDigitalPdf(file);
  expect(check.problems).toEqual([]);
  expect(check.pageCount).toBe(2);
});

it('gives every problem at once', async () => {
  await writeWith(at('多处问题.pdf'), (doc) => {
    (doc as unknown as Internals)._root.data.OpenAction = { S: 'JavaScript', JS: new String('1') };
    doc.font('Helvetica').text('not embedded');
  });
  const error = await openBornDigitalPdf(at('多处问题.pdf')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BornDigitalPdfRefused);
  const { problems } = error as BornDigitalPdfRefused;
  expect(problems).toHaveLength(2);
  expect(problems.join('\n')).toMatch(/JavaScript/);
  expect(problems.join('\n')).toMatch(/Helvetica/);
});

it('refuses a PDF whose page refers to an object that is not in the file', async () => {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 300]);
  page.node.setFontDictionary(PDFName.of('F1'), doc.context.nextRef());
  fs.writeFileSync(at('缺对象.pdf'), await doc.save({ useObjectStreams: false }));
  const check = await checkBornDigitalPdf(at('缺对象.pdf'));
  expect(check.problems).toEqual([expect.stringMatching(/^「缺对象\.pdf」已损坏：缺少 1 个被引用的对象/)]);
});

it('checks the fonts of printed annotations, and ignores hidden ones that are not copied', async () => {
  await writeAnnotated(at('印章-打印.pdf'), { helveticaSeal: 'printed' });
  await writeAnnotated(at('印章-隐藏.pdf'), { helveticaSeal: 'hidden' });
  expect((await checkBornDigitalPdf(at('印章-打印.pdf'))).problems).toEqual([expect.stringMatching(/使用了未嵌入的字体：Helvetica/)]);
  expect((await checkBornDigitalPdf(at('印章-隐藏.pdf'))).problems).toEqual([]);
});

it('refuses CMYK painting and CMYK images, which the archive’s sRGB output intent does not cover', async () => {
  await writeWith(at('印刷色.pdf'), (doc) => {
    doc.rect(50, 100, 100, 100).fill([0, 100, 100, 0]);
  });
  const cmykJpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 20, b: 20 } } })
    .toColourspace('cmyk')
    .jpeg()
    .toBuffer();
  await writeWith(at('印刷色图片.pdf'), (doc) => {
    doc.image(cmykJpeg, 50, 100, { width: 120 });
  });
  for (const name of ['印刷色.pdf', '印刷色图片.pdf']) {
    expect((await checkBornDigitalPdf(at(name))).problems, name).toEqual([expect.stringMatching(new RegExp(`^「${name}」使用了 CMYK 印刷色（DeviceCMYK）.*选择 RGB 颜色`))]);
  }
});
