import type { Orientation } from './types';

export function toOrientation(value: number | undefined): Orientation {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8 ? (value as Orientation) : 1;
}

/** Orientations 5–8 turn the page a quarter: the upright page is the stored image's height wide. */
export function isQuarterTurn(orientation: Orientation): boolean {
  return orientation >= 5;
}

/**
 * The affine matrix [a b c d e f] that maps a point (u, v) of the stored image, in points with y
 * downwards (pdfkit's user space), to the upright page: x = a·u + c·v + e, y = b·u + d·v + f. The
 * writer draws the untouched image through it, so the page shows upright while the JPEG's bytes stay
 * the scanner's (decision 0006). w and h are the stored image's size in points.
 */
export function orientationMatrix(orientation: Orientation, w: number, h: number): [number, number, number, number, number, number] {
  switch (orientation) {
    case 2: return [-1, 0, 0, 1, w, 0];
    case 3: return [-1, 0, 0, -1, w, h];
    case 4: return [1, 0, 0, -1, 0, h];
    case 5: return [0, 1, 1, 0, 0, 0];
    case 6: return [0, 1, -1, 0, h, 0];
    case 7: return [0, -1, -1, 0, h, w];
    case 8: return [0, -1, 1, 0, 0, w];
    default: return [1, 0, 0, 1, 0, 0];
  }
}

/** The same turn for sharp (thumbnails): a clockwise rotation, then a mirror. */
export function orientationOps(orientation: Orientation): { rotate: 0 | 90 | 180 | 270; flop: boolean; flip: boolean } {
  switch (orientation) {
    case 2: return { rotate: 0, flop: true, flip: false };
    case 3: return { rotate: 180, flop: false, flip: false };
    case 4: return { rotate: 0, flop: false, flip: true };
    case 5: return { rotate: 90, flop: true, flip: false };
    case 6: return { rotate: 90, flop: false, flip: false };
    case 7: return { rotate: 90, flop: false, flip: true };
    case 8: return { rotate: 270, flop: false, flip: false };
    default: return { rotate: 0, flop: false, flip: false };
  }
}

export type QuarterTurn = 0 | 90 | 180 | 270;

/** The linear part [a, b, c, d] of orientationMatrix: x = a·u + c·v, y = b·u + d·v. */
function linearOf(orientation: Orientation): [number, number, number, number] {
  const [a, b, c, d] = orientationMatrix(orientation, 0, 0);
  return [a, b, c, d];
}

const ORIENTATIONS: readonly Orientation[] = [1, 2, 3, 4, 5, 6, 7, 8];
/** Orientation 6 is a quarter turn clockwise (y downwards): the archivist's 90°. */
const TURN_OF: Record<QuarterTurn, Orientation> = { 0: 1, 90: 6, 180: 3, 270: 8 };

/**
 * The one orientation that draws the stored pixels as the file's own orientation does and then
 * turns the result `rotation` degrees clockwise (the archivist's correction of a page scanned the
 * wrong way round). The eight EXIF orientations are the symmetries of a rectangle, so the product
 * of two is again one of them: the product of the linear parts, looked up among the eight.
 */
export function composeOrientation(orientation: Orientation, rotation: QuarterTurn): Orientation {
  const [a1, b1, c1, d1] = linearOf(orientation);
  const [a2, b2, c2, d2] = linearOf(TURN_OF[rotation]);
  // Column vectors: M = [[a, c], [b, d]]; turn after orientation is M2 · M1.
  const product = [a2 * a1 + c2 * b1, b2 * a1 + d2 * b1, a2 * c1 + c2 * d1, b2 * c1 + d2 * d1];
  const found = ORIENTATIONS.find((o) => linearOf(o).every((v, i) => v === product[i]));
  if (!found) throw new Error(`无法组合方向 ${orientation} 与旋转 ${rotation}°`);
  return found;
}
