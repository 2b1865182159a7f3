import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, it } from 'vitest';
import { writeRecordPdf } from '../../../../src/core/pdf/writer';
import { intakeScans } from '../../../../src/core/scan';
import { tempDir } from '../../scan/fixtures';
import { run } from './pdfTools';

const dir = tempDir('dossier-orient-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Samples the four corners of an image as ink classes: 0 black, 1 gray, 2 white. */
async function corners(input: Buffer | string): Promise<number[]> {
  const { data, info } = await sharp(input).grayscale().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => data[Math.floor(y * info.height) * info.width + Math.floor(x * info.width)]!;
  return [at(0.08, 0.08), at(0.92, 0.08), at(0.08, 0.92), at(0.92, 0.92)].map((v) => (v < 60 ? 0 : v < 190 ? 1 : 2)).concat(info.width > info.height ? 1 : 0);
}

it('shows all eight EXIF orientations upright, as libvips auto-orientation does, without touching the JPEG bytes', async () => {
  // Stored 300 × 200: black block top-left, gray block top-right, so mirrors are told from turns.
  const raw = Buffer.alloc(300 * 200, 255);
  for (let y = 0; y < 50; y++) for (let x = 0; x < 50; x++) {
    raw[y * 300 + x] = 0;
    raw[y * 300 + 299 - x] = 128;
  }
  const files: string[] = [];
  for (let o = 1; o <= 8; o++) {
    const file = path.join(dir, `o${o}.jpg`);
    await sharp(raw, { raw: { width: 300, height: 200, channels: 1 } }).toColourspace('b-w').jpeg({ quality: 95 }).withMetadata({ orientation: o, density: 100 }).toFile(file);
    files.push(file);
  }
  const { pages, problems } = await intakeScans(files);
  expect(problems).toEqual([]);
  const out = path.join(dir, 'o.pdf');
  await writeRecordPdf({ pages, metadata: { title: '方向', caseNumber: 'O-1', recordType: '测试', createdAt: new Date() }, outPath: out });
  run('pdftoppm', ['-png', '-gray', '-r', '72', out, path.join(dir, 'r')]);
  const renders = fs.readdirSync(dir).filter((n) => n.startsWith('r-')).sort();
  expect(renders).toHaveLength(8);
  for (let i = 0; i < 8; i++) {
    const expected = await corners(await sharp(files[i]!).rotate().png().toBuffer());
    expect({ o: i + 1, page: await corners(path.join(dir, renders[i]!)) }).toEqual({ o: i + 1, page: expected });
    expect({ o: i + 1, thumb: await corners(pages[i]!.thumbnail.data) }).toEqual({ o: i + 1, thumb: expected });
  }
});
