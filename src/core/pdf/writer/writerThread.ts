import { Worker } from 'node:worker_threads';
import type { RangeHasher, SignatureLayout } from '../sign/rangeHash';

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
 * The workers are plain JavaScript given as source, so the core needs no separate bundled file.
 */

/**
 * The ring both threads share: SLOTS buffers of SLOT_BYTES, with the counts in CONTROL. 16 MiB, so
 * that the writing thread, the faster one, stays far enough ahead that the hashing thread never
 * waits for it when the two cores are shared by three threads (with 4 MiB both waited for each other
 * a third of the time: a compile took 0.05–0.08 s longer).
 */
const SLOTS = 32;
const SLOT_BYTES = 512 * 1024;
/** CONTROL's words: [cancel, published, consumed]. `published` carries HELD once nothing more comes. */
const RING_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const CANCEL = 0, PUBLISHED = 1, CONSUMED = 2, HELD = 0x40000000, COUNT = HELD - 1;
const control = new Int32Array(workerData.control);
const lengths = new Int32Array(workerData.lengths);
const SLOTS = lengths.length;
const slots = Array.from({ length: SLOTS }, (_, i) => Buffer.from(workerData.ring, i * workerData.slotBytes, workerData.slotBytes));
const cancelled = () => Atomics.load(control, CANCEL) !== 0;
/** The PDF file, once opened by the thread. */
let fd = null;
/**
 * Handles the messages in order, one per turn of the event loop, so that libuv's callbacks (the
 * write-back requests') run between batches: Node hands a thread all its waiting messages at once.
 * 'close' closes the file first (descriptors belong to the process, not the thread). An error is
 * reported to the calling thread after onError.
 */
function serve(handle, onError, onClose) {
  const queue = [];
  let scheduled = false;
  const next = () => {
    const m = queue.shift();
    try {
      if (m.type === 'close') {
        queue.length = 0;
        if (onClose) onClose();
        if (fd !== null) fs.closeSync(fd);
        fd = null;
        parentPort.close();
        return;
      }
      handle(m);
    } catch (error) {
      onError(error);
      parentPort.postMessage({ type: 'error', message: error && error.message ? error.message : String(error), code: error && error.code });
    } finally {
      scheduled = queue.length > 0;
      if (scheduled) setImmediate(next);
    }
  };
  parentPort.on('message', (m) => {
    queue.push(m);
    if (!scheduled) {
      scheduled = true;
      setImmediate(next);
    }
  });
}
`;
const WRITER_SOURCE = String.raw`
// r+: the file exists (created exclusively by the caller); Windows flushes only through a handle that may write.
fd = fs.openSync(workerData.path, 'r+');
let position = 0;
let published = 0;
let holding = false;
let failed = false;
let memory = 0;

/** The next slot, once the hasher has taken what was in it; null when cancelled. */
function freeSlot() {
  for (;;) {
    if (cancelled()) return null;
    const consumed = Atomics.load(control, CONSUMED);
    if (published - consumed < SLOTS) return slots[published % SLOTS];
    // Timed, so that a cancel set between the check and the wait is still seen.
    Atomics.wait(control, CONSUMED, consumed, 100);
  }
}

function publish(n) {
  lengths[published % SLOTS] = n;
  published++;
  Atomics.store(control, PUBLISHED, published);
  Atomics.notify(control, PUBLISHED);
}

/** Nothing more is hashed from memory: the rest the hasher reads from the file. */
function hold() {
  if (holding) return;
  holding = true;
  Atomics.store(control, PUBLISHED, published | HELD);
  Atomics.notify(control, PUBLISHED);
}

function writeOut(bytes) {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
  position += bytes.length;
  requestWriteBack();
}

/**
 * Asks the disk to write back what was written, every FLUSH_BYTES, on libuv's pool: the fdatasync
 * is queued at once although this thread, busy with its writes, runs the callbacks only between
 * batches. Two may wait at once, so write-back never pauses while one waits for the disk. Its own
 * descriptor, closed once none is pending, so that no request ever meets a closed or reused one.
 */
let syncFd = null;
let syncing = 0;
let flushedTo = 0;
let closing = false;
const writeBacks = { requested: 0, completed: 0 };
function requestWriteBack() {
  if (position - flushedTo < workerData.flushBytes || syncing >= 2 || closing) return;
  syncFd ??= fs.openSync(workerData.path, 'r+');
  flushedTo = position;
  syncing++;
  writeBacks.requested++;
  // Errors are the final fsync's to report.
  fs.fdatasync(syncFd, () => {
    syncing--;
    writeBacks.completed++;
    closeSyncFd();
  });
}
function closeSyncFd() {
  if (closing && syncing === 0 && syncFd !== null) {
    fs.closeSync(syncFd);
    syncFd = null;
  }
}

