import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFontPath, writeRecordPdf, type PageGeometry } from '../../../../src/core/pdf/writer';
import { SMALL_STREAM_BYTES } from '../../../../src/core/pdf/writer/smallStreams';
import { intakeScans, type ScanPage } from '../../../../src/core/scan';
import { makeGoodScans, tempDir, type ScanFixtures } from '../../scan/fixtures';
import { assertWellFormedXml, fonts, pageSizes, pdfinfoField, qpdfCheck, run } from './pdfTools';

const TITLE = 'A&B <草稿> "x"';
const metadata = { title: TITLE, caseNumber: '通烟立〔2024〕第12号', recordType: '立案报告表', author: '专卖科 & 稽查队', subject: '现场检查 <复印件>', createdAt: new Date('2024-05-06T07:08:09.123Z') };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let f: ScanFixtures;
let pages: ScanPage[];
let out: string;
let work: string;
const overlays: { index: number; geometry: PageGeometry }[] = [];
let beforeEndCalls = 0;

beforeAll(async () => {
  f = await makeGoodScans(tempDir());
  ({ pages } = await intakeScans([f.dir]));
  work = tempDir('dossier-pdf-');
  out = path.join(work, '记录.pdf');
  await writeRecordPdf({
    pages,
    metadata,
    outPath: out,
    drawPageOverlay: (doc, index, geometry) => {
      overlays.push({ index, geometry });
      // What the OCR layer will do: text in the CJK font set by the writer, invisible.
      doc.fontSize(10).text(`第${index + 1}页 检查笔录`, 20, 20, { lineBreak: false });
    },
    beforeEnd: () => {
      beforeEndCalls++;
      expect(overlays).toHaveLength(pages.length);
    },
  });
});
afterAll(() => {
  fs.rmSync(f.dir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('writeRecordPdf', () => {
  it('embeds JPEGs as they are: pdfimages -j gives back the scanner bytes', () => {
    const dir = fs.mkdtempSync(path.join(work, 'img-'));
    run('pdfimages', ['-j', out, path.join(dir, 'i')]);
    const extracted = fs.readdirSync(dir).filter((n) => n.endsWith('.jpg')).map((n) => sha(fs.readFileSync(path.join(dir, n))));
    const originals = [f.a4Jpeg, f.rotatedJpeg, f.blankJpeg].map((p) => sha(fs.readFileSync(p)));
    expect(extracted.sort()).toEqual(originals.sort());
  });

  it('writes the passed-through scans before any page or font, so the writer thread starts copying at once (decision 0019)', () => {
    const raw = fs.readFileSync(out).toString('latin1');
    const at = (pattern: RegExp) => [...raw.matchAll(pattern)].map((m) => m.index);
    const jpegs = at(/\/Filter \/DCTDecode/g);
    expect(jpegs.length).toBeGreaterThanOrEqual(3);
    const pagesAndFonts = [...at(/\/Type \/Page\b(?!s)/g), ...at(/\/Type \/Font\b/g)];
    expect(pagesAndFonts.length).toBeGreaterThan(pages.length);
    expect(Math.max(...jpegs)).toBeLessThan(Math.min(...pagesAndFonts));
  });

  it('deflates only streams of at least SMALL_STREAM_BYTES: a page’s short content stream stays plain (decision 0019)', () => {
    const raw = fs.readFileSync(out);
    const text = raw.toString('latin1');
    let plainContents = 0;
    let deflated = 0;
    for (const m of text.matchAll(/\d+ 0 obj\s*<<((?:(?!endobj|>>\s*stream)[^])*)>>\s*stream\r?\n/g)) {
      const dictionary = m[1]!;
      const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
      const start = m.index + m[0].length;
      const bytes = raw.subarray(start, start + length);
      if (dictionary.includes('/FlateDecode')) {
        deflated++;
        expect(zlib.inflateSync(bytes).length).toBeGreaterThanOrEqual(SMALL_STREAM_BYTES);
      } else if (!dictionary.includes('/Subtype') && !dictionary.includes('/Type')) {
        // A content stream: the image's matrix, the overlay's text.
        if (/ Do\b/.test(bytes.toString('latin1'))) plainContents++;
      }
    }
    expect(plainContents).toBe(pages.length);
    // The font program and the text's ToUnicode map are long enough to be deflated.
    expect(deflated).toBeGreaterThan(0);
  });

  it('makes one page per scan at its physical size (±0.5 pt)', () => {
    const sizes = pageSizes(out);
    expect(sizes).toHaveLength(pages.length);
    sizes.forEach((s, i) => {
      expect(Math.abs(s.width - pages[i]!.widthPt)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(s.height - pages[i]!.heightPt)).toBeLessThanOrEqual(0.5);
    });
    // A4 at 150 dpi: 1240 × 1754 px = 595.2 × 841.92 pt.
    expect(sizes[0]!.width).toBeCloseTo(595.2, 0);
    expect(sizes[0]!.height).toBeCloseTo(841.92, 0);
  });

  it('passes qpdf --check, has no /Encrypt and no NeedAppearances', () => {
    const check = qpdfCheck(out);
    expect(check.ok, check.output).toBe(true);
    expect(check.output).toContain('No syntax or stream encoding errors');
    const raw = fs.readFileSync(out).toString('latin1');
    expect(raw).not.toContain('/Encrypt');
    expect(raw).not.toContain('NeedAppearances');
    expect(pdfinfoField(out, 'Encrypted')).toBe('no');
    expect(pdfinfoField(out, 'PDF version')).toBe('1.7');
  });

  it('embeds every font, the CJK font among them, and the text is extractable', () => {
    const list = fonts(out);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((x) => x.embedded)).toBe(true);
    expect(list.some((x) => x.name.endsWith('+NotoSansCJKsc-Regular'))).toBe(true);
    expect(run('pdftotext', [out, '-'])).toContain('第1页 检查笔录');
  });

  it('writes no font into a document without text, and only the CJK font, embedded, into one with text', async () => {
    const bare = path.join(work, '无文字.pdf');
    await writeRecordPdf({ pages, metadata, outPath: bare });
    expect(fonts(bare)).toEqual([]);
    expect(run('pdffonts', [bare])).not.toContain('Helvetica');
    const check = qpdfCheck(bare);
    expect(check.ok, check.output).toBe(true);
    // The same pages with one word on the last: the CJK font, embedded, and nothing else.
    const one = path.join(work, '一个字.pdf');
    await writeRecordPdf({ pages, metadata, outPath: one, drawPageOverlay: (doc, i) => void (i === pages.length - 1 && doc.text('页', 10, 10, { lineBreak: false })) });
    expect(fonts(one).map((x) => [x.name.replace(/^[A-Z]{6}\+/, ''), x.embedded])).toEqual([['NotoSansCJKsc-Regular', true]]);
  });

  it('writes well-formed XMP with pdfaid part 2 conformance B and the escaped metadata', () => {
    const xmp = run('pdfinfo', ['-meta', out]);
    const packet = xmp.slice(xmp.indexOf('<x:xmpmeta'), xmp.indexOf('</x:xmpmeta>') + '</x:xmpmeta>'.length);
    assertWellFormedXml(packet);
    expect(packet).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(packet).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(packet).toContain('A&amp;B &lt;草稿&gt; &quot;x&quot;');
    expect(packet).toContain('<dossier:caseNumber>通烟立〔2024〕第12号</dossier:caseNumber>');
    expect(packet).toContain('<dossier:recordType>立案报告表</dossier:recordType>');
    expect(packet).toContain('<xmp:CreateDate>2024-05-06T07:08:09Z</xmp:CreateDate>');
    expect(packet).toContain('<pdfaSchema:prefix>dossier</pdfaSchema:prefix>');
    const raw = fs.readFileSync(out).toString('latin1');
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw).toMatch(/\/OutputIntents/);
  });

  it('puts the same metadata in Info, the Chinese title as UTF-16', () => {
    expect(pdfinfoField(out, 'Title')).toBe(TITLE);
    expect(pdfinfoField(out, 'Author')).toBe(metadata.author);
    expect(pdfinfoField(out, 'Subject')).toBe(metadata.subject);
    expect(pdfinfoField(out, 'Keywords')).toBe('通烟立〔2024〕第12号; 立案报告表');
    // Info strings outside Latin-1 must be UTF-16BE with a BOM; qpdf shows such a string as <feff…>.
    const ref = fs.readFileSync(out).toString('latin1').match(/\/Title (\d+) 0 R/);
    expect(ref).toBeTruthy();
    const shown = run('qpdf', [`--show-object=${ref![1]}`, out]).trim();
    expect(shown).toBe(`<feff${Buffer.from(TITLE, 'utf16le').swap16().toString('hex')}>`);
  });

  it('shows an EXIF-rotated JPEG upright: the stored top-left block lands top-right', async () => {
    const index = pages.findIndex((p) => p.file === f.rotatedJpeg);
    const prefix = path.join(work, 'render');
    run('pdftoppm', ['-png', '-gray', '-r', '50', '-f', String(index + 1), '-l', String(index + 1), out, prefix]);
    const png = fs.readdirSync(work).find((n) => n.startsWith('render'))!;
    const { data, info } = await sharp(path.join(work, png)).grayscale().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[Math.floor(y * info.height) * info.width + Math.floor(x * info.width)]!;
    expect(info.height).toBeGreaterThan(info.width);
    expect(at(0.93, 0.07)).toBeLessThan(80);
    expect(at(0.07, 0.07)).toBeGreaterThan(200);
    expect(at(0.5, 0.9)).toBeGreaterThan(200);
  });

  it('tells the overlay where each page lies and calls beforeEnd once, after the last page', () => {
    expect(beforeEndCalls).toBe(1);
    expect(overlays.map((o) => o.index)).toEqual(pages.map((_, i) => i));
    const rotated = overlays.find((o) => o.geometry.page.file === f.rotatedJpeg)!.geometry;
    expect(rotated).toMatchObject({ orientation: 6, uprightPixelWidth: 200, uprightPixelHeight: 300, widthPt: 144, heightPt: 216 });
    expect(rotated.pointsPerPixelX).toBeCloseTo(0.72, 5);
  });

  it('leaves the file complete and in place: no temporary file remains', () => {
    expect(fs.readdirSync(work).filter((n) => n.includes('.partial'))).toEqual([]);
    expect(fs.readFileSync(out).subarray(-6).toString('latin1')).toContain('%%EOF');
  });
});

describe('writeRecordPdf, re-encoded pages', () => {
  it('writes CMYK JPEG and transparent PNG as RGB without soft masks (PDF/A with an sRGB output intent)', async () => {
    const dir = tempDir('dossier-reenc-');
    const base = () => sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } });
    const cmyk = path.join(dir, 'cmyk.jpg');
    await base().flatten().toColourspace('cmyk').jpeg().withDensity(300).toFile(cmyk);
    const alpha = path.join(dir, 'alpha.png');
    await base().png().withDensity(300).toFile(alpha);
    const { pages: reencoded } = await intakeScans([cmyk, alpha, f.multiTiff]);
    const target = path.join(dir, 'out.pdf');
    await writeRecordPdf({ pages: reencoded, metadata, outPath: target });
    expect(qpdfCheck(target).ok).toBe(true);
    const list = run('pdfimages', ['-list', target]).split('\n').slice(2).filter((l) => l.trim());
    expect(list).toHaveLength(4);
    for (const line of list) {
      expect(line).toMatch(/ image /);
      expect(line).not.toMatch(/cmyk|smask/);
    }
    fs.rmSync(dir, { recursive: true });
  });
});

