import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { hashRange } from './fileIo';
import { createUnitIdentity, openSigner } from './identity';
import { passphraseProtector } from './keyProtection';
import { addCertificationPlaceholder } from './placeholder';
import { signPdfInPlace } from './signInPlace';
import { verifyCertifiedPdf } from './verify';

/**
 * Measures signing and verifying by streaming against `openssl dgst -sha256` of the same file
 * (issue 3 item 12: signing throughput target ≥ 0.8 × openssl; Node's crypto uses the same
 * OpenSSL). Wired into `npm run bench` by the lead; prints one line per measurement.
 */
export interface BenchSignOptions {
  /** File sizes to measure, in MB. Default [512]. */
  sizesMb?: number[];
  dir?: string;
  log?: (line: string) => void;
}

export interface BenchSignRow {
  sizeMb: number;
  signSeconds: number;
  signMbPerSecond: number;
  verifySeconds: number;
  verifyMbPerSecond: number;
  opensslSeconds: number | null;
  opensslMbPerSecond: number | null;
  /** Node's SHA-256 of the file alone, streamed the same way: the floor for both. */
  nodeHashMbPerSecond: number;
  /** RSS growth while signing and verifying: what the file's size must not show up in. */
  rssGrowthMb: number;
}

export async function benchSign(options: BenchSignOptions = {}): Promise<BenchSignRow[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-sign-'));
  const protector = passphraseProtector('bench-passphrase', { logN: 14 });
  const identity = await createUnitIdentity({ unitName: '南通市烟草专卖局' }, protector);
  const signer = openSigner(identity, protector);
  const rows: BenchSignRow[] = [];
  try {
    for (const sizeMb of options.sizesMb ?? [512]) {
      const file = path.join(dir, `bench-${sizeMb}mb.pdf`);
      const bytes = await writeLargePdf(file, sizeMb * 2 ** 20);
      const mb = bytes / 2 ** 20;
      // Warm the page cache once so that every contender below reads from memory alike.
      const nodeHash = await timed(() => hashFile(file));
      const openssl = timedSync(() => spawnSync('openssl', ['dgst', '-sha256', file], { encoding: 'utf8' }));
      const opensslOk = !openssl.value.error && openssl.value.status === 0;
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const sign = await timed(() => signPdfInPlace(file, signer, { readOnly: false }));
      const verify = await timed(() => verifyCertifiedPdf(file, [identity.certificateDer]));
      clearInterval(timer);
      if (!verify.value.isValid) throw new Error(`bench file failed verification: ${verify.value.reasons.join('; ')}`);
      const row: BenchSignRow = {
        sizeMb: Math.round(mb),
        signSeconds: sign.seconds,
        signMbPerSecond: mb / sign.seconds,
        verifySeconds: verify.seconds,
        verifyMbPerSecond: mb / verify.seconds,
        opensslSeconds: opensslOk ? openssl.seconds : null,
        opensslMbPerSecond: opensslOk ? mb / openssl.seconds : null,
        nodeHashMbPerSecond: mb / nodeHash.seconds,
        rssGrowthMb: Math.round((peak - before) / 2 ** 20),
      };
      rows.push(row);
      const ratio = row.opensslMbPerSecond ? ` = ${(row.signMbPerSecond / row.opensslMbPerSecond).toFixed(2)} × openssl (target ≥ 0.80)` : '';
      log(
        `sign ${row.sizeMb} MB in place: ${row.signSeconds.toFixed(2)} s, ${row.signMbPerSecond.toFixed(0)} MB/s${ratio}; ` +
          `openssl dgst -sha256: ${row.opensslSeconds?.toFixed(2) ?? 'n/a'} s, ${row.opensslMbPerSecond?.toFixed(0) ?? 'n/a'} MB/s; ` +
          `node sha256 stream: ${row.nodeHashMbPerSecond.toFixed(0)} MB/s; verify: ${row.verifySeconds.toFixed(2)} s, ${row.verifyMbPerSecond.toFixed(0)} MB/s; RSS growth ${row.rssGrowthMb} MB`,
      );
      fs.rmSync(file, { force: true });
    }
  } finally {
    if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * A certifiable PDF of about `targetBytes`: pages of one ~4 MB noise JPEG (embedded again on every
 * page, as pdfkit does with a Buffer), written with backpressure so the generator stays small too.
 */
export async function writeLargePdf(file: string, targetBytes: number): Promise<number> {
  const jpeg = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .jpeg({ quality: 95 })
    .toBuffer();
  const doc = new PDFDocument({ pdfVersion: '1.7', autoFirstPage: false, font: null as unknown as string });
  // flush: fsync before close, as the record writer does, so that signing does not pay for flushing
  // the generator's dirty pages.
  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20, flush: true });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  doc.pipe(out as Writable);
  const pages = Math.max(1, Math.round(targetBytes / jpeg.length));
  for (let i = 0; i < pages; i++) {
    doc.addPage({ size: [480, 480], margin: 0 });
    doc.image(jpeg, 0, 0, { width: 480, height: 480 });
    // pdfkit ignores backpressure (PDF.md): wait while its buffer and the file stream hold > 16 MB.
    while (doc.readableLength + out.writableLength > 16 << 20) await new Promise((resolve) => setImmediate(resolve));
  }
  addCertificationPlaceholder(doc, { reason: '性能测试', location: '测试', name: '南通市烟草专卖局', signingTime: new Date() });
  doc.end();
  await closed;
  return fs.statSync(file).size;
}

async function hashFile(file: string): Promise<string> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const hash = createHash('sha256');
    await hashRange(fh, 0, (await fh.stat()).size, [hash]);
    return hash.digest('hex');
  } finally {
    await fh.close();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

function timedSync<T>(fn: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}
