import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeScans } from '../../../src/core/scan';
import { hugePngHeader, makeGoodScans, tempDir, type ScanFixtures } from './fixtures';

let f: ScanFixtures;
beforeAll(async () => {
  f = await makeGoodScans(tempDir());
});
afterAll(() => fs.rmSync(f.dir, { recursive: true, force: true }));

describe('intake of good scans', () => {
  it('reads a folder in natural order, TIFF pages in order, and nothing is reported', async () => {
    const { pages, problems } = await intakeScans([f.dir]);
    expect(problems).toEqual([]);
    expect(pages.map((p) => `${path.basename(p.file)}#${p.pageInFile}`)).toEqual([
      '01-a4.jpg#0', '02-page.png#0', '03-two-pages.tif#0', '03-two-pages.tif#1', '04-rotated.jpg#0', '05-blank.jpg#0',
    ]);
  });

  it('takes resolution from the header and gives the physical size in points (pixels / dpi × 72)', async () => {
    const { pages } = await intakeScans([f.a4Jpeg, f.png]);
    const [jpeg, png] = pages;
    expect(jpeg).toMatchObject({ format: 'jpeg', pixelWidth: 1240, pixelHeight: 1754, colour: 'gray', resolution: { x: 150, y: 150, source: 'header' } });
    expect(jpeg!.widthPt).toBeCloseTo((1240 / 150) * 72, 2);
    expect(jpeg!.heightPt).toBeCloseTo((1754 / 150) * 72, 2);
    expect(jpeg!.embed).toEqual({ kind: 'passthrough' });
    expect(png).toMatchObject({ format: 'png', resolution: { x: 100, source: 'header' }, embed: { kind: 'passthrough' } });
    expect(jpeg!.notes.join()).toContain('低于 DA/T 31');
  });

  it('uses the default resolution when the header has none, and says so', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'nodpi.jpg');
    await sharp({ create: { width: 600, height: 300, channels: 3, background: '#fff' } }).jpeg().toFile(file);
    const { pages } = await intakeScans([file], { defaultDpi: 200 });
    expect(pages[0]).toMatchObject({ resolution: { x: 200, y: 200, source: 'default' }, widthPt: 216, heightPt: 108 });
    expect(pages[0]!.notes.join()).toContain('未记录分辨率');
    fs.rmSync(dir, { recursive: true });
  });

  it('reads a multi-page TIFF: a CCITT G4 bilevel page and a JPEG-compressed page, both to lossless PNG', async () => {
    const { pages, problems } = await intakeScans([f.multiTiff]);
    expect(problems).toEqual([]);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toMatchObject({ format: 'tiff', pageInFile: 0, colour: 'bilevel', compression: 'ccitt-g4', embed: { kind: 'png' } });
    expect(pages[1]).toMatchObject({ format: 'tiff', pageInFile: 1, colour: 'gray', compression: 'jpeg', embed: { kind: 'png' } });
    expect(pages[1]!.notes.join()).toContain('TIFF 内的 JPEG');
    expect(pages[0]!.resolution).toMatchObject({ source: 'header' });
    expect(pages[0]!.resolution.x).toBeCloseTo(100, 1);
  });

  it('reads X and Y resolution of a TIFF separately (fax pages are 204 × 196 dpi)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fax.tif');
    await sharp({ create: { width: 1728, height: 1100, channels: 3, background: '#fff' } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: 196 / 25.4 })
      .toFile(file);
    const { pages } = await intakeScans([file]);
    expect(pages[0]!.resolution.x).toBeCloseTo(204, 1);
    expect(pages[0]!.resolution.y).toBeCloseTo(196, 1);
    expect(pages[0]!.widthPt).toBeCloseTo((1728 / 204) * 72, 1);
    expect(pages[0]!.heightPt).toBeCloseTo((1100 / 196) * 72, 1);
    fs.rmSync(dir, { recursive: true });
  });

  it('re-encodes, and records why, what cannot go in as it is: CMYK JPEG, PNG with alpha, interlaced PNG', async () => {
    const dir = tempDir();
    const base = () => sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } });
    const cmyk = path.join(dir, 'cmyk.jpg');
    await base().flatten().toColourspace('cmyk').jpeg().withDensity(300).toFile(cmyk);
    const alpha = path.join(dir, 'alpha.png');
    await base().png().withDensity(300).toFile(alpha);
    const interlaced = path.join(dir, 'interlaced.png');
    await base().flatten().png({ progressive: true }).withDensity(300).toFile(interlaced);
    const { pages, problems } = await intakeScans([cmyk, alpha, interlaced]);
    expect(problems).toEqual([]);
    expect(pages.map((p) => [p.colour, p.embed.kind])).toEqual([['cmyk', 'png'], ['rgb', 'png'], ['rgb', 'png']]);
    expect(pages[0]!.notes.join()).toContain('CMYK');
    expect(pages[1]!.notes.join()).toContain('透明');
    expect(pages[2]!.notes.join()).toContain('隔行');
    fs.rmSync(dir, { recursive: true });
  });

  it('handles EXIF orientation on purpose: upright page size, bytes kept, thumbnail upright', async () => {
    const { pages } = await intakeScans([f.rotatedJpeg]);
    const page = pages[0]!;
    expect(page).toMatchObject({ orientation: 6, pixelWidth: 300, pixelHeight: 200, widthPt: 144, heightPt: 216, embed: { kind: 'passthrough' } });
    // The black block of the stored top-left corner must be top-right once upright.
    const thumb = await sharp(page.thumbnail.data).grayscale().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => thumb.data[Math.floor(y * thumb.info.height) * thumb.info.width + Math.floor(x * thumb.info.width)]!;
    expect(thumb.info.height).toBeGreaterThan(thumb.info.width);
    expect(at(0.95, 0.05)).toBeLessThan(80);
    expect(at(0.05, 0.05)).toBeGreaterThan(200);
  });

  it('flags a blank page with the measure that decided it, and keeps it', async () => {
    const { pages } = await intakeScans([f.blankJpeg, f.a4Jpeg]);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.blank.isBlank).toBe(true);
    expect(pages[0]!.blank.darkFraction).toBeLessThan(pages[0]!.blank.threshold);
    expect(pages[1]!.blank.isBlank).toBe(false);
    expect(pages[1]!.blank.darkFraction).toBeGreaterThan(0.01);
  });

  it('makes a small WebP thumbnail for every page', async () => {
    const { pages } = await intakeScans([f.dir], { thumbnailSize: 128 });
    for (const page of pages) {
      expect(page.thumbnail.mediaType).toBe('image/webp');
      expect(Math.max(page.thumbnail.width, page.thumbnail.height)).toBe(128);
      expect((await sharp(page.thumbnail.data).metadata()).format).toBe('webp');
    }
  });
});

