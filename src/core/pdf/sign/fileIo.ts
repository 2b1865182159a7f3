import type { FileHandle } from 'node:fs/promises';
import type { Hash } from 'node:crypto';

/** 1 MiB reads: large enough that hashing, not syscalls, sets the pace (see bench.ts). */
export const CHUNK_BYTES = 1 << 20;

export async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/**
 * The offset of the last occurrence of `needle` in the file, reading backwards a window at a time,
 * so that a marker near the end costs one small read however large the file is.
 */
export async function findLast(fh: FileHandle, size: number, needle: Buffer, windowBytes = CHUNK_BYTES): Promise<number> {
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - windowBytes);
    const chunk = await readAt(fh, start, end - start);
    const hit = chunk.lastIndexOf(needle);
    if (hit >= 0) return start + hit;
    if (start === 0) break;
    // Overlap by the needle's length so a match across the window boundary is not missed.
    end = start + needle.length - 1;
  }
  return -1;
}

export interface HashRangeOptions {
  /** Bytes to hash in place of the file's own at a given offset (the ByteRange about to be written). */
  patch?: { offset: number; bytes: Buffer };
  /** Sees every chunk after hashing, e.g. to count markers while the bytes pass by. */
  onChunk?: (chunk: Buffer, position: number) => void;
}

/**
 * Feeds [start, end) of the file into the hashes, never holding more than two chunks: the next read
 * runs in libuv's thread pool while this one is hashed, so I/O and SHA-256 overlap.
 */
export async function hashRange(fh: FileHandle, start: number, end: number, hashes: Hash[], options: HashRangeOptions = {}): Promise<void> {
  const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  let position = start;
  let which = 0;
  const readNext = (pos: number, buffer: Buffer) => (pos < end ? fh.read(buffer, 0, Math.min(CHUNK_BYTES, end - pos), pos) : Promise.resolve({ bytesRead: 0, buffer }));
  let pending = readNext(position, buffers[which]!);
  try {
  while (position < end) {
    const { bytesRead, buffer } = await pending;
    if (bytesRead === 0) throw new Error('文件在读取过程中变短了，可能正被其他程序修改。');
    const chunkPosition = position;
    position += bytesRead;
    which ^= 1;
    pending = readNext(position, buffers[which]!);
    let chunk = buffer.subarray(0, bytesRead);
    const patch = options.patch;
    if (patch && patch.offset < chunkPosition + bytesRead && patch.offset + patch.bytes.length > chunkPosition) {
      chunk = Buffer.from(chunk);
      for (let i = 0; i < patch.bytes.length; i++) {
        const at = patch.offset + i - chunkPosition;
        if (at >= 0 && at < chunk.length) chunk[at] = patch.bytes[i]!;
      }
    }
    for (const hash of hashes) hash.update(chunk);
    options.onChunk?.(chunk, chunkPosition);
  }
  } finally {
    // Never leave a read in flight on a handle the caller is about to close.
    await pending.catch(() => undefined);
  }
}
