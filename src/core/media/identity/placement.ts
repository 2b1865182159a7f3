import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../../errors';
import { IDENTITY_TRAILER_BYTES } from './record';
import { blockDeviceFacts, type BlockDeviceFacts } from './blockDevice';
import { tailRefusal } from './tail';
import { syncFolder } from '../../syncFolder';

/** On a mounted medium, the record is one file at its root (decision 0015). */
export const IDENTITY_FILE_NAME = 'DOSSIER-MEDIUM.ID';

/**
 * Where the record lives on what `device` names: a folder (a mounted medium) holds it as a file; a
 * disk image or a block device holds it in its last 64 KiB, readable without any file system.
 */
export type Placement =
  | { kind: 'folder'; device: string; file: string }
  | { kind: 'image'; device: string; size: number }
  | { kind: 'block'; device: string; size: number; facts: BlockDeviceFacts };

export function placementOf(device: string): Placement {
  if (!path.isAbsolute(device)) throw new CoreError('bad-request', `请给出介质的完整路径（如 /dev/sdb、磁盘镜像文件或介质挂载的文件夹），而不是“${device}”。`, 'device');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(device);
  } catch {
    throw new CoreError('bad-request', `找不到介质设备“${device}”。请确认介质已插好、路径无误。`, 'device');
  }
  if (stat.isDirectory()) return { kind: 'folder', device, file: path.join(device, IDENTITY_FILE_NAME) };
  if (stat.isFile()) {
    if (stat.size < 2 * IDENTITY_TRAILER_BYTES) throw new CoreError('bad-request', `“${device}”只有 ${stat.size} 字节，容不下末尾 64 KiB 的身份记录区，不是可用的磁盘镜像。`, 'device');
    return { kind: 'image', device, size: stat.size };
  }
  if (stat.isBlockDevice()) {
    const facts = blockDeviceFacts(device);
    return { kind: 'block', device, size: facts.sizeBytes, facts };
  }
  throw new CoreError('bad-request', `“${device}”既不是块设备，也不是磁盘镜像文件或文件夹，无法识别其中的介质。`, 'device');
}

/** The bytes where a record would be: the file's content, or the trailer; empty when there is none. */
export function readRecordBytes(p: Placement): Buffer {
  if (p.kind === 'folder') {
    try {
      const stat = fs.statSync(p.file);
      // Never more than a record can be: a huge file of that name is not ours.
      if (!stat.isFile() || stat.size > IDENTITY_TRAILER_BYTES) return Buffer.from('not a record');
      return fs.readFileSync(p.file);
    } catch {
      return Buffer.alloc(0);
    }
  }
  const fd = fs.openSync(p.device, 'r');
  try {
    const bytes = Buffer.alloc(IDENTITY_TRAILER_BYTES);
    const n = fs.readSync(fd, bytes, 0, bytes.length, p.size - IDENTITY_TRAILER_BYTES);
    return bytes.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes the frame where the placement says, durably: a folder's file goes to a temporary name,
 * is fsynced and renamed (a torn write never leaves half a record under the real name); a trailer is
 * written zero-padded in one positioned write and fsynced, then read back.
 */
export function writeRecordBytes(p: Placement, frame: Buffer): void {
  if (p.kind === 'folder') {
    const tmp = path.join(p.device, `.${IDENTITY_FILE_NAME}.${process.pid}.tmp`);
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      fs.writeSync(fd, frame, 0, frame.length, 0);
      fs.fsyncSync(fd);
    } catch (error) {
      fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw error;
    }
    fs.closeSync(fd);
    fs.renameSync(tmp, p.file);
    syncFolder(p.device);
  } else {
    const refusal = p.kind === 'block' ? tailRefusal(p.device, p.size, p.facts) : null;
    if (refusal) throw new CoreError('bad-request', refusal, 'device');
    const trailer = Buffer.alloc(IDENTITY_TRAILER_BYTES);
    frame.copy(trailer);
    const fd = fs.openSync(p.device, 'r+');
    try {
      fs.writeSync(fd, trailer, 0, trailer.length, p.size - IDENTITY_TRAILER_BYTES);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  if (!readRecordBytes(p).subarray(0, frame.length).equals(frame)) {
    throw new CoreError('internal', `身份记录写入“${p.device}”后读回不一致，介质可能已损坏或被拔出。请检查介质后重试。`, 'device');
  }
}

