// One overwrite pass and the verification read on a 1 GiB disk image (issue 6 item 11), against
// `dd if=/dev/zero of=<image> bs=4M conv=notrunc,fsync` and `cat <image> > /dev/null` on the same file,
// interleaved round by round so both sides see the same disk and the same page cache. Printed, never
// asserted. Dropping the page cache needs root (/proc/sys/vm/drop_caches), which the bench does not
// assume: on a machine with more memory than the image, both reads are warm, and the figures say so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { overwriteRange, WIPE_BUFFER_BYTES } from '../src/core/media/sanitize/overwrite';
import { verifyFull } from '../src/core/media/sanitize/verify';

const GIB = 1 << 30;
const MIB = 1 << 20;
const ROUNDS = 5;

const mbps = (bytes: number, seconds: number) => bytes / MIB / seconds;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function shell(cmd: string): number {
  const t = performance.now();
  const r = spawnSync('sh', ['-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  return (performance.now() - t) / 1000;
}

/** Our pass as media.wipe runs it: positional writes, fsync at each 128 MiB checkpoint and at the end. */
async function ourPass(image: string, bufferBytes: number): Promise<number> {
  const fd = fs.openSync(image, 'r+');
  const t = performance.now();
  try {
    await overwriteRange({ fd, byte: 0, from: 0, end: GIB, signal: new AbortController().signal, checkpoint: () => undefined, progress: () => undefined, bufferBytes });
  } finally {
    fs.closeSync(fd);
  }
  return (performance.now() - t) / 1000;
}

async function ourVerify(image: string): Promise<number> {
  const fd = fs.openSync(image, 'r');
  const t = performance.now();
  try {
    const outcome = await verifyFull(fd, GIB, 0, new AbortController().signal, () => undefined);
    if (!outcome.isVerified) throw new Error(outcome.detail);
  } finally {
    fs.closeSync(fd);
  }
  return (performance.now() - t) / 1000;
}

function canDropCaches(): boolean {
  try {
    fs.accessSync('/proc/sys/vm/drop_caches', fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function benchWipe(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wipe-'));
  const image = path.join(dir, 'medium.img');
  try {
    shell(`dd if=/dev/zero of=${image} bs=4M count=256 conv=fsync status=none`);
    const drop = canDropCaches();
    console.log(`1 GiB 镜像：${image}；页缓存${drop ? '每次读前清空' : '无法清空（需要 root 写 /proc/sys/vm/drop_caches），读取两侧都是热缓存'}`);
    // Other work on the machine moves both sides' figures; the load says how quiet the run was.
    console.log(`开始时负载（1/5/15 分钟）：${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}，CPU ${os.cpus().length} 个`);

    const sizes = [WIPE_BUFFER_BYTES, 8 * MIB, 16 * MIB].filter((v, i, a) => a.indexOf(v) === i);
    const dd: number[] = [];
    const ours = new Map<number, number[]>(sizes.map((s) => [s, []]));
    // The order turns each round, so no side always runs right after another's writeback.
    const sides: (number | 'dd')[] = ['dd', ...sizes];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < sides.length; i++) {
        const side = sides[(i + round) % sides.length]!;
        if (side === 'dd') dd.push(shell(`dd if=/dev/zero of=${image} bs=4M count=256 conv=notrunc,fsync status=none`));
        else ours.get(side)!.push(await ourPass(image, side));
      }
    }
    const ddMbps = mbps(GIB, median(dd));
    console.log(`覆写一遍（${ROUNDS} 轮交替，取中位数）`);
    console.log(`  dd bs=4M conv=notrunc,fsync      ${ddMbps.toFixed(0).padStart(6)} MB/s`);
    for (const size of sizes) {
      const ourMbps = mbps(GIB, median(ours.get(size)!));
      console.log(`  本软件 ${String(size / MIB).padStart(2)} MiB 缓冲${size === WIPE_BUFFER_BYTES ? '（采用）' : '      '}   ${ourMbps.toFixed(0).padStart(6)} MB/s  比值 ${(ourMbps / ddMbps).toFixed(2)}（目标 ≥ 0.90）`);
    }

    const cat: number[] = [];
    const verify: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (drop) shell('sync; echo 3 > /proc/sys/vm/drop_caches');
      cat.push(shell(`cat ${image} > /dev/null`));
      if (drop) shell('sync; echo 3 > /proc/sys/vm/drop_caches');
      verify.push(await ourVerify(image));
    }
    const catMbps = mbps(GIB, median(cat));
    const verifyMbps = mbps(GIB, median(verify));
    console.log(`回读校验（${ROUNDS} 轮交替，取中位数${drop ? '' : '，热缓存'}；结束时负载 ${os.loadavg()[0]!.toFixed(2)}）`);
    console.log(`  cat > /dev/null                  ${catMbps.toFixed(0).padStart(6)} MB/s`);
    console.log(`  本软件全盘回读比对               ${verifyMbps.toFixed(0).padStart(6)} MB/s  比值 ${(verifyMbps / catMbps).toFixed(2)}（目标 ≥ 0.90）`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
