import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { throwIfCancelled } from '../../jobs/jobs';
import { patternBuffer } from './overwrite';

/**
 * Reads of 1 MiB, four in flight (bench/wipe.ts against cat): the buffer just read is compared while it
 * is still in the CPU cache, and the disk always has the next reads queued.
 */
const READ_BYTES = 1 << 20;

export interface VerifyOutcome {
  isVerified: boolean;
  bytesRead: number;
  /** First offset that did not hold the pattern, or null. */
  firstMismatch: number | null;
  /** In Chinese, for the result and the certificate: what was read and what it showed. */
  detail: string;
}

const readAt = (fd: number, buf: Buffer, length: number, position: number) =>
  new Promise<number>((resolve, reject) => fs.read(fd, buf, 0, length, position, (e, n) => (e ? reject(e) : resolve(n))));

const DEPTH = 4;

/** Reads [from, end) and compares it with the byte; returns the first offset that differs, or null. */
async function compareRange(fd: number, byte: number, from: number, end: number, signal: AbortSignal, onBytes: (n: number) => void): Promise<number | null> {
  const expected = patternBuffer(byte, READ_BYTES);
  let pos = from;
  const issue = (buf: Buffer) => {
    const length = Math.min(READ_BYTES, end - pos);
    const at = pos;
    pos += length;
    return readAt(fd, buf, length, at).then((n) => ({ buf, n, at, length }));
  };
  const queue: ReturnType<typeof issue>[] = [];
  for (let i = 0; i < DEPTH && pos < end; i++) queue.push(issue(Buffer.allocUnsafe(READ_BYTES)));
  const drain = () => Promise.allSettled(queue.splice(0));
  while (queue.length) {
    const { buf, n, at, length } = await queue.shift()!;
    if (signal.aborted) await drain();
    throwIfCancelled(signal);
    if (n !== length || !buf.subarray(0, n).equals(expected.subarray(0, n))) {
      await drain();
      for (let i = 0; i < n; i++) if (buf[i] !== byte) return at + i;
      return at + n;
    }
    onBytes(n);
    // The buffer just compared takes the next read.
    if (pos < end) queue.push(issue(buf));
  }
  return null;
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

export async function verifyFull(fd: number, size: number, byte: number, signal: AbortSignal, progress: (done: number) => void): Promise<VerifyOutcome> {
  let done = 0;
  const mismatch = await compareRange(fd, byte, 0, size, signal, (n) => progress((done += n)));
  return {
    isVerified: mismatch === null,
    bytesRead: done,
    firstMismatch: mismatch,
    detail:
      mismatch === null
        ? `全盘回读 ${size} 字节（${mib(size)}），每个字节均为最后一遍的 ${hex(byte)}，校验通过。`
        : `全盘回读发现偏移 ${mismatch} 处不是最后一遍的 ${hex(byte)}，校验未通过：介质可能有坏块或写入被拦截，请交付销毁。`,
  };
}

/** Sampling regions are 1 MiB: small enough that 10 % of a small card is still many places. */
export const SAMPLE_REGION_BYTES = 1 << 20;
/** NIST SP 800-88 Rev. 1 §4.7.3 leaves the fraction to the organisation; we read at least a tenth. */
export const SAMPLE_FRACTION = 0.1;

/**
 * NIST SP 800-88 Rev. 1 §4.7.3 sampling: locations chosen pseudorandomly anew each time (so a tool
 * that skips fixed places is caught), spread over the whole addressable space, always including the
 * first and the last region, together covering at least a tenth of the medium.
 */
export function sampleRegions(size: number, pick: (max: number) => number = randomInt): number[] {
  const count = Math.ceil(size / SAMPLE_REGION_BYTES);
  const want = Math.min(count, Math.max(2, Math.ceil(count * SAMPLE_FRACTION)));
  const chosen = new Set<number>([0, count - 1]);
  // Stratified: one pseudorandom region from each of `want` equal strata, so the sample spans the medium.
  for (let s = 0; chosen.size < want && s < want; s++) {
    const lo = Math.floor((s * count) / want);
    const hi = Math.max(lo + 1, Math.floor(((s + 1) * count) / want));
    chosen.add(lo + pick(hi - lo));
  }
  for (let r = 0; chosen.size < want; r++) chosen.add(r);
  return [...chosen].sort((a, b) => a - b);
}

export async function verifySample(fd: number, size: number, byte: number, signal: AbortSignal, progress: (done: number) => void): Promise<VerifyOutcome> {
  const regions = sampleRegions(size);
  let done = 0;
  for (const r of regions) {
    const from = r * SAMPLE_REGION_BYTES;
    const end = Math.min(size, from + SAMPLE_REGION_BYTES);
    const mismatch = await compareRange(fd, byte, from, end, signal, (n) => progress((done += n)));
    if (mismatch !== null) {
      return {
        isVerified: false,
        bytesRead: done,
        firstMismatch: mismatch,
        detail: `抽样回读发现偏移 ${mismatch} 处不是最后一遍的 ${hex(byte)}，校验未通过：请改用全盘回读复核，或交付销毁。`,
      };
    }
  }
  const share = ((done / size) * 100).toFixed(1);
  return {
    isVerified: true,
    bytesRead: done,
    firstMismatch: null,
    detail: `按 NIST SP 800-88 §4.7.3 抽样回读：全盘分为 ${Math.ceil(size / SAMPLE_REGION_BYTES)} 个 1 MiB 区段，读取首末区段及分层伪随机选取的共 ${regions.length} 个区段（${mib(done)}，占 ${share}%），每个字节均为最后一遍的 ${hex(byte)}，校验通过。`,
  };
}
