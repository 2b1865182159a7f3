/**
 * What runs on the writer's two threads (writerThread.ts, decisions 0018–0020), as plain JavaScript
 * source: the ring both share, the writing thread, the hashing thread. Each thread gets the ring's
 * part followed by its own. `workerData` carries the file's path, the shared control words, slot
 * lengths and ring, the slot size and how often to ask for write-back.
 */

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

export const WRITING_THREAD_SOURCE = RING_SOURCE + WRITER_SOURCE;
export const HASHING_THREAD_SOURCE = RING_SOURCE + HASHER_SOURCE;
