import type { LabelSize } from '../../../contract';

const MM = 72 / 25.4;

/** One label's box on its page, in points. */
export interface LabelSlot {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelPageLayout {
  page: { width: number; height: number };
  slots: LabelSlot[];
}

const ROLL: Record<Exclude<LabelSize, 'a4-24'>, [number, number]> = { '50x30': [50, 30], '60x40': [60, 40], '70x50': [70, 50] };

/**
 * Roll stock of label printers: one label per page of exactly the label's size. The A4 sheet: 3 × 8
 * labels of 70 × 37 mm edge to edge (210 mm wide), 0.5 mm above and below (the common 24-up stock).
 */
export function labelPageLayout(size: LabelSize): LabelPageLayout {
  if (size === 'a4-24') {
    const width = 70 * MM;
    const height = 37 * MM;
    const top = 0.5 * MM;
    const slots: LabelSlot[] = [];
    for (let row = 0; row < 8; row++) for (let col = 0; col < 3; col++) slots.push({ x: col * width, y: top + row * height, width, height });
    return { page: { width: 210 * MM, height: 297 * MM }, slots };
  }
  const [w, h] = ROLL[size];
  return { page: { width: w * MM, height: h * MM }, slots: [{ x: 0, y: 0, width: w * MM, height: h * MM }] };
}

export const LABEL_MARGIN = 2.5 * MM;
