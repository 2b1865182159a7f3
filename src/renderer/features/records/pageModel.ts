/** Pure rules of the record screen (pages, strikes, drops); tested in test/renderer/records.test.ts. */

import type { RecordDto, RecordPageDto } from '../../../contract';

export type Rotation = 0 | 90 | 180 | 270;

/** A quarter turn to the left or right, as the archivist sees the page. */
export function turn(rotation: Rotation, direction: 'left' | 'right'): Rotation {
  return (((rotation + (direction === 'right' ? 90 : 270)) % 360) as Rotation);
}

/** The order after moving the item at `from` to `to` (both 0-based, `to` counted in the new order). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  if (from < 0 || from >= items.length) return result;
  const [moved] = result.splice(from, 1);
  result.splice(Math.max(0, Math.min(to, result.length)), 0, moved as T);
  return result;
}

export function isSameOrder<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * Where focus goes in a grid of `count` thumbnails `columns` wide: arrows move by one or by a row,
 * Home and End go to the ends. null: the key is not a move, or would leave the grid.
 */
export function gridFocusTarget(index: number, key: string, columns: number, count: number): number | null {
  const cols = Math.max(1, columns);
  const target =
    key === 'ArrowLeft' ? index - 1
    : key === 'ArrowRight' ? index + 1
    : key === 'ArrowUp' ? index - cols
    : key === 'ArrowDown' ? index + cols
    : key === 'Home' ? 0
    : key === 'End' ? count - 1
    : null;
  if (target === null || target < 0 || target >= count || target === index) return null;
  return target;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Smallest region worth recording: a click or a twitch is not a strike. */
export const MIN_REGION_FRACTION = 0.01;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
/** Four decimals: a tenth of a millimetre on an A4 page, and no float noise in the record. */
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * A mouse drag on the page image (pixels from its top-left corner, either direction) as fractions of
 * the upright page, clamped to the page, as `records.strike` takes it. null when too small.
 */
export function regionFromDrag(
  start: { x: number; y: number },
  end: { x: number; y: number },
  box: { width: number; height: number },
): Region | null {
  if (!(box.width > 0 && box.height > 0)) return null;
  const x1 = clamp01(Math.min(start.x, end.x) / box.width);
  const x2 = clamp01(Math.max(start.x, end.x) / box.width);
  const y1 = clamp01(Math.min(start.y, end.y) / box.height);
  const y2 = clamp01(Math.max(start.y, end.y) / box.height);
  const x = round4(x1);
  const y = round4(y1);
  // Rounded from the edges, so that x + width never passes 1 by rounding.
  const width = round4(x2) - x;
  const height = round4(y2) - y;
  if (width < MIN_REGION_FRACTION || height < MIN_REGION_FRACTION) return null;
  return { x, y, width: round4(width), height: round4(height) };
}

/** A region as CSS percentages over its page (the red frames on thumbnails and the large page). */
export function regionStyle(region: Region): { left: string; top: string; width: string; height: string } {
  const pct = (v: number) => `${round4(v * 100)}%`;
  return { left: pct(region.x), top: pct(region.y), width: pct(region.width), height: pct(region.height) };
}

/** A region as the archive room reads it: from the left and top edges, in per cent of the page. */
export function describeRegion(region: Region): string {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return `左 ${pct(region.x)}、上 ${pct(region.y)}，宽 ${pct(region.width)}、高 ${pct(region.height)}`;
}

/**
 * The URL of a stored file: `/files/<id>` on the page's own origin, which is the web host or the
 * packaged app's app://bundle. During `electron-vite dev` the page comes from Vite's server, so the
 * app's origin is named.
 */
export function fileUrl(fileId: string, isDevServer = false): string {
  return `${isDevServer ? 'app://bundle' : ''}/files/${encodeURIComponent(fileId)}`;
}

/**
 * A page of a born-digital PDF record (decision 0009): its original is a PDF. Its thumbnail is
 * rendered from the PDF by the core when it is added, like a scan's; it has its text and needs no OCR.
 */
export function isBornDigital(page: Pick<RecordPageDto, 'file'>): boolean {
  return page.file.mediaType === 'application/pdf';
}

/** Browsers draw JPEG and PNG themselves (EXIF orientation applied); other scans show their thumbnail. */
export function isBrowserImage(mediaType: string): boolean {
  return mediaType === 'image/jpeg' || mediaType === 'image/png';
}

/** The box an image turned by `rotation` needs before turning, inside an upright box of `width` × `height`. */
export function unturnedBox(rotation: Rotation, width: number, height: number): { width: number; height: number } {
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height };
}

/** A page number inside 1…count (1 for an empty document). */
export function clampPage(n: number, count: number): number {
  if (!Number.isFinite(n) || count < 1) return 1;
  return Math.min(count, Math.max(1, Math.round(n)));
}

/** Zoom steps of the viewer, 50 % to 300 %. */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

export function nextZoom(current: number, direction: 'in' | 'out'): number {
  if (direction === 'in') return ZOOM_STEPS.find((z) => z > current + 1e-9) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((z) => z < current - 1e-9) ?? ZOOM_STEPS[0];
}

/** Why this record's pages cannot change now, in the words the archive room uses; null when they can. */
export function lockReasonOf(record: RecordDto, caseState: string, canWrite: boolean): string | null {
  if (caseState === '已归档') return '本案已归档，文书不能再修改。';
  if (record.versions.length > 0) return '签章后不能修改；如需更正，请生成新版本';
  if (!canWrite) return '您的角色没有“登记文书”的权限，只能查看。';
  return null;
}
