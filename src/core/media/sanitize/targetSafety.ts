import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../../errors';
import { diskFacts, parseMountInfo, type DiskFacts } from './diskFacts';

/** A target that passed the checks: what to open and how many bytes it has. */
export interface WipeTarget {
  type: 'block' | 'file';
  /** The path after symlinks (/dev/disk/by-id/… → /dev/sdX), which is what gets opened. */
  realPath: string;
  size: number;
}

const refuse = (message: string) => new CoreError('bad-request', message, 'device');

/**
 * Makes it impossible to aim a whole-medium wipe at the wrong thing (issue 6 item 5): only a block
 * device or a regular disk-image file; never the disk that holds `/`, never a disk with anything of it
 * mounted or stacked on it (LVM, dm-crypt, RAID), never the disk or folder that holds the app's data.
 * When a fact cannot be established (a container's overlay root), a block device is refused rather
 * than guessed about. Whether it is the registered medium is checked after this, by its identity record.
 */
export function checkWipeTarget(device: string, dataDir: string, facts: DiskFacts = diskFacts()): WipeTarget {
  let node: ReturnType<DiskFacts['node']>;
  try {
    node = facts.node(device);
  } catch {
    throw refuse(`找不到清除目标“${device}”。请核对设备路径或镜像文件路径。`);
  }
  if (node.type === 'file') {
    const data = realOrSelf(dataDir);
    if (isInside(node.realPath, data)) throw refuse(`“${device}”位于本软件的数据文件夹内，拒绝清除：这会毁掉档案数据本身。`);
    return { type: 'file', realPath: node.realPath, size: node.size };
  }
  if (node.type !== 'block') throw refuse(`“${device}”既不是块设备也不是磁盘镜像文件，不能整盘清除。文件夹中的文件请用文件级清除。`);
  if (facts.platform !== 'linux') throw refuse('本软件只在 Linux 上核查并清除块设备；其他平台请用磁盘镜像文件或驱动器厂商的工具。');

  const mounts = parseMountInfo(facts.mountInfo());
  const diskOf = (devId: string) => wholeDisk(facts, mounts, devId);
  const disk = diskOf(node.devId);
  if (!disk) throw refuse(`无法确定“${device}”所属的磁盘，为安全起见拒绝清除。`);

  const rootMount = mounts.filter((m) => m.mountPoint === '/').at(-1);
  const rootDisk = rootMount ? diskOf(rootMount.devId) : null;
  if (!rootDisk) throw refuse('无法确定系统盘（“/”所在的磁盘），为安全起见拒绝清除任何块设备。');
  if (rootDisk === disk) throw refuse(`“${device}”是系统盘（“/”所在的磁盘），拒绝清除。`);

  let dataDisk: string | null;
  try {
    dataDisk = diskOf(facts.devIdOfPath(dataDir));
  } catch {
    dataDisk = null;
  }
  if (!dataDisk) throw refuse('无法确定本软件数据文件夹所在的磁盘，为安全起见拒绝清除任何块设备。');
  if (dataDisk === disk) throw refuse(`“${device}”是本软件数据所在的磁盘，拒绝清除。`);

  const mounted = mounts.filter((m) => diskOf(m.devId) === disk).map((m) => m.mountPoint);
  if (mounted.length) throw refuse(`“${device}”所在磁盘上有已挂载的分区（${mounted.slice(0, 3).join('、')}），拒绝清除。请先卸载。`);
  const parts = facts.partsOf(disk);
  if (parts.some((p) => facts.holdersOf(p).length)) throw refuse(`“${device}”所在磁盘正被 LVM、加密卷或 RAID 使用，拒绝清除。`);

  return { type: 'block', realPath: node.realPath, size: facts.sizeOf(node.devId) };
}

/**
 * The whole disk under a mount's device. Block-backed file systems name it directly; btrfs and the
 * like show an anonymous 0:N device, so the mount's source (/dev/…) is followed instead.
 */
function wholeDisk(facts: DiskFacts, mounts: ReturnType<typeof parseMountInfo>, devId: string): string | null {
  try {
    return facts.wholeDiskOf(devId);
  } catch {
    /* not a block device: an anonymous device number */
  }
  for (const m of mounts.filter((x) => x.devId === devId && x.source.startsWith('/dev/'))) {
    try {
      const node = facts.node(m.source);
      if (node.type === 'block') return facts.wholeDiskOf(node.devId);
    } catch {
      /* try the next */
    }
  }
  return null;
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
