import { describe, expect, it } from 'vitest';
import { tailRefusal } from '../../../../src/core/media/identity/tail';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Where the 64 KiB trailer may go on a block device (decision 0015): never onto a partition's or GPT's bytes. */
describe('tailRefusal', () => {
  const disk = { isPartition: false, partitions: [] as { name: string; endBytes: number }[], hasGpt: false };

  it('allows a whole disk without partitions (a wiped medium)', () => {
    expect(tailRefusal('/dev/sdb', 8 * GiB, disk)).toBeNull();
  });

  it('allows a disk whose last partition ends 1 MiB before the end', () => {
    expect(tailRefusal('/dev/sdb', 8 * GiB, { ...disk, partitions: [{ name: 'sdb1', endBytes: 8 * GiB - MiB }] })).toBeNull();
  });

  it('refuses a partition, a partition reaching into the last 64 KiB, and a GPT disk', () => {
    expect(tailRefusal('/dev/sdb1', 8 * GiB, { ...disk, isPartition: true })).toMatch(/是一个分区/);
    expect(tailRefusal('/dev/sdb', 8 * GiB, { ...disk, partitions: [{ name: 'sdb1', endBytes: 8 * GiB - 32 * 1024 }] })).toMatch(/sdb1 一直延伸到介质末尾/);
    expect(tailRefusal('/dev/sdb', 8 * GiB, { ...disk, partitions: [{ name: 'sdb1', endBytes: 8 * GiB - MiB }], hasGpt: true })).toMatch(/GPT/);
  });
});
