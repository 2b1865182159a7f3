import { describe, expect, it } from 'vitest';
import { hasGptHeader, mbrPartitions } from '../../../../src/core/media/identity/blockDevice';
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
    expect(tailRefusal('/dev/sdb', 8 * GiB, { ...disk, partitions: [{ name: 'sdb1', endBytes: 8 * GiB - 32 * 1024 }] })).toMatch(/sdb1一直延伸到介质末尾/);
    expect(tailRefusal('/dev/sdb', 8 * GiB, { ...disk, partitions: [{ name: 'sdb1', endBytes: 8 * GiB - MiB }], hasGpt: true })).toMatch(/GPT/);
  });
});

describe('the partition table on the medium', () => {
  function mbr(entries: { type: number; start: number; sectors: number }[]): Buffer {
    const head = Buffer.alloc(8192);
    entries.forEach((e, i) => {
      const at = 446 + 16 * i;
      head[at + 4] = e.type;
      head.writeUInt32LE(e.start, at + 8);
      head.writeUInt32LE(e.sectors, at + 12);
    });
    head[510] = 0x55;
    head[511] = 0xaa;
    return head;
  }

  it('reads where each primary partition ends, and nothing from a wiped (zero) head', () => {
    expect(mbrPartitions(mbr([{ type: 0x0c, start: 2048, sectors: 1_000_000 }, { type: 0x83, start: 1_002_048, sectors: 4096 }]))).toEqual([
      { name: '分区 1', endBytes: (2048 + 1_000_000) * 512 },
      { name: '分区 2', endBytes: (1_002_048 + 4096) * 512 },
    ]);
    expect(mbrPartitions(Buffer.alloc(8192))).toEqual([]);
    expect(hasGptHeader(Buffer.alloc(8192))).toBe(false);
  });

  it('finds a GPT header at LBA 1 for 512-byte and 4 KiB sectors', () => {
    for (const offset of [512, 4096]) {
      const head = Buffer.alloc(8192);
      head.write('EFI PART', offset, 'latin1');
      expect(hasGptHeader(head)).toBe(true);
    }
  });
});
