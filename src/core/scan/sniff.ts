import type { ScanFormat } from './types';

export type Sniffed = { kind: 'accepted'; format: ScanFormat } | { kind: 'refused'; name: string } | { kind: 'unknown' };

/**
 * Decides a file's type by its first bytes, never by its extension: a text file named `.jpg` must be
 * refused as "not an image", not fail deep inside a decoder (issue 3, item 11).
 */
export function sniffFormat(head: Buffer): Sniffed {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return { kind: 'accepted', format: 'jpeg' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: 'accepted', format: 'png' };
  // Classic TIFF (42) and BigTIFF (43), little and big endian; libtiff in sharp reads both.
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return { kind: 'accepted', format: 'tiff' };
  if (starts(0x49, 0x49, 0x2b, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2b)) return { kind: 'accepted', format: 'tiff' };
  const ascii = head.subarray(0, 12).toString('latin1');
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return { kind: 'refused', name: 'GIF' };
  if (ascii.startsWith('BM')) return { kind: 'refused', name: 'BMP' };
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return { kind: 'refused', name: 'WebP' };
  if (ascii.slice(4, 8) === 'ftyp') return { kind: 'refused', name: 'HEIC/AVIF' };
  if (ascii.startsWith('%PDF')) return { kind: 'refused', name: 'PDF' };
  if (starts(0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50)) return { kind: 'refused', name: 'JPEG 2000' };
  return { kind: 'unknown' };
}
