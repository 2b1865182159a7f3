import path from 'node:path';
import type { WipeTarget } from './targetSafety';

/** How the drive's own sanitize command is sent: NVMe Sanitize (nvme-cli) or ATA (hdparm). */
export type DriveBus = 'nvme' | 'ata';

/** The tool each bus needs on the PATH. */
export const TOOL_OF: Record<DriveBus, 'nvme' | 'hdparm'> = { nvme: 'nvme', ata: 'hdparm' };

/**
 * The bus of a whole-disk block device, by the kernel's name for it: /dev/nvme0n1 (a namespace, not a
 * partition nvme0n1p1), /dev/sda (not sda1; SATA and USB bridges that pass ATA commands through).
 * Anything else (image files, partitions, dm devices) gets no drive command.
 */
export function busOfPath(realPath: string): DriveBus | null {
  const name = path.basename(realPath);
  if (/^nvme\d+n\d+$/.test(name)) return 'nvme';
  if (/^sd[a-z]+$/.test(name)) return 'ata';
  return null;
}

/**
 * Test seam: says that a target (a disk-image file in tests) is a block device on this bus, so the
 * drive-sanitize path runs against fake `nvme`/`hdparm` executables without hardware. null in use.
 */
let busOverride: ((realPath: string) => DriveBus | null) | null = null;

export function setDriveBusOf(override: typeof busOverride): void {
  busOverride = override;
}

export function driveBusOf(target: WipeTarget): DriveBus | null {
  if (busOverride) return busOverride(target.realPath);
  return target.type === 'block' ? busOfPath(target.realPath) : null;
}
