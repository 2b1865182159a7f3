import { Worker } from 'node:worker_threads';
import type { RangeHasher, SignatureLayout } from '../sign/rangeHash';
import { HASHING_THREAD_SOURCE, WRITING_THREAD_SOURCE } from './writerThreadSources';

/**
 * Bytes the writer does not hold: `length` bytes of a file (a scan JPEG in the store), to go into
 * the PDF as they are. pdfkit's output carries it in place of the bytes (jpegXObject.ts).
 */
export class FileSegment {
  constructor(
    readonly path: string,
    readonly length: number,
  ) {}
}

export type SinkChunk = Uint8Array | FileSegment;

/**
 * Writes a PDF on a worker thread and hashes it on another as it is written (decisions 0018, 0019).
 * pdfkit's chunks come from the main thread a few pages at a time; a scan's bytes are read from its
 * file by the writing thread into a ring of shared buffers, and the hashing thread hashes each buffer
 * while the writing thread writes it: the bytes are read once, never copied between threads, and the
 * SHA-256 (~0.35–0.5 s of 380 MB here) no longer waits for the writes (~0.35 s) or they for it.
 * Before decision 0018 each scan was read into a new buffer on the main thread, passed through
 * pdfkit's Readable and a file stream, and read back by a second thread to be hashed.
 *
 * The signature's ByteRange is filled in after writing, in the document's last objects: the writing
 * thread stops handing bytes to the hasher at `hold()` (the writer calls it before the signature
 * placeholder is drawn), and the hasher reads the short rest back from the file when the signer asks
 * for the hashes. The writing thread asks the disk for write-back every 32 MiB written, so the
 * signer's fsync waits only for the last stretch. (Asked for by the calling thread, as before
 * decision 0020, the requests waited for its event loop, busy drawing pages: in one compile three
 * fdatasyncs covered 380 MB, with 0.4 s between two, and the signer's fsync waited 0.1–0.15 s.)
 *
 * The workers are plain JavaScript given as source (writerThreadSources.ts), so the core needs no
 * separate bundled file.
 */

/**
 * The ring both threads share: SLOTS buffers of SLOT_BYTES, with the counts in CONTROL. 16 MiB, so
 * that the writing thread, the faster one, stays far enough ahead that the hashing thread never
 * waits for it when the two cores are shared by three threads (with 4 MiB both waited for each other
 * a third of the time: a compile took 0.05–0.08 s longer).
 */
const SLOTS = 32;
const SLOT_BYTES = 512 * 1024;
export interface WriterThread extends RangeHasher {
  /** Queues a chunk pdfkit pushed, or a file segment; sent by the next `flush`. */
  push(chunk: SinkChunk): void;
  /**
   * Sends what is queued once `batchBytes` have gathered, then waits while more than `aheadBytes`
   * of chunks (memory; a file segment holds none) wait for the thread. Rejects with its write error.
   */
  flush(options: { batchBytes: number; aheadBytes: number }): Promise<void>;
  /** From here on the thread writes without hashing: the signature placeholder follows. */
  hold(): void;
  /** Sends the rest and waits until it is written (and fsynced if asked); resolves with the file's size. */
  end(sync: boolean): Promise<number>;
  /** Closes the file and waits for the thread to end, so that the file can be removed. */
  abort(): Promise<void>;
  /** The write-back requests the writing thread had made, and seen completed, when it ended. */
  readonly writeBacks: { requested: number; completed: number };
}

/** 32 MiB: how much written data may wait for the disk before the writing thread asks for its write-back. */
const FLUSH_BYTES = 32 << 20;

