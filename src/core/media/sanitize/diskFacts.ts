import fs from 'node:fs';
import path from 'node:path';

/** What a path is, as the kernel sees it. `devId` is "major:minor". */
export type TargetNode =
  | { type: 'block'; devId: string; realPath: string }
  | { type: 'file'; realPath: string; size: number }
  | { type: 'other'; realPath: string };

/**
 * The facts the target checks rest on: the mount table, the block-device tree and stat. A source of
 * its own so that tests can show a refusal of "the system disk" without a real disk to aim at.
 */
export interface DiskFacts {
  platform: NodeJS.Platform;
  /** /proc/self/mountinfo: the mounts of this process's namespace. */
  mountInfo(): string;
  /** The whole disk a block device (a disk or one of its partitions) belongs to, as "major:minor". */
  wholeDiskOf(devId: string): string;
  /** Every "major:minor" that sits on this disk: the disk and its partitions. */
  partsOf(diskId: string): string[];
  /** Devices stacked on this one (LVM, dm-crypt, md RAID): /sys/dev/block/<id>/holders. */
  holdersOf(devId: string): string[];
  /** Bytes of a block device (/sys/dev/block/<id>/size counts 512-byte sectors whatever the drive's own sector). */
  sizeOf(devId: string): number;
  /** The "major:minor" of the file system that holds this path (st_dev). */
  devIdOfPath(p: string): string;
  node(p: string): TargetNode;
}

/** glibc's dev_t encoding (sys/sysmacros.h), which Node's stat passes through unchanged. */
export function devIdOf(dev: bigint): string {
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return `${major}:${minor}`;
}

const sys = (devId: string, ...rest: string[]) => path.join('/sys/dev/block', devId, ...rest);

function readDevId(file: string): string {
  return fs.readFileSync(file, 'utf8').trim();
}

export const linuxDiskFacts: DiskFacts = {
  platform: process.platform,
  mountInfo: () => fs.readFileSync('/proc/self/mountinfo', 'utf8'),
  wholeDiskOf(devId) {
    // A partition's sysfs folder lies inside its disk's folder and has a `partition` file.
    const own = fs.realpathSync(sys(devId));
    if (!fs.existsSync(path.join(own, 'partition'))) return devId;
    return readDevId(path.join(path.dirname(own), 'dev'));
  },
  partsOf(diskId) {
    const own = fs.realpathSync(sys(diskId));
    const parts = fs
      .readdirSync(own, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(own, e.name, 'partition')))
      .map((e) => readDevId(path.join(own, e.name, 'dev')));
    return [diskId, ...parts];
  },
  holdersOf(devId) {
    const dir = sys(devId, 'holders');
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).map((name) => readDevId(path.join(dir, name, 'dev')));
  },
  sizeOf(devId) {
    return Number(fs.readFileSync(sys(devId, 'size'), 'utf8').trim()) * 512;
  },
  devIdOfPath(p) {
    return devIdOf(fs.statSync(p, { bigint: true }).dev);
  },
  node(p) {
    const realPath = fs.realpathSync(p);
    const st = fs.statSync(realPath, { bigint: true });
    if (st.isBlockDevice()) return { type: 'block', devId: devIdOf(st.rdev), realPath };
    if (st.isFile()) return { type: 'file', realPath, size: Number(st.size) };
    return { type: 'other', realPath };
  },
};

let current: DiskFacts = linuxDiskFacts;

/** The facts in use; `setDiskFacts` swaps them (tests), `null` restores the machine's own. */
export function diskFacts(): DiskFacts {
  return current;
}

export function setDiskFacts(facts: DiskFacts | null): void {
  current = facts ?? linuxDiskFacts;
}

/** Mounts as (device "major:minor", mount point, source) from mountinfo (proc(5): fields 3, 5, and after " - "). */
export function parseMountInfo(text: string): { devId: string; mountPoint: string; source: string }[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const fields = line.split(' ');
      const dash = fields.indexOf('-');
      return { devId: fields[2] ?? '', mountPoint: unescapeMount(fields[4] ?? ''), source: dash >= 0 ? unescapeMount(fields[dash + 2] ?? '') : '' };
    });
}

function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}
