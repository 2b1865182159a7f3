import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../../errors';
import { throwIfCancelled } from '../../jobs/jobs';
import { IDENTITY_FILE_NAME } from '../identity';
import { isInside } from './targetSafety';
import type { WipePass } from './plan';
import { syncFolder } from '../../syncFolder';

const refuse = (message: string) => new CoreError('bad-request', message, 'paths');

/**
 * The files a file-level wipe will touch, all checked before any is: relative paths that stay inside
 * the medium, no `..`, no symbolic link on the way or inside a folder (a link could lead off the
 * medium), never the identity record. Folders expand to their files, deepest last.
 */
export function filesToWipe(root: string, paths: readonly string[]): { files: string[]; folders: string[] } {
  const realRoot = fs.realpathSync(root);
  const files = new Set<string>();
  const folders: string[] = [];
  const visit = (abs: string, shown: string) => {
    const st = fs.lstatSync(abs);
    if (st.isSymbolicLink()) throw refuse(`“${shown}”是符号链接，拒绝清除：它可能指向介质之外。`);
    if (st.isDirectory()) {
      for (const entry of fs.readdirSync(abs)) visit(path.join(abs, entry), path.join(shown, entry));
      folders.push(abs);
    } else if (st.isFile()) {
      if (path.dirname(abs) === realRoot && path.basename(abs) === IDENTITY_FILE_NAME) throw refuse(`“${shown}”是介质的身份记录，不能清除。`);
      files.add(abs);
    } else throw refuse(`“${shown}”不是普通文件或文件夹，拒绝清除。`);
  };
  for (const p of paths) {
    if (path.isAbsolute(p) || p.split(/[\\/]/).includes('..')) throw refuse(`“${p}”应是介质内的相对路径，且不能含“..”。`);
    const abs = path.resolve(realRoot, p);
    if (!isInside(abs, realRoot) || abs === realRoot) throw refuse(`“${p}”不在介质之内。`);
    // Every component on the way must be a real folder of the medium, not a link out of it.
    let cur = realRoot;
    for (const part of path.relative(realRoot, path.dirname(abs)).split(path.sep).filter(Boolean)) {
      cur = path.join(cur, part);
      if (!fs.existsSync(cur) || fs.lstatSync(cur).isSymbolicLink()) throw refuse(`“${p}”的上级“${part}”不存在或是符号链接，拒绝清除。`);
    }
    if (!fs.existsSync(abs) && !isDanglingLink(abs)) throw refuse(`介质上没有“${p}”。`);
    visit(abs, p);
  }
  return { files: [...files], folders: folders.filter((f) => f !== realRoot) };
}

function isDanglingLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}


const BUFFER = 1 << 20;

/**
 * One file, as file-level wiping can: each pass over its bytes, flushed; read back against the last
 * pass; renamed to a random name (the old name leaves the directory entry); truncated, flushed and
 * deleted. Returns its size and whether the read-back matched.
 */
export function wipeFile(file: string, passes: readonly WipePass[], signal: AbortSignal): { bytes: number; isVerified: boolean } {
  const fd = fs.openSync(file, 'r+');
  let isVerified = true;
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
    for (const pass of passes) {
      const buf = Buffer.alloc(Math.min(BUFFER, Math.max(size, 1)), pass.byte);
      for (let pos = 0; pos < size; pos += buf.length) {
        throwIfCancelled(signal);
        fs.writeSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
      }
      fs.fsyncSync(fd);
    }
    const expected = Buffer.alloc(Math.min(BUFFER, Math.max(size, 1)), passes.at(-1)!.byte);
    const read = Buffer.alloc(expected.length);
    for (let pos = 0; pos < size && isVerified; pos += read.length) {
      const n = fs.readSync(fd, read, 0, Math.min(read.length, size - pos), pos);
      isVerified = n === Math.min(read.length, size - pos) && read.subarray(0, n).equals(expected.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  const dir = path.dirname(file);
  const renamed = path.join(dir, randomBytes(8).toString('hex'));
  fs.renameSync(file, renamed);
  syncFolder(dir);
  fs.truncateSync(renamed, 0);
  const tfd = fs.openSync(renamed, 'r+');
  try {
    fs.fsyncSync(tfd);
  } finally {
    fs.closeSync(tfd);
  }
  fs.unlinkSync(renamed);
  syncFolder(dir);
  return { bytes: size, isVerified };
}

/** A folder emptied by the wipe goes too, under a random name first so its name leaves the parent. */
export function removeFolder(folder: string): void {
  if (fs.readdirSync(folder).length) return;
  const renamed = path.join(path.dirname(folder), randomBytes(8).toString('hex'));
  fs.renameSync(folder, renamed);
  fs.rmdirSync(renamed);
  syncFolder(path.dirname(folder));
}
