import fs from 'node:fs';
import { throwIfCancelled } from '../../jobs/jobs';

/**
 * 4 MiB per write, measured against dd bs=4M on a 1 GiB image (bench/wipe.ts, rounds in turning order):
 * 4 and 8 MiB were within the run-to-run noise of each other and at or above dd; 16 MiB was behind in
 * every run. A multiple of 4 KiB, so every write on a block device stays sector-aligned.
 */
export const WIPE_BUFFER_BYTES = 4 << 20;
/**
 * Writes in flight at once: two let the kernel copy one buffer while the next is queued; more gained
 * nothing in the bench. The buffer is never modified while in flight (it is the pattern).
 */
const DEPTH = 2;
/** A checkpoint (fsync, then the row in wipe_runs) every 128 MiB: at most that much is redone after a crash. */
export const CHECKPOINT_BYTES = 128 << 20;

/**
 * Called after each checkpoint with the offset just made durable. Tests stop a run at a known point
 * through it (a thrown error is a crash after N bytes; awaiting a cancel is a cancel there); null in use.
 */
let afterCheckpoint: ((doneUpTo: number) => void | Promise<void>) | null = null;

export function setAfterCheckpoint(hook: typeof afterCheckpoint): void {
  afterCheckpoint = hook;
}

export function patternBuffer(byte: number, size = WIPE_BUFFER_BYTES): Buffer {
  return Buffer.alloc(size, byte);
}

const writeAt = (fd: number, buf: Buffer, length: number, position: number) =>
  new Promise<void>((resolve, reject) => {
    fs.write(fd, buf, 0, length, position, (error, written) => {
      if (error) reject(error);
      else if (written !== length) reject(new Error(`short write at ${position}: ${written} of ${length}`));
      else resolve();
    });
  });

const fsyncFd = (fd: number) => new Promise<void>((resolve, reject) => fs.fsync(fd, (e) => (e ? reject(e) : resolve())));

export interface OverwriteRange {
  fd: number;
  byte: number;
  /** Bytes [from, end) of the target are written. */
  from: number;
  end: number;
  signal: AbortSignal;
  /** After each fsync: the offset up to which the pattern is durably on the medium. */
  checkpoint(doneUpTo: number): void;
  progress(doneUpTo: number): void;
  checkpointBytes?: number;
  /** The bench compares sizes with it; the wipe uses WIPE_BUFFER_BYTES. */
  bufferBytes?: number;
}

/**
 * Writes one pass of a fixed byte over a range with positional writes (the file position is never
 * shared), fsyncs at each checkpoint and at the end, and only then reports the checkpoint, so what
 * wipe_runs says is done is on the medium. A cancel stops at the next buffer, after a last fsync and
 * checkpoint, so the run is resumable from there.
 */
export async function overwriteRange(r: OverwriteRange): Promise<void> {
  const buf = patternBuffer(r.byte, r.bufferBytes);
  const every = r.checkpointBytes ?? CHECKPOINT_BYTES;
  let pos = r.from;
  let nextCheckpoint = r.from + every;
  const inFlight = new Set<Promise<void>>();
  const settle = async () => {
    await Promise.all(inFlight);
    inFlight.clear();
  };
  try {
    while (pos < r.end) {
      if (r.signal.aborted) break;
      const length = Math.min(buf.length, r.end - pos);
      const p = writeAt(r.fd, buf, length, pos);
      inFlight.add(p);
      p.then(
        () => inFlight.delete(p),
        () => undefined,
      );
      pos += length;
      if (inFlight.size >= DEPTH) await Promise.race(inFlight);
      if (pos >= nextCheckpoint || pos >= r.end) {
        await settle();
        await fsyncFd(r.fd);
        r.checkpoint(pos);
        nextCheckpoint = pos + every;
        if (afterCheckpoint && pos < r.end) await afterCheckpoint(pos);
      }
      r.progress(pos);
    }
  } finally {
    await settle().catch(() => undefined);
  }
  if (pos < r.end) {
    // Cancelled: what was written since the last checkpoint is made durable and recorded too.
    await fsyncFd(r.fd);
    r.checkpoint(pos);
    throwIfCancelled(r.signal);
  }
}
