import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { overwriteRange } from '../../../../src/core/media/sanitize/overwrite';
import { sampleRegions, SAMPLE_REGION_BYTES, verifyFull, verifySample } from '../../../../src/core/media/sanitize/verify';
import { tempDir } from '../../../helpers/core';

const MiB = 1 << 20;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function image(bytes: number, fill: number): { file: string; fd: number } {
  const dir = tempDir('wipe-engine-');
  dirs.push(dir);
  const file = path.join(dir, 'x.img');
  fs.writeFileSync(file, Buffer.alloc(bytes, fill));
  return { file, fd: fs.openSync(file, 'r+') };
}

const never = new AbortController().signal;

describe('overwrite and read-back engine', () => {
  it('writes exactly the range, checkpoints only after fsync at each interval and at the end', async () => {
    const { file, fd } = image(20 * MiB + 123, 0x11);
    const checkpoints: number[] = [];
    await overwriteRange({ fd, byte: 0xaa, from: 3 * MiB, end: 20 * MiB + 100, signal: never, checkpoint: (d) => checkpoints.push(d), progress: () => undefined, checkpointBytes: 8 * MiB });
    fs.closeSync(fd);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 3 * MiB).every((b) => b === 0x11)).toBe(true);
    expect(bytes.subarray(3 * MiB, 20 * MiB + 100).every((b) => b === 0xaa)).toBe(true);
    expect(bytes.subarray(20 * MiB + 100).every((b) => b === 0x11)).toBe(true);
    expect(checkpoints).toEqual([11 * MiB, 19 * MiB, 20 * MiB + 100]);
  });

  it('a cancelled pass records how far it got and throws the cancel', async () => {
    const { fd } = image(32 * MiB, 0x11);
    const controller = new AbortController();
    const checkpoints: number[] = [];
    const run = overwriteRange({
      fd,
      byte: 0,
      from: 0,
      end: 32 * MiB,
      signal: controller.signal,
      checkpoint: (d) => checkpoints.push(d),
      progress: (d) => d >= 8 * MiB && controller.abort(),
      checkpointBytes: 64 * MiB,
    });
    await expect(run).rejects.toThrow(/已取消/);
    fs.closeSync(fd);
    expect(checkpoints).toHaveLength(1);
    expect(checkpoints[0]).toBeGreaterThanOrEqual(8 * MiB);
    expect(checkpoints[0]).toBeLessThan(32 * MiB);
  });

  it('full read-back finds a single stray byte, and its offset', async () => {
    const { file, fd } = image(17 * MiB + 5, 0xaa);
    expect((await verifyFull(fd, 17 * MiB + 5, 0xaa, never, () => undefined)).isVerified).toBe(true);
    fs.writeSync(fd, Buffer.from([0x55]), 0, 1, 9 * MiB + 7);
    const bad = await verifyFull(fd, 17 * MiB + 5, 0xaa, never, () => undefined);
    fs.closeSync(fd);
    expect(bad).toMatchObject({ isVerified: false, firstMismatch: 9 * MiB + 7 });
    expect(bad.detail).toContain('校验未通过');
    expect(fs.statSync(file).size).toBe(17 * MiB + 5);
  });

  it('sampling reads the first and last region and at least a tenth, spread over the medium, anew each time', async () => {
    const regions = sampleRegions(1000 * SAMPLE_REGION_BYTES);
    expect(regions.length).toBeGreaterThanOrEqual(100);
    expect(regions[0]).toBe(0);
    expect(regions.at(-1)).toBe(999);
    // One from each tenth of the medium at least.
    for (let t = 0; t < 10; t++) expect(regions.some((r) => r >= t * 100 && r < (t + 1) * 100)).toBe(true);
    const again = sampleRegions(1000 * SAMPLE_REGION_BYTES);
    expect(again).not.toEqual(regions);
    expect(sampleRegions(SAMPLE_REGION_BYTES / 2)).toEqual([0]);

    const { fd } = image(64 * MiB, 0x00);
    const good = await verifySample(fd, 64 * MiB, 0x00, never, () => undefined);
    expect(good.isVerified).toBe(true);
    expect(good.bytesRead).toBeGreaterThanOrEqual(6.4 * MiB);
    // A stray byte in the last region is always inside the sample.
    fs.writeSync(fd, Buffer.from([1]), 0, 1, 64 * MiB - 1);
    expect((await verifySample(fd, 64 * MiB, 0x00, never, () => undefined)).isVerified).toBe(false);
    fs.closeSync(fd);
  });
});
