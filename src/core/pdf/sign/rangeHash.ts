import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { hashRange, readAt } from './fileIo';

/** Where the signer will write: what the hashes of a file being certified depend on. */
export interface SignatureLayout {
  /** Offset of the ByteRange placeholder, and the bytes that will replace it. */
  placeholderOffset: number;
  rangeBytes: Buffer;
  /** Offset of '<' of /Contents, and just past its '>': the hole the signature fills. */
  contentsStart: number;
  contentsEnd: number;
  size: number;
}

/**
 * The two hashes a certification needs: of the signed ranges (with the ByteRange as it will be
 * written), which the CMS signs, and of the finished file, which the database records for fixity.
 */
export interface RangeHasher {
  ranges(layout: SignatureLayout): Promise<Buffer>;
  /** After ranges(): the SHA-256 (hex) of the file once `contents` fills the hole. */
  file(contents: Buffer): Promise<string>;
  close(): void;
}

/** Up to this much of the second range is held in memory so the file is read only once. */
const MAX_TAIL_IN_MEMORY = 16 << 20;

/**
 * The hashes computed on this thread by reading the file once: the two hashes share their first
 * range; the second is short, because the signature dictionary is the last object, so it is kept
 * to finish both. The next read runs in libuv's pool while this chunk is hashed.
 */
export function hashOnThisThread(fh: FileHandle): RangeHasher {
  let fileHash: ReturnType<typeof createHash> | null = null;
  let tail: Buffer | null = null;
  let layout: SignatureLayout | null = null;
  return {
    async ranges(at) {
      layout = at;
      const rangesHash = createHash('sha256');
      await hashRange(fh, 0, at.contentsStart, [rangesHash], { patch: { offset: at.placeholderOffset, bytes: at.rangeBytes } });
      fileHash = rangesHash.copy();
      const tailLength = at.size - at.contentsEnd;
      tail = tailLength <= MAX_TAIL_IN_MEMORY ? await readAt(fh, at.contentsEnd, tailLength) : null;
      if (tail) rangesHash.update(tail);
      else await hashRange(fh, at.contentsEnd, at.size, [rangesHash]);
      return rangesHash.digest();
    },
    async file(contents) {
      if (!fileHash || !layout) throw new Error('file() before ranges()');
      fileHash.update('<').update(contents).update('>');
      if (tail) return fileHash.update(tail).digest('hex');
      // A tail too long to keep: the patched file is complete on disk now, hash it whole.
      const whole = createHash('sha256');
      await hashRange(fh, 0, layout.size, [whole]);
      return whole.digest('hex');
    },
    close() {},
  };
}
