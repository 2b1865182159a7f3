import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../../errors';

export interface BlockDeviceFacts {
  /** Kernel name, e.g. `sdb`. */
  name: string;
  sizeBytes: number;
  isPartition: boolean;
  /** The hardware serial as the kernel or udev reports it, or null when neither knows it. */
  serial: string | null;
  partitions: { name: string; endBytes: number }[];
  hasGpt: boolean;
}

const SECTOR = 512; // /sys/class/block/*/size and start count 512-byte units whatever the device's sector size.

/** What Linux says about a block device, from /sys and the udev database, without running any tool. */
export function blockDeviceFacts(device: string): BlockDeviceFacts {
  const name = path.basename(fs.realpathSync(device));
  const sys = path.join('/sys/class/block', name);
  const sectors = readText(path.join(sys, 'size'));
  if (sectors === null) throw new CoreError('bad-request', `无法读取块设备“${device}”的容量（/sys/class/block/${name}/size）。本功能目前只支持 Linux 上的块设备。`, 'device');
  const isPartition = fs.existsSync(path.join(sys, 'partition'));
  // The partition table as it is on the medium now, not the kernel's copy in /sys, which stays stale
  // after a wipe until the table is re-read: a wiped disk has no table and may take its trailer.
  const head = isPartition ? null : readHead(device);
  const partitions = head ? mbrPartitions(head) : [];
  return { name, sizeBytes: Number(sectors) * SECTOR, isPartition, serial: serialOf(sys), partitions, hasGpt: head !== null && hasGptHeader(head) };
}

function serialOf(sys: string): string | null {
  const fromKernel = readText(path.join(sys, 'device', 'serial'));
  if (fromKernel) return fromKernel;
  // udev's ID_SERIAL_SHORT (USB sticks: the iSerial of the device descriptor), keyed by major:minor.
  const devno = readText(path.join(sys, 'dev'));
  if (!devno) return null;
  const udev = readText(`/run/udev/data/b${devno}`);
  const line = udev?.split('\n').find((l) => l.startsWith('E:ID_SERIAL_SHORT='));
  return line ? line.slice('E:ID_SERIAL_SHORT='.length).trim() || null : null;
}

function readHead(device: string): Buffer {
  const fd = fs.openSync(device, 'r');
  try {
    const head = Buffer.alloc(2 * 4096);
    fs.readSync(fd, head, 0, head.length, 0);
    return head;
  } finally {
    fs.closeSync(fd);
  }
}

/** LBA 1 holds the GPT header: byte 512 on 512-byte-sector media, 4096 on 4Kn media (UEFI 2.10 §5.3.2). */
export function hasGptHeader(head: Buffer): boolean {
  return [SECTOR, 4096].some((offset) => head.toString('latin1', offset, offset + 8) === 'EFI PART');
}

/**
 * The primary partitions of a classic MBR (sector 0, signature 55 AA, four 16-byte entries from byte
 * 446): where each ends, in bytes. Logical partitions lie inside their extended entry, so its end
 * bounds them. Empty when there is no MBR (a wiped or never-partitioned medium).
 */
export function mbrPartitions(head: Buffer): { name: string; endBytes: number }[] {
  if (head.length < 512 || head[510] !== 0x55 || head[511] !== 0xaa) return [];
  const parts: { name: string; endBytes: number }[] = [];
  for (let i = 0; i < 4; i++) {
    const entry = 446 + 16 * i;
    const type = head[entry + 4];
    const start = head.readUInt32LE(entry + 8);
    const sectors = head.readUInt32LE(entry + 12);
    if (type === 0 || sectors === 0) continue;
    parts.push({ name: `分区 ${i + 1}`, endBytes: (start + sectors) * SECTOR });
  }
  return parts;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
