import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiskFacts, TargetNode } from '../../../../src/core/media/sanitize/diskFacts';
import { checkWipeTarget } from '../../../../src/core/media/sanitize/targetSafety';
import { tempDir } from '../../../helpers/core';

/**
 * A machine with two disks: 8:0 (sda, partitions 8:1 mounted on / and 8:2 on /data) and 8:16 (sdb,
 * partition 8:17), described the way /proc/self/mountinfo and /sys/dev/block would.
 */
function machine(over: Partial<DiskFacts> & { mountInfo?: () => string; nodes?: Record<string, TargetNode> } = {}): DiskFacts {
  const parent: Record<string, string> = { '8:0': '8:0', '8:1': '8:0', '8:2': '8:0', '8:16': '8:16', '8:17': '8:16', '8:32': '8:32' };
  const nodes: Record<string, TargetNode> = {
    '/dev/sda': { type: 'block', devId: '8:0', realPath: '/dev/sda' },
    '/dev/sda1': { type: 'block', devId: '8:1', realPath: '/dev/sda1' },
    '/dev/sdb': { type: 'block', devId: '8:16', realPath: '/dev/sdb' },
    '/dev/sdc': { type: 'block', devId: '8:32', realPath: '/dev/sdc' },
    '/dev/tty0': { type: 'other', realPath: '/dev/tty0' },
    ...over.nodes,
  };
  return {
    platform: 'linux',
    mountInfo: () => '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n30 22 8:2 / /data rw - ext4 /dev/sda2 rw\n',
    wholeDiskOf: (id) => {
      const p = parent[id];
      if (!p) throw new Error('no such block device');
      return p;
    },
    partsOf: (disk) => Object.keys(parent).filter((id) => parent[id] === disk),
    holdersOf: () => [],
    sizeOf: () => 1 << 30,
    devIdOfPath: () => '8:2',
    node: (p) => {
      const n = nodes[p];
      if (!n) throw new Error('ENOENT');
      return n;
    },
    ...over,
  };
}

const rootLine = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').find((l) => l.split(' ')[4] === '/');
const rootSourceCandidate = rootLine?.split(' - ')[1]?.split(' ')[1];
const rootSource = rootSourceCandidate?.startsWith('/dev/') && fs.existsSync(rootSourceCandidate) ? rootSourceCandidate : null;

describe('wipe target refusals', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('refuses the system disk (the disk that holds /), by the disk or by one of its partitions', () => {
    const facts = machine({ devIdOfPath: () => '8:32' });
    expect(() => checkWipeTarget('/dev/sda', '/data/app', facts)).toThrow(/系统盘/);
    expect(() => checkWipeTarget('/dev/sda1', '/data/app', facts)).toThrow(/系统盘/);
  });

  it('refuses the disk that holds the app data', () => {
    const facts = machine({ mountInfo: () => '22 1 8:1 / / rw - ext4 /dev/sda1 rw\n', devIdOfPath: () => '8:17' });
    expect(() => checkWipeTarget('/dev/sdb', '/data/app', facts)).toThrow(/数据所在的磁盘/);
  });

  it('refuses a disk with a mounted partition, and one stacked under LVM or dm-crypt', () => {
    const mounted = machine({ mountInfo: () => '22 1 8:1 / / rw - ext4 /dev/sda1 rw\n40 22 8:17 / /media/usb rw - vfat /dev/sdb1 rw\n' });
    expect(() => checkWipeTarget('/dev/sdb', '/data/app', mounted)).toThrow(/已挂载的分区（\/media\/usb）/);
    const held = machine({ holdersOf: (id) => (id === '8:17' ? ['253:0'] : []) });
    expect(() => checkWipeTarget('/dev/sdb', '/data/app', held)).toThrow(/LVM/);
  });

  it('refuses when the root disk cannot be established (an overlay root) rather than guess', () => {
    const facts = machine({ mountInfo: () => '22 1 0:45 / / rw - overlay overlay rw\n' });
    expect(() => checkWipeTarget('/dev/sdb', '/data/app', facts)).toThrow(/无法确定系统盘/);
  });

  it('follows an anonymous btrfs device to its source disk', () => {
    const facts = machine({ mountInfo: () => '22 1 0:31 / / rw - btrfs /dev/sda1 rw\n', devIdOfPath: () => '0:31' });
    expect(() => checkWipeTarget('/dev/sda', '/data/app', facts)).toThrow(/系统盘/);
  });

  it('accepts a free disk, with its size from sysfs', () => {
    expect(checkWipeTarget('/dev/sdb', '/data/app', machine())).toEqual({ type: 'block', realPath: '/dev/sdb', size: 1 << 30 });
  });

  it('refuses what is neither a block device nor a regular file, and a missing path', () => {
    expect(() => checkWipeTarget('/dev/tty0', '/data/app', machine())).toThrow(/既不是块设备也不是磁盘镜像文件/);
    expect(() => checkWipeTarget('/dev/nothing', '/data/app', machine())).toThrow(/找不到清除目标/);
  });

  it('refuses an image file inside the data folder (also through a symlink) and accepts one outside', () => {
    const data = tempDir('wipe-data-');
    const outside = tempDir('wipe-out-');
    dirs.push(data, outside);
    const inside = path.join(data, 'files', 'x.img');
    fs.mkdirSync(path.dirname(inside), { recursive: true });
    fs.writeFileSync(inside, Buffer.alloc(4096));
    const link = path.join(outside, 'link.img');
    fs.symlinkSync(inside, link);
    const image = path.join(outside, 'medium.img');
    fs.writeFileSync(image, Buffer.alloc(4096));
    expect(() => checkWipeTarget(inside, data)).toThrow(/数据文件夹内/);
    expect(() => checkWipeTarget(link, data)).toThrow(/数据文件夹内/);
    expect(checkWipeTarget(image, data)).toMatchObject({ type: 'file', size: 4096 });
    expect(() => checkWipeTarget(outside, data)).toThrow(/既不是块设备/);
  });

  // Only where the root file system's device is visible (not in a container's overlay root).
  it.skipIf(!rootSource)('on this machine, the real root device is refused', () => {
    expect(() => checkWipeTarget(rootSource!, '/nonexistent')).toThrow(/系统盘|无法确定/);
  });
});
