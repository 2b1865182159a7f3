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
  const partitions = isPartition
    ? []
    : fs
        .readdirSync(sys)
        .filter((entry) => entry.startsWith(name) && fs.existsSync(path.join(sys, entry, 'partition')))
        .map((entry) => ({ name: entry, endBytes: (Number(readText(path.join(sys, entry, 'start'))) + Number(readText(path.join(sys, entry, 'size')))) * SECTOR }));
  return { name, sizeBytes: Number(sectors) * SECTOR, isPartition, serial: serialOf(sys), partitions, hasGpt: !isPartition && hasGptHeader(device) };
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

function hasGptHeader(device: string): boolean {
  const fd = fs.openSync(device, 'r');
  try {
    // LBA 1 holds the GPT header: byte 512 on 512-byte-sector media, 4096 on 4Kn media.
    return [SECTOR, 4096].some((offset) => {
      const header = Buffer.alloc(8);
      fs.readSync(fd, header, 0, 8, offset);
      return header.toString('latin1') === 'EFI PART';
    });
  } finally {
    fs.closeSync(fd);
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
