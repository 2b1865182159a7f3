import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashOnThisThread, type SignatureLayout } from '../../../../src/core/pdf/sign/rangeHash';
import { FileSegment, writerThread } from '../../../../src/core/pdf/writer/writerThread';
import { tempDir } from '../sign/fixtures';

// The writer thread (decision 0018) writes what pdfkit made and the scans' files in order; its
// hashing thread (decision 0019) hashes the same bytes through a ring of shared buffers up to hold(),
// and must give exactly the digests the signer would compute itself.

const dir = tempDir('dossier-writer-thread-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MB = 1 << 20;
/** "Scans" the thread copies from their files; together more than the ring's 16 MiB, so its slots are used again. */
const scans = [randomBytes(3 * MB + 17), randomBytes(2 * MB + 5), randomBytes(13 * MB + 3)].map((bytes, i) => {
  const file = path.join(dir, `scan-${i}.jpg`);
  fs.writeFileSync(file, bytes);
  return { file, bytes };
});
/**
 * What pdfkit would push around them (one longer than a ring slot of 512 KiB, so it is handed over in
 * parts), and the document's tail after hold(): the signature dictionary among it.
 */
const chunks = [randomBytes(1000), randomBytes(1_300_000), randomBytes(5)];
const tail = Buffer.concat([randomBytes(4000), Buffer.from('/ByteRange [0 1 2 3]                              ', 'latin1'), randomBytes(100), Buffer.from(`<${'0'.repeat(64)}>`, 'latin1'), randomBytes(30_000)]);
const expected = Buffer.concat([chunks[0]!, scans[0]!.bytes, chunks[1]!, scans[1]!.bytes, scans[2]!.bytes, chunks[2]!, tail]);
const tailAt = expected.length - tail.length;
const layout: SignatureLayout = {
  placeholderOffset: tailAt + 4000,
  rangeBytes: Buffer.from('/ByteRange [0 9 9 9]                              ', 'latin1'),
  contentsStart: tailAt + 4000 + 51 + 100,
  contentsEnd: tailAt + 4000 + 51 + 100 + 66,
  size: expected.length,
};
const signature = Buffer.from('AB'.repeat(32), 'latin1');

/** The document through a writer thread, as writeRecordPdf feeds it: a flush after each "page". */
async function write(file: string, { hold = true } = {}) {
  fs.writeFileSync(file, '');
  const thread = writerThread(file);
  thread.push(chunks[0]!);
  thread.push(new FileSegment(scans[0]!.file, scans[0]!.bytes.length));
  await thread.flush({ batchBytes: 0, aheadBytes: 16 * MB });
  thread.push(chunks[1]!);
  thread.push(new FileSegment(scans[1]!.file, scans[1]!.bytes.length));
  thread.push(new FileSegment(scans[2]!.file, scans[2]!.bytes.length));
  thread.push(chunks[2]!);
  await thread.flush({ batchBytes: 0, aheadBytes: 16 * MB });
  if (hold) thread.hold();
  thread.push(tail);
  const size = await thread.end(false);
  return { thread, size };
}

async function reference(file: string): Promise<{ ranges: Buffer; file: string }> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const hasher = hashOnThisThread(fh);
    const ranges = await hasher.ranges(layout);
    return { ranges, file: await hasher.file(signature) };
  } finally {
    await fh.close();
  }
}

async function expectSignersDigests(file: string, options: { hold: boolean }): Promise<void> {
  const { thread, size } = await write(file, options);
  expect(size).toBe(expected.length);
  const ranges = await thread.ranges(layout);
  const whole = await thread.file(signature);
  thread.close();
  const want = await reference(file);
  expect(ranges.equals(want.ranges)).toBe(true);
  expect(whole).toBe(want.file);
}

