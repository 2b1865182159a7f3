import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { followingHash } from '../../../../src/core/pdf/sign/followingHash';
import { hashOnThisThread, type SignatureLayout } from '../../../../src/core/pdf/sign/rangeHash';
import { tempDir } from './fixtures';

const dir = tempDir('dossier-following-hash-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MB = 1 << 20;
/** A 12 MB "file being certified": the ByteRange at 12 MB − 200 KB, a 64 KB hole after it, then a tail. */
const size = 12 * MB + 12_345;
const content = randomBytes(size);
const layout: SignatureLayout = {
  placeholderOffset: size - 200_000,
  rangeBytes: Buffer.from('/ByteRange [0 1 2 3]                              ', 'latin1'),
  contentsStart: size - 199_900,
  contentsEnd: size - 199_900 + 65_538,
  size,
};
const contents = Buffer.from('AB'.repeat(32_768), 'latin1');

async function reference(file: string): Promise<{ ranges: Buffer; file: string }> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const hasher = hashOnThisThread(fh);
    const ranges = await hasher.ranges(layout);
    return { ranges, file: await hasher.file(contents) };
  } finally {
    await fh.close();
  }
}

/** Writes `content` in 1 MB pieces, telling the hasher after each, as the writer does after each page. */
function writeFollowed(file: string, lagBytes?: number) {
  fs.writeFileSync(file, '');
  const hasher = followingHash(file, lagBytes);
  const fd = fs.openSync(file, 'r+');
  for (let at = 0; at < size; at += MB) {
    fs.writeSync(fd, content, at, Math.min(MB, size - at), at);
    hasher.written(Math.min(at + MB, size));
  }
  fs.closeSync(fd);
  return hasher;
}

async function expectSameAsThisThread(file: string, lagBytes?: number): Promise<void> {
  const hasher = writeFollowed(file, lagBytes);
  const ranges = await hasher.ranges(layout);
  const whole = await hasher.file(contents);
  hasher.close();
  const expected = await reference(file);
  expect(ranges.equals(expected.ranges)).toBe(true);
  expect(whole).toBe(expected.file);
}

const openDescriptors = () => fs.readdirSync('/proc/self/fd').length;

describe('followingHash (decision 0017)', () => {
  it('gives the same digests as hashing on this thread, while it read behind the writer', async () => {
    await expectSameAsThisThread(path.join(dir, 'followed.bin'));
  });

  it('starts again from the beginning when it has already passed the ByteRange (lag shorter than the tail)', async () => {
    await expectSameAsThisThread(path.join(dir, 'no-lag.bin'), 0);
  });

  it('closes its file descriptor when closed (descriptors belong to the process, not the thread)', { skip: process.platform !== 'linux' }, async () => {
    const before = openDescriptors();
    const file = path.join(dir, 'closed.bin');
    const hasher = writeFollowed(file);
    await hasher.ranges(layout);
    hasher.close();
    for (let i = 0; i < 50 && openDescriptors() > before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(openDescriptors()).toBe(before);
  });

  it('reports a file it cannot read in Chinese instead of hanging', async () => {
    const hasher = followingHash(path.join(dir, 'not-there.pdf'));
    await expect(hasher.ranges(layout)).rejects.toThrow(/签章前计算摘要失败/);
    hasher.close();
  });
});
