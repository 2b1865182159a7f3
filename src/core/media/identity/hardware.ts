import type { MediumRow } from '../store';
import type { Placement } from './placement';

/** Why the hardware at the placement is not the registered medium, or null when nothing known disagrees. */
export function hardwareMismatch(p: Placement, medium: Pick<MediumRow, 'serial' | 'capacity_bytes'>): string | null {
  if (p.kind === 'block' && p.facts.serial && medium.serial && p.facts.serial !== medium.serial) {
    return `设备 ${p.device} 的硬件序列号为 ${p.facts.serial}，台账登记的是 ${medium.serial}`;
  }
  if (p.kind !== 'folder' && medium.capacity_bytes !== null && medium.capacity_bytes !== p.size) {
    return `设备 ${p.device} 的容量为 ${p.size} 字节，台账登记的是 ${medium.capacity_bytes} 字节`;
  }
  return null;
}