const openDescriptors = () => fs.readdirSync('/proc/self/fd').length;
async function descriptorsBackTo(count: number): Promise<number> {
  for (let i = 0; i < 50 && openDescriptors() > count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return openDescriptors();
}

describe('writerThread (decisions 0018, 0019)', () => {
  it('writes the chunks and the scans’ files in order, byte for byte, and gives the digests the signer would compute', async () => {
    const file = path.join(dir, 'held.pdf');
    await expectSignersDigests(file, { hold: true });
    expect(fs.readFileSync(file).equals(expected)).toBe(true);
  });

  it('hashes every byte it writes when the writing runs far ahead of the hashing (a 64 MiB scan through the 16 MiB ring)', async () => {
    const big = path.join(dir, 'big.jpg');
    const bytes = Buffer.concat(Array.from({ length: 64 }, () => randomBytes(MB)));
    fs.writeFileSync(big, bytes);
    const file = path.join(dir, 'big.pdf');
    fs.writeFileSync(file, '');
    const thread = writerThread(file);
    thread.push(new FileSegment(big, bytes.length));
    await thread.flush({ batchBytes: 0, aheadBytes: 16 * MB });
    thread.hold();
    const layout: SignatureLayout = { placeholderOffset: bytes.length, rangeBytes: Buffer.alloc(0), contentsStart: bytes.length, contentsEnd: bytes.length, size: bytes.length };
    expect(await thread.end(false)).toBe(bytes.length);
    const digest = await thread.ranges(layout);
    thread.close();
    expect(digest.toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('asks for write-back as it writes, and sees the requests complete between batches, not only at the end (decision 0020)', async () => {
    const file = path.join(dir, 'write-back.pdf');
    fs.writeFileSync(file, '');
    // Every 1 MiB instead of 32, over 48 batches that all wait for the thread at once, as in a
    // compile. At most two requests wait at a time, so a third is made only if the callbacks of the
    // first ran between batches (Node hands the thread all the waiting batches at once).
    const thread = writerThread(file, { writeBackBytes: MB });
    for (let i = 0; i < 48; i++) {
      thread.push(new FileSegment(scans[2]!.file, MB));
      await thread.flush({ batchBytes: 0, aheadBytes: 16 * MB });
    }
    expect(await thread.end(false)).toBe(48 * MB);
    thread.close();
    expect(thread.writeBacks.requested).toBeGreaterThan(2);
    expect(thread.writeBacks.completed).toBeGreaterThan(0);
  });

  it('starts the hash again when it has passed the ByteRange (no hold before the signature)', async () => {
    await expectSignersDigests(path.join(dir, 'not-held.pdf'), { hold: false });
  });

  it('waits while more than aheadBytes of chunks are unwritten; file segments hold no memory and do not count', async () => {
    const file = path.join(dir, 'ahead.pdf');
    fs.writeFileSync(file, '');
    const thread = writerThread(file);
    for (let i = 0; i < 4; i++) thread.push(randomBytes(2 * MB));
    await thread.flush({ batchBytes: 0, aheadBytes: 0 });
    expect(fs.statSync(file).size).toBe(8 * MB);
    thread.push(new FileSegment(scans[0]!.file, scans[0]!.bytes.length));
    await thread.flush({ batchBytes: 0, aheadBytes: 0 });
    expect(await thread.end(false)).toBe(8 * MB + scans[0]!.bytes.length);
    thread.close();
  });

  it('refuses a scan file shorter than its segment with a Chinese message', async () => {
    const file = path.join(dir, 'short.pdf');
    fs.writeFileSync(file, '');
    const thread = writerThread(file);
    thread.push(new FileSegment(scans[1]!.file, scans[1]!.bytes.length + 1));
    await expect(thread.end(false)).rejects.toThrow(/源文件比登记的短/);
    await thread.abort();
  });

  it('on abort drops the writes still queued and closes its descriptor', { skip: process.platform !== 'linux' }, async () => {
    const before = openDescriptors();
    const file = path.join(dir, 'aborted.pdf');
    fs.writeFileSync(file, '');
    const thread = writerThread(file);
    for (let i = 0; i < 200; i++) {
      thread.push(new FileSegment(scans[0]!.file, scans[0]!.bytes.length));
      await thread.flush({ batchBytes: 0, aheadBytes: 16 * MB });
    }
    await thread.abort();
    expect(fs.statSync(file).size).toBeLessThan(200 * scans[0]!.bytes.length);
    expect(await descriptorsBackTo(before)).toBe(before);
  });

  it('closes its descriptor when the signer closes it', { skip: process.platform !== 'linux' }, async () => {
    const before = openDescriptors();
    const { thread } = await write(path.join(dir, 'closed.pdf'));
    await thread.ranges(layout);
    thread.close();
    expect(await descriptorsBackTo(before)).toBe(before);
  });

  it('reports a file it cannot open instead of hanging', async () => {
    const thread = writerThread(path.join(dir, 'no-such-folder', 'x.pdf'));
    thread.push(chunks[0]!);
    await expect(thread.end(false)).rejects.toThrow(/ENOENT/);
    await thread.abort();
  });
});