/** A chunk pdfkit made: written, and copied into the ring for the hasher. */
function writeChunk(bytes) {
  writeOut(bytes);
  for (let at = 0; !holding && at < bytes.length; ) {
    const slot = freeSlot();
    if (!slot) return;
    const n = Math.min(slot.length, bytes.length - at);
    slot.set(bytes.subarray(at, at + n));
    publish(n);
    at += n;
  }
}

let spare = null;
function copyFile(segment) {
  const source = fs.openSync(segment.path, 'r');
  try {
    let copied = 0;
    while (copied < segment.length) {
      // Read straight into a slot: the hasher hashes it while it is written from there.
      const slot = holding ? (spare ??= Buffer.allocUnsafe(workerData.slotBytes)) : freeSlot();
      if (!slot) return;
      const n = fs.readSync(source, slot, 0, Math.min(slot.length, segment.length - copied), copied);
      if (n === 0) {
        const error = new Error('源文件比登记的短（' + copied + ' / ' + segment.length + ' 字节），可能已被修改：' + segment.path);
        error.code = 'ESHORT';
        throw error;
      }
      if (!holding) publish(n);
      writeOut(n === slot.length ? slot : slot.subarray(0, n));
      copied += n;
    }
  } finally {
    fs.closeSync(source);
  }
}

serve(
  (m) => {
    if (failed) return;
    if (m.type === 'write') {
      for (const item of m.items) {
        if (cancelled()) return;
        if (item instanceof Uint8Array) {
          writeChunk(item);
          memory += item.length;
        } else copyFile(item);
      }
      parentPort.postMessage({ type: 'written', memory });
    } else if (m.type === 'hold') {
      hold();
    } else if (m.type === 'end') {
      // A document without hold(): the hasher has all of it and starts again if it passed the ByteRange.
      hold();
      if (m.sync) fs.fsyncSync(fd);
      parentPort.postMessage({ type: 'end', bytes: position, writeBacks });
    }
  },
  () => {
    failed = true;
    // The hasher waits for bytes that will not come.
    Atomics.store(control, CANCEL, 2);
    Atomics.notify(control, PUBLISHED);
  },
  () => {
    closing = true;
    closeSyncFd();
  },
);
`;

const HASHER_SOURCE = String.raw`
const { createHash } = require('node:crypto');
let hash = createHash('sha256');
let hashed = 0;
let consumed = 0;
let fileHash = null;
let layout = null;
let buffer = null;

/** Hashes the slots as they are published until the writer holds (true) or the work is cancelled. */
function drain() {
  for (;;) {
    if (cancelled()) return false;
    const value = Atomics.load(control, PUBLISHED);
    const count = value & COUNT;
    while (consumed < count) {
      const n = lengths[consumed % SLOTS];
      hash.update(slots[consumed % SLOTS].subarray(0, n));
      hashed += n;
      consumed++;
      Atomics.store(control, CONSUMED, consumed);
      Atomics.notify(control, CONSUMED);
    }
    if (value & HELD) return true;
    Atomics.wait(control, PUBLISHED, value, 100);
  }
}

/** Hashes [from, end) as it is in the file, with the signer's patch applied; returns end. */
function feed(target, from, end, patch) {
  fd ??= fs.openSync(workerData.path, 'r');
  buffer ??= Buffer.allocUnsafe(512 * 1024);
  let at = from;
  while (at < end) {
    const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
    if (n === 0) throw new Error('文件在读取过程中变短了，可能正被其他程序修改。');
    let chunk = buffer.subarray(0, n);
    if (patch && patch.offset < at + n && patch.offset + patch.bytes.length > at) {
      chunk = Buffer.from(chunk);
      for (let i = 0; i < patch.bytes.length; i++) {
        const k = patch.offset + i - at;
        if (k >= 0 && k < n) chunk[k] = patch.bytes[i];
      }
    }
    target.update(chunk);
    at += n;
  }
  return at;
}

// Blocks this thread's messages until the writer holds: the signer asks for the hashes only after it.
const drained = drain();
serve(
  (m) => {
    if (!drained) throw new Error('写入已中止，没有可计算摘要的文件。');
    if (m.type === 'ranges') {
      layout = m.layout;
      // Should the hash have passed the ByteRange (a document written without hold()), start again.
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
  },
  () => undefined,
);
`;

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
  const worker = new Worker(RING_SOURCE + WRITER_SOURCE, { eval: true, workerData });
  const hasher = new Worker(RING_SOURCE + HASHER_SOURCE, { eval: true, workerData });
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
        // A turn of the event loop, so that the thread's progress arrives and write-back is asked for
        // while this thread runs ahead (awaiting settled promises alone never lets messages in).
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