describe('writeRecordPdf failures', () => {
  it('removes the temporary file and leaves nothing at outPath when a page cannot be read', async () => {
    const dir = tempDir('dossier-fail-');
    const moved = path.join(dir, 'moved.jpg');
    fs.copyFileSync(f.a4Jpeg, moved);
    const { pages: two } = await intakeScans([f.a4Jpeg, moved]);
    fs.rmSync(moved);
    const target = path.join(dir, 'out.pdf');
    await expect(writeRecordPdf({ pages: two, metadata, outPath: target })).rejects.toThrow(/第 2 页（moved\.jpg）无法读取/);
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it('removes the temporary file when cancelled, and says nothing was saved', async () => {
    const dir = tempDir('dossier-cancel-');
    const target = path.join(dir, 'out.pdf');
    const controller = new AbortController();
    await expect(
      writeRecordPdf({ pages, metadata, outPath: target, signal: controller.signal, onProgress: (done) => done === 2 && controller.abort() }),
    ).rejects.toThrow('操作已取消');
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it('stops the writer thread on a cancel after the last page, while it may still be copying scans (decision 0018)', async () => {
    const dir = tempDir('dossier-cancel-late-');
    const target = path.join(dir, 'out.pdf');
    const controller = new AbortController();
    await expect(writeRecordPdf({ pages, metadata, outPath: target, signal: controller.signal, beforeEnd: () => controller.abort() })).rejects.toThrow('操作已取消');
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it('removes the temporary file when beforeEnd throws (e.g. the signer fails)', async () => {
    const dir = tempDir('dossier-hook-');
    const target = path.join(dir, 'out.pdf');
    await expect(writeRecordPdf({ pages: pages.slice(0, 1), metadata, outPath: target, beforeEnd: () => { throw new Error('签名占位失败'); } })).rejects.toThrow('签名占位失败');
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it('never replaces an existing file unless told to', async () => {
    const before = fs.readFileSync(out);
    await expect(writeRecordPdf({ pages: pages.slice(0, 1), metadata, outPath: out })).rejects.toThrow(/目标文件已存在.*不能被覆盖/);
    expect(fs.readFileSync(out).equals(before)).toBe(true);
    const copy = path.join(work, 'replace.pdf');
    fs.writeFileSync(copy, 'old');
    await writeRecordPdf({ pages: pages.slice(0, 1), metadata, outPath: copy, overwrite: true });
    expect(pageSizes(copy)).toHaveLength(1);
    expect(fs.readdirSync(work).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('refuses an unwritable folder with a Chinese message', async () => {
    await expect(writeRecordPdf({ pages, metadata, outPath: path.join(work, 'no-such-dir', 'x.pdf') })).rejects.toThrow(/无法在 .* 创建文件/);
  });
});

describe('fonts', () => {
  it('finds the bundled font from the source tree, and refuses a missing override', () => {
    expect(resolveFontPath()).toMatch(/resources[\\/]fonts[\\/]NotoSansCJK-Regular\.ttc$/);
    expect(fs.existsSync(path.join(path.dirname(resolveFontPath()), 'NotoSansCJK-LICENSE.txt'))).toBe(true);
    expect(() => resolveFontPath('/nowhere/SimSun.ttf')).toThrow(/找不到设置中指定的字体文件/);
  });
});
