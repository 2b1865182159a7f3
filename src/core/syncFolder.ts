import fs from 'node:fs';

/**
 * Flushes a folder's entries (a rename, a new or deleted file) to the disk, so that what a crash leaves
 * is either before or after the change. Some file systems (FAT on some kernels, Windows) refuse fsync on
 * a folder; then the files' own fsyncs are what stands.
 */
export function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // See above: nothing more can be done on such a file system.
  }
}
