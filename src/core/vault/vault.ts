import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface StoredFile {
  sha256: string;
  size: number;
  /** true when this call put the bytes in the store; false when identical bytes were already there. */
  isNew: boolean;
}

/**
 * Content-addressed file store: `<dataDir>/files/ab/<sha256>`. Originals are kept byte-identical
 * (DA/T 31 asks to keep the scanner's bytes) and made read-only once stored; the same bytes are
 * stored once. A copy lands in `tmp/` first and is renamed into place only after its hash is known,
 * so a crash never leaves a file under a name that does not match its content.
 */
export class Vault {
  readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
    this.tmp = path.join(dataDir, 'files', 'tmp');
    fs.mkdirSync(this.tmp, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`不是有效的 SHA-256：${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Copies a file in, hashing as it goes with a fixed buffer so memory stays flat for large scans. */
  put(source: string): StoredFile {
    const tmpPath = path.join(this.tmp, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let size = 0;
    const inFd = fs.openSync(source, 'r');
    const outFd = fs.openSync(tmpPath, 'wx', 0o600);
    try {
      for (let n; (n = fs.readSync(inFd, buffer, 0, buffer.length, null)) > 0; ) {
        hash.update(buffer.subarray(0, n));
        fs.writeSync(outFd, buffer, 0, n);
        size += n;
      }
      fs.fsyncSync(outFd);
    } catch (error) {
      fs.closeSync(outFd);
      fs.rmSync(tmpPath, { force: true });
      throw error;
    } finally {
      fs.closeSync(inFd);
    }
    fs.closeSync(outFd);
    const sha256 = hash.digest('hex');
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) {
      fs.rmSync(tmpPath, { force: true });
      return { sha256, size, isNew: false };
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.chmodSync(tmpPath, 0o444);
    fs.renameSync(tmpPath, target);
    return { sha256, size, isNew: true };
  }

  /**
   * Moves a file the store's own `tmp/` folder holds into place under the SHA-256 the caller has just
   * computed over its final, fsynced bytes (the signer hashes the whole signed PDF), without copying
   * it again: a large signed record is written once, not twice. Made read-only like every stored file.
   */
  adopt(tmpPath: string, sha256: string): StoredFile {
    if (path.dirname(path.resolve(tmpPath)) !== path.resolve(this.tmp)) throw new Error(`只能收入存储区临时文件夹中的文件：${tmpPath}`);
    const target = this.pathOf(sha256);
    const { size } = fs.statSync(tmpPath);
    if (fs.existsSync(target)) {
      fs.chmodSync(tmpPath, 0o600);
      fs.rmSync(tmpPath, { force: true });
      return { sha256, size, isNew: false };
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.chmodSync(tmpPath, 0o444);
    fs.renameSync(tmpPath, target);
    if (process.platform !== 'win32') {
      const dir = fs.openSync(path.dirname(target), 'r');
      try {
        fs.fsyncSync(dir);
      } finally {
        fs.closeSync(dir);
      }
    }
    return { sha256, size, isNew: true };
  }

  /** Undo for a failed import: removes only what that import added. */
  discard(sha256: string): void {
    const target = this.pathOf(sha256);
    try {
      fs.chmodSync(target, 0o600);
    } catch {
      /* already gone */
    }
    fs.rmSync(target, { force: true });
  }
}