describe('intake of bad input', () => {
  let dir: string;
  const bad: Record<string, string> = {};
  beforeAll(async () => {
    dir = tempDir();
    const good = fs.readFileSync(f.a4Jpeg);
    bad.corruptJpeg = path.join(dir, 'corrupt.jpg');
    fs.writeFileSync(bad.corruptJpeg, good.subarray(0, Math.floor(good.length * 0.6)));
    const tiff = fs.readFileSync(f.multiTiff);
    bad.truncatedTiff = path.join(dir, 'truncated.tif');
    fs.writeFileSync(bad.truncatedTiff, tiff.subarray(0, Math.floor(tiff.length * 0.5)));
    bad.empty = path.join(dir, 'empty.jpg');
    fs.writeFileSync(bad.empty, '');
    bad.text = path.join(dir, 'notes.jpg');
    fs.writeFileSync(bad.text, '这不是图片，是一段文字。\n');
    bad.huge = path.join(dir, 'huge.png');
    fs.writeFileSync(bad.huge, hugePngHeader());
    bad.gif = path.join(dir, 'scan.gif');
    await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } }).gif().toFile(bad.gif);
    bad.missing = path.join(dir, 'gone.jpg');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: [string, RegExp][] = [
    ['corruptJpeg', /无法读取图像 corrupt\.jpg.*损坏/],
    ['truncatedTiff', /TIFF 文件不完整：truncated\.tif/],
    ['empty', /文件为空（0 字节）：empty\.jpg/],
    ['text', /不是图像文件：notes\.jpg/],
    ['huge', /图像过大：huge\.png 为 50000 × 50000 像素/],
    ['gif', /不支持的格式 GIF：scan\.gif/],
    ['missing', /文件不存在.*gone\.jpg/],
  ];
  it.each(cases)('%s gets a clear Chinese message naming the file', async (key, message) => {
    const { pages, problems } = await intakeScans([bad[key]!]);
    expect(pages).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(bad[key]);
    expect(problems[0]!.message).toMatch(message);
  });

  it('reports every bad file and still returns the good pages of the batch, in order', async () => {
    const inputs = [f.a4Jpeg, ...Object.values(bad), f.png];
    const { pages, problems } = await intakeScans(inputs);
    expect(pages.map((p) => path.basename(p.file))).toEqual(['01-a4.jpg', '02-page.png']);
    expect(problems.map((p) => p.file).sort()).toEqual(Object.values(bad).sort());
  });

  it('refuses an oversized image before decoding it (fast, no memory spike)', async () => {
    const started = Date.now();
    const { problems } = await intakeScans([bad.huge!], { maxPixels: 1_000_000 });
    expect(problems[0]!.message).toContain('图像过大');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports files in a folder that are not images, and subfolders, without losing the images', async () => {
    const folder = tempDir();
    fs.copyFileSync(f.a4Jpeg, path.join(folder, 'p1.jpg'));
    fs.writeFileSync(path.join(folder, 'readme.txt'), 'hello');
    fs.mkdirSync(path.join(folder, 'sub'));
    fs.writeFileSync(path.join(folder, '.DS_Store'), 'x');
    const { pages, problems } = await intakeScans([folder]);
    expect(pages).toHaveLength(1);
    expect(problems.map((p) => path.basename(p.file)).sort()).toEqual(['readme.txt', 'sub']);
    fs.rmSync(folder, { recursive: true });
  });
});
