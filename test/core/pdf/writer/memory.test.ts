import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../../scan/fixtures';

const dir = tempDir('dossier-mem-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An A4 300-dpi grayscale scan of about 1 MB: faint paper noise and lines of dark strokes. */
async function scanLikeJpeg(file: string): Promise<number> {
  const w = 2480;
  const h = 3508;
  const raw = Buffer.alloc(w * h);
  let s = 1;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const ink = Math.floor(i / w) % 40 < 12 && (i % w) % 9 < 6;
    raw[i] = 235 + (s % 12) - (ink ? 180 : 0);
  }
  const info = await sharp(raw, { raw: { width: w, height: h, channels: 1 } }).toColourspace('b-w').jpeg({ quality: 75 }).withDensity(300).toFile(file);
  return info.size;
}

it('keeps memory bounded: 150 pages of a ~1 MB JPEG grow RSS far less than the file', async () => {
  const jpeg = path.join(dir, 'page.jpg');
  const size = await scanLikeJpeg(jpeg);
  expect(size).toBeGreaterThan(500_000);
  const outPath = path.join(dir, 'big.pdf');
  const child = path.join(import.meta.dirname, 'memoryChild.ts');
  const report = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', child, jpeg, '150', outPath], { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../../../..') }));
  const growthMb = (report.peak - report.baseline) / 2 ** 20;
  const fileMb = report.bytes / 2 ** 20;
  console.log(`memory: ${fileMb.toFixed(0)} MB written in ${report.ms} ms, RSS ${(report.baseline / 2 ** 20).toFixed(0)} → ${(report.peak / 2 ** 20).toFixed(0)} MB (+${growthMb.toFixed(0)} MB)`);
  expect(fileMb).toBeGreaterThan(0.9 * 150 * (size / 2 ** 20));
  expect(growthMb).toBeLessThan(Math.min(120, fileMb / 2));
}, 30_000);
