import { Worker } from 'node:worker_threads';
import type { RangeHasher, SignatureLayout } from './rangeHash';

/**
 * Hashes a file while it is still being written, on a worker thread that reads behind the writer
 * (decision 0017). SHA-256 of a 380 MB scan record took ~0.4 s after the writer had finished; on a
 * second core it runs during the writing, so the signer finds the hash almost done. It stays
 * `lagBytes` behind what the writer reports written: the ByteRange the signer fills in later sits
 * in the file's last object (placeholder.ts), and the hash must not have passed it. Should it have
 * (a tail longer than the lag), the worker starts again from the beginning; the result is the same.
 *
 * Hashing on the writer's own thread was measured slower (it delayed the pages), and handing the
 * worker copies of the written chunks cost memory; reading the file back from the page cache costs
 * neither.
 *
 * The worker is plain JavaScript given as source, so the core needs no separate bundled file.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const CHUNK = 1 << 20;
const buffer = Buffer.allocUnsafe(CHUNK);
// r+: Windows flushes only through a handle that may write.
const fd = fs.openSync(workerData.path, 'r+');
let hash = createHash('sha256');
let hashed = 0;
let flushedTo = 0;
let flushing = false;
let fileHash = null;
let layout = null;

function feed(target, from, end, patch) {
  let position = from;
  while (position < end) {
    const n = fs.readSync(fd, buffer, 0, Math.min(CHUNK, end - position), position);
    if (n === 0) throw new Error('文件在读取过程中变短了，可能正被其他程序修改。');
    let chunk = buffer.subarray(0, n);
    if (patch && patch.offset < position + n && patch.offset + patch.bytes.length > position) {
      chunk = Buffer.from(chunk);
      for (let i = 0; i < patch.bytes.length; i++) {
        const at = patch.offset + i - position;
        if (at >= 0 && at < n) chunk[at] = patch.bytes[i];
      }
    }
    target.update(chunk);
    position += n;
  }
  return position;
}

parentPort.on('message', (m) => {
  try {
    if (m.type === 'close') {
      // Descriptors belong to the process, not the thread: close it before the thread ends.
      fs.closeSync(fd);
      parentPort.close();
    } else if (m.type === 'written') {
      const end = m.bytes - workerData.lagBytes;
      if (end > hashed) hashed = feed(hash, hashed, end, null);
      // Start the disk's write-back of what is written so far; the signer's fsync then waits for
      // the last stretch only. Errors are the signer's fsync's to report.
      if (!flushing && m.bytes - flushedTo >= workerData.flushBytes) {
        flushing = true;
        flushedTo = m.bytes;
        fs.fdatasync(fd, () => (flushing = false));
      }
    } else if (m.type === 'ranges') {
      layout = m.layout;
      if (hashed > layout.placeholderOffset) {
        hash = createHash('sha256');
        hashed = 0;
      }
      hashed = feed(hash, hashed, layout.contentsStart, { offset: layout.placeholderOffset, bytes: Buffer.from(layout.rangeBytes) });
      fileHash = hash.copy();
      feed(hash, layout.contentsEnd, layout.size, null);
      parentPort.postMessage({ type: 'ranges', digest: hash.digest() });
    } else if (m.type === 'file') {
      fileHash.update('<').update(Buffer.from(m.contents)).update('>');
      feed(fileHash, layout.contentsEnd, layout.size, null);
      parentPort.postMessage({ type: 'file', sha256: fileHash.digest('hex') });
    }
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: error && error.message ? error.message : String(error) });
  }
});
`;

export interface FollowingHasher extends RangeHasher {
  /** The writer has this many bytes in the file (not merely buffered). */
  written(bytes: number): void;
}

/** 4 MiB: well past the signature dictionary (~66 KB) and the xref of tens of thousands of objects. */
export const DEFAULT_LAG_BYTES = 4 << 20;

const POST_EVERY_BYTES = 4 << 20;
/** How much written data may wait for the disk before the worker asks for its write-back. */
const FLUSH_BYTES = 32 << 20;

export function followingHash(path: string, lagBytes = DEFAULT_LAG_BYTES): FollowingHasher {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, lagBytes, flushBytes: FLUSH_BYTES } });
  // Never what keeps the process alive; close() lets it end once its descriptor is closed.
  worker.unref();
  let waiting: { type: string; resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null;
  let failure: Error | null = null;
  let closed = false;
  let posted = 0;
  const fail = (error: Error) => {
    failure ??= error;
    worker.unref();
    waiting?.reject(error);
    waiting = null;
  };
  worker.on('message', (m: { type: string; message?: string; digest?: Uint8Array; sha256?: string }) => {
    if (m.type === 'error') return fail(new Error(`签章前计算摘要失败：${m.message}`));
    if (waiting?.type === m.type) {
      const w = waiting;
      waiting = null;
      worker.unref();
      w.resolve(m.type === 'ranges' ? Buffer.from(m.digest!) : m.sha256);
    }
  });
  worker.on('error', (error) => fail(new Error(`签章前计算摘要失败：${error.message}`)));
  worker.on('exit', () => {
    if (!closed) fail(new Error('签章前计算摘要的线程意外退出。'));
  });
  const ask = <T>(type: string, message: object): Promise<T> => {
    if (failure) return Promise.reject(failure);
    if (waiting) return Promise.reject(new Error(`${type} while ${waiting.type} is pending`));
    return new Promise<T>((resolve, reject) => {
      waiting = { type, resolve: resolve as (value: unknown) => void, reject };
      // While an answer is awaited the worker is what the process waits for.
      worker.ref();
      worker.postMessage({ type, ...message });
    });
  };
  return {
    written(bytes) {
      // A message per 4 MiB is enough to keep it close behind; ranges() catches up with the rest.
      if (failure || closed || bytes - posted < POST_EVERY_BYTES) return;
      posted = bytes;
      worker.postMessage({ type: 'written', bytes });
    },
    ranges: (layout: SignatureLayout) => ask<Buffer>('ranges', { layout: { ...layout, rangeBytes: new Uint8Array(layout.rangeBytes) } }),
    file: (contents: Buffer) => ask<string>('file', { contents: new Uint8Array(contents) }),
    close() {
      if (closed) return;
      closed = true;
      worker.postMessage({ type: 'close' });
    },
  };
}
