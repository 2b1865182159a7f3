import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { throwIfCancelled } from '../../jobs/jobs';
import { SAMPLE_REGION_BYTES, sampleRegions, type VerifyOutcome } from './verify';

/** A region read before the drive's sanitize: only its SHA-256 is kept, never the data. */
export interface RegionBefore {
  region: number;
  sha256: string;
  /** The region held one byte value throughout (blank space): it cannot show whether the drive erased it. */
  isUniform: boolean;
}

async function readRegion(fd: number, size: number, region: number, buf: Buffer): Promise<Buffer> {
  const from = region * SAMPLE_REGION_BYTES;
  const length = Math.min(SAMPLE_REGION_BYTES, size - from);
  const n = await new Promise<number>((resolve, reject) => fs.read(fd, buf, 0, length, from, (e, read) => (e ? reject(e) : resolve(read))));
  return buf.subarray(0, n);
}

const isUniform = (b: Buffer) => b.length > 0 && b.every((x) => x === b[0]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Which regions to read: all of them for full verification, else NIST SP 800-88 §4.7.3 sampling. */
export function regionsFor(size: number, verification: 'full' | 'sample'): number[] {
  return verification === 'full' ? Array.from({ length: Math.ceil(size / SAMPLE_REGION_BYTES) }, (_, i) => i) : sampleRegions(size);
}

export async function hashRegions(fd: number, size: number, regions: number[], signal: AbortSignal, progress: (done: number) => void): Promise<RegionBefore[]> {
  const buf = Buffer.allocUnsafe(SAMPLE_REGION_BYTES);
  const out: RegionBefore[] = [];
  let done = 0;
  for (const region of regions) {
    throwIfCancelled(signal);
    const data = await readRegion(fd, size, region, buf);
    out.push({ region, sha256: sha(data), isUniform: isUniform(data) });
    progress((done += data.length));
  }
  return out;
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * After the drive reports its sanitize done (NIST SP 800-88 Rev. 1 §4.7.3): the same regions are read
 * again. The drive decides what erased blocks read as (zeros, ones, a vendor pattern, or random-looking
 * data after a crypto erase), so what was read is recorded rather than expected; the check is that no
 * region that held data before still holds exactly that data.
 */
export async function verifyChanged(fd: number, size: number, before: RegionBefore[], signal: AbortSignal, progress: (done: number) => void): Promise<VerifyOutcome> {
  const buf = Buffer.allocUnsafe(SAMPLE_REGION_BYTES);
  const seen = new Map<string, number>();
  let done = 0;
  let unchanged: number | null = null;
  for (const b of before) {
    throwIfCancelled(signal);
    const data = await readRegion(fd, size, b.region, buf);
    done += data.length;
    progress(done);
    const kind = isUniform(data) ? `全为 ${hex(data[0]!)}` : '非单一值（驱动器的图案或密码擦除后的随机数据）';
    seen.set(kind, (seen.get(kind) ?? 0) + 1);
    if (!b.isUniform && sha(data) === b.sha256 && unchanged === null) unchanged = b.region * SAMPLE_REGION_BYTES;
  }
  const blank = before.filter((b) => b.isUniform).length;
  const count = Math.ceil(size / SAMPLE_REGION_BYTES);
  const how = before.length === count ? '全盘逐区段' : '按 NIST SP 800-88 §4.7.3 抽样';
  const read = `${how}回读 ${before.length} 个 1 MiB 区段（共 ${count} 个，${(done / 1048576).toFixed(1)} MiB），读到：${[...seen].map(([k, n]) => `${k} ${n} 个`).join('，')}`;
  const blankNote = blank ? `；其中 ${blank} 个区段清除前即为单一字节值，不能据以判断` : '';
  if (unchanged !== null) {
    return {
      isVerified: false,
      bytesRead: done,
      firstMismatch: unchanged,
      detail: `驱动器报告清除完成，但${read}；偏移 ${unchanged} 处的区段与清除前读到的内容完全相同（SHA-256 一致），校验未通过：驱动器的擦除未生效，请交付销毁。`,
    };
  }
  if (blank === before.length) {
    return { isVerified: false, bytesRead: done, firstMismatch: null, detail: `驱动器报告清除完成；${read}，但所读区段清除前均为单一字节值，无法证明擦除生效，校验未通过。请改用全盘回读复核。` };
  }
  return {
    isVerified: true,
    bytesRead: done,
    firstMismatch: null,
    detail: `驱动器报告清除完成后${read}；与清除前在相同偏移读取并只保留 SHA-256 摘要的内容相比，没有一个区段仍是原内容${blankNote}，校验通过。`,
  };
}
