import { createHash, type Hash } from 'node:crypto';

/**
 * The SHA-256 of a PDF taken while the writer sends it to its file, so that signing does not read
 * the whole file back (decision 0012). Every byte before the signature object is final when it is
 * written; the signature object itself (whose ByteRange and /Contents are filled in later), the xref
 * and the trailer follow it and are short, so they are kept in memory.
 *
 * The writer feeds every chunk in file order (`update`); the certification placeholder says where
 * the signature object starts (`markSignatureObject`) before any of its bytes are written. The
 * signer then takes the hash state at that offset and the bytes after it (`takeSnapshot`), and
 * finishes both the ByteRange digest and the file's SHA-256 from them.
 */
export class StreamingDigest {
  private readonly hash: Hash = createHash('sha256');
  private position = 0;
  private markAt: number | null = null;
  private snapshotted = false;
  private readonly tail: Buffer[] = [];
  private tailBytes = 0;
  /** Set when the stream did not go as expected; the signer then reads the file as before. */
  private unusable: string | null = null;

  /**
   * @param maxTailBytes  Bytes after the signature object's start kept in memory: the signature
   *   dictionary (with 32 KB of /Contents as 64 KB of hex), the xref at 20 bytes an object, and the
   *   trailer. Beyond it (a document of ~800 000 objects) the signer falls back to reading the file.
   */
  constructor(private readonly maxTailBytes = 16 << 20) {}

  /** Bytes seen so far: the length of the file once the writer has finished. */
  get bytes(): number {
    return this.position;
  }

  update(chunk: Uint8Array): void {
    const start = this.position;
    this.position += chunk.length;
    if (this.unusable) return;
    if (!this.snapshotted) {
      if (this.markAt === null || this.position <= this.markAt) {
        this.hash.update(chunk);
        return;
      }
      // This chunk crosses the signature object's start: hash up to it, keep the rest.
      const cut = this.markAt - start;
      this.hash.update(chunk.subarray(0, cut));
      this.snapshotted = true;
      this.keep(chunk.subarray(cut));
      return;
    }
    this.keep(chunk);
  }

  /**
   * The signature object starts at this file offset (pdfkit's `_offset` just before the object is
   * finalized). Called before any byte of it reaches `update`, so the offset can only lie ahead.
   */
  markSignatureObject(offset: number): void {
    if (this.markAt !== null) this.unusable ??= 'marked twice';
    else if (offset < this.position) this.unusable ??= `offset ${offset} already passed (${this.position})`;
    this.markAt = offset;
    if (offset === this.position && !this.unusable) this.snapshotted = true;
  }

  /**
   * The hash state over [0, offset) (a copy: the digest can be taken more than once) and the bytes
   * [offset, bytes); null when the writer's stream did not give a usable one, in which case the
   * signer reads the file.
   */
  takeSnapshot(): { offset: number; hash: Hash; tail: Buffer } | null {
    if (this.unusable || !this.snapshotted || this.markAt === null) return null;
    return { offset: this.markAt, hash: this.hash.copy(), tail: Buffer.concat(this.tail, this.tailBytes) };
  }

  /** Why no snapshot is available, for tests and diagnostics. */
  get problem(): string | null {
    if (this.unusable) return this.unusable;
    if (this.markAt === null) return 'no signature object marked';
    return this.snapshotted ? null : 'signature object not reached';
  }

  private keep(bytes: Uint8Array): void {
    if (this.tailBytes + bytes.length > this.maxTailBytes) {
      this.unusable = `more than ${this.maxTailBytes} bytes after the signature object`;
      this.tail.length = 0;
      return;
    }
    // Copied: the writer's chunks may be reused or released by the stream after the call.
    this.tail.push(Buffer.from(bytes));
    this.tailBytes += bytes.length;
  }
}
