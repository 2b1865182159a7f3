import type { BlockDeviceFacts } from './blockDevice';
import { IDENTITY_TRAILER_BYTES } from './record';

/**
 * Why the trailer may not be written at the end of this block device, or null. It must not land on
 * anyone's data: refused on a partition (its tail is the file system's), on a disk whose partitions
 * reach into the last 64 KiB, and on a GPT disk, whose backup table lives in the last sectors
 * (UEFI 2.10 §5.3.1). Decision 0015: such media carry the record as a file on their mounted file
 * system instead, or are wiped first (no partition table left) and identified then.
 */
export function tailRefusal(device: string, sizeBytes: number, facts: Pick<BlockDeviceFacts, 'isPartition' | 'partitions' | 'hasGpt'>): string | null {
  if (facts.isPartition) return `“${device}”是一个分区。身份记录写在整块介质（如 /dev/sdb）末尾，或写到介质挂载的文件夹中。`;
  // Before the partitions: a GPT disk's protective MBR entry spans the disk, but the GPT is the reason.
  if (facts.hasGpt) return `“${device}”使用 GPT 分区表，其备份分区表位于介质末尾。请改为对介质挂载的文件夹写入身份记录。`;
  const tailStart = sizeBytes - IDENTITY_TRAILER_BYTES;
  const clash = facts.partitions.find((part) => part.endBytes > tailStart);
  if (clash) {
    return `“${device}”的${clash.name}一直延伸到介质末尾，写入身份记录会覆盖其中的数据。请改为对介质挂载的文件夹写入身份记录，或重新分区并在末尾留出至少 1 MiB。`;
  }
  return null;
}