/** A writer thread appending to `path`, which must exist and be empty (the caller created it exclusively), and its hasher. */
export function writerThread(path: string, { writeBackBytes = FLUSH_BYTES } = {}): WriterThread {
  const control = new SharedArrayBuffer(3 * 4);
  const workerData = { path, control, lengths: new SharedArrayBuffer(SLOTS * 4), ring: new SharedArrayBuffer(SLOTS * SLOT_BYTES), slotBytes: SLOT_BYTES, flushBytes: writeBackBytes };
  const worker = new Worker(WRITING_THREAD_SOURCE, { eval: true, workerData });
  const hasher = new Worker(HASHING_THREAD_SOURCE, { eval: true, workerData });
  let queued: SinkChunk[] = [];
  let small: Uint8Array[] = [];
  let queuedBytes = 0;
  let queuedMemory = 0;
  let sentMemory = 0;
  let writtenMemory = 0;
  let failure: Error | null = null;
  let closed = false;
  const exited = Promise.all([worker, hasher].map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve()))));
  let wake: (() => void) | null = null;
  let waiting: { type: string; resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null;

  const fail = (error: Error) => {
    failure ??= error;
    wake?.();
    waiting?.reject(failure);
    waiting = null;
  };
  const writeBacks = { requested: 0, completed: 0 };
  const onMessage = (m: { type: string; bytes?: number; memory?: number; message?: string; code?: string; digest?: Uint8Array; sha256?: string; writeBacks?: typeof writeBacks }) => {
    if (m.writeBacks) Object.assign(writeBacks, m.writeBacks);
    if (m.type === 'written') {
      writtenMemory = m.memory!;
      wake?.();
    } else if (m.type === 'error') {
      fail(Object.assign(new Error(m.message), { code: m.code }));
    } else if (waiting?.type === m.type) {
      const w = waiting;
      waiting = null;
      w.resolve(m.type === 'ranges' ? Buffer.from(m.digest!) : m.type === 'file' ? m.sha256 : m.bytes);
    }
  };
  for (const w of [worker, hasher]) {
    w.on('message', onMessage);
    w.on('error', (error) => fail(error));
    w.on('exit', () => {
      if (!closed) fail(new Error('写入 PDF 的线程意外退出。'));
    });
  }

  const gather = () => {
    if (small.length) queued.push(small.length === 1 ? small[0]! : Buffer.concat(small));
    small = [];
  };
  const send = () => {
    gather();
    if (queued.length) worker.postMessage({ type: 'write', items: queued });
    sentMemory += queuedMemory;
    queued = [];
    queuedBytes = 0;
    queuedMemory = 0;
  };
  const ask = <T>(to: Worker, type: string, message: object = {}): Promise<T> => {
    if (failure) return Promise.reject(failure);
    if (waiting) return Promise.reject(new Error(`${type} while ${waiting.type} is pending`));
    return new Promise<T>((resolve, reject) => {
      waiting = { type, resolve: resolve as (value: unknown) => void, reject };
      to.postMessage({ type, ...message });
    });
  };

  return {
    writeBacks,
    push(chunk) {
      if (chunk instanceof FileSegment) {
        gather();
        queued.push(chunk);
      } else {
        small.push(chunk);
        queuedMemory += chunk.length;
      }
      queuedBytes += chunk.length;
    },
    async flush({ batchBytes, aheadBytes }) {
      if (failure) throw failure;
      if (queuedBytes >= batchBytes) {
        send();
        // A turn of the event loop, so that the thread's progress (for the wait below) arrives while
        // this thread runs ahead (awaiting settled promises alone never lets messages in).
        await new Promise((resolve) => setImmediate(resolve));
      }
      while (sentMemory - writtenMemory > aheadBytes && !failure) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (failure) throw failure;
    },
    hold() {
      send();
      worker.postMessage({ type: 'hold' });
    },
    end(sync) {
      send();
      return ask<number>(worker, 'end', { sync });
    },
    ranges: (layout: SignatureLayout) => ask<Buffer>(hasher, 'ranges', { layout: { ...layout, rangeBytes: new Uint8Array(layout.rangeBytes) } }),
    file: (contents: Buffer) => ask<string>(hasher, 'file', { contents: new Uint8Array(contents) }),
    close() {
      if (closed) return;
      closed = true;
      // Stops the threads' waits on each other (a hasher still waiting for bytes after a failure).
      const words = new Int32Array(control);
      Atomics.store(words, 0, 1);
      Atomics.notify(words, 1);
      Atomics.notify(words, 2);
      worker.postMessage({ type: 'close' });
      hasher.postMessage({ type: 'close' });
    },
    async abort() {
      this.close();
      await exited;
    },
  };
}
