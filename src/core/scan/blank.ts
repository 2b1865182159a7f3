import type { BlankMeasure } from './types';

/** A pixel this dark (0–255) counts as ink. */
const DARK = 128;
/** Scanner edges, shadows and punch holes sit in the margins; they must not make a page "not blank". */
const MARGIN = 0.06;

/**
 * Measures ink on a downscaled grayscale copy (about 85 dpi for A4). A page is flagged, never dropped:
 * the user decides (DB3206/T 1060 §5.5.5: blank pages are kept but not numbered).
 */
export function measureBlank(gray: Buffer, width: number, height: number, threshold: number): BlankMeasure {
  const x0 = Math.floor(width * MARGIN);
  const x1 = width - x0;
  const y0 = Math.floor(height * MARGIN);
  const y1 = height - y0;
  let dark = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) {
      if (gray[row + x]! < DARK) dark++;
      total++;
    }
  }
  const darkFraction = total ? dark / total : 0;
  return { isBlank: darkFraction < threshold, darkFraction: Number(darkFraction.toFixed(6)), threshold };
}
