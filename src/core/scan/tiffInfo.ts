import type { FileHandle } from 'node:fs/promises';

export interface TiffPageInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  samplesPerPixel: number;
  compression: string;
  photometric: number;
  orientation: number;
  /** Dots per inch, when the page has XResolution/YResolution with an inch or cm unit. */
  dpi?: { x: number; y: number };
}

export interface TiffInfo {
  pages: TiffPageInfo[];
  /** Chinese reason when the file ends before the data its directories point to. */
  truncated?: string;
}

const COMPRESSION: Record<number, string> = {
  1: 'none', 2: 'ccitt-rle', 3: 'ccitt-g3', 4: 'ccitt-g4', 5: 'lzw', 6: 'old-jpeg', 7: 'jpeg',
  8: 'deflate', 32946: 'deflate', 32773: 'packbits', 34712: 'jpeg2000',
};
const TYPE_SIZE: Record<number, number> = { 1: 1, 3: 2, 4: 4, 5: 8, 16: 8 };
const MAX_PAGES = 10_000;

/**
 * Reads a classic TIFF's directories without decoding pixels. sharp does not report the compression
 * (we must know G4 from JPEG-in-TIFF to record how a page was embedded), reports one density for
 * both axes (fax pages are 204 × 196 dpi), and a truncated file is best caught here, before decoding,
 * by checking that every strip or tile lies inside the file. BigTIFF returns null: sharp alone then.
 */
export async function readTiffInfo(fh: FileHandle, fileSize: number): Promise<TiffInfo | null> {
  const head = await readAt(fh, 0, 8);
  const le = head[0] === 0x49;
  const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  if (u16(head, 2) !== 42) return null;

  const pages: TiffPageInfo[] = [];
  const seen = new Set<number>();
  let ifd = u32(head, 4);
  while (ifd !== 0) {
    if (seen.has(ifd) || pages.length >= MAX_PAGES) return { pages, truncated: '目录结构循环或页数过多' };
    seen.add(ifd);
    if (ifd + 2 > fileSize) return { pages, truncated: `第 ${pages.length + 1} 页的目录位于文件末尾之后` };
    const count = u16(await readAt(fh, ifd, 2), 0);
    const size = 2 + count * 12 + 4;
    if (ifd + size > fileSize) return { pages, truncated: `第 ${pages.length + 1} 页的目录不完整` };
    const dir = await readAt(fh, ifd, size);

    const tags = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
      const e = 2 + i * 12;
      const tag = u16(dir, e);
      const type = u16(dir, e + 2);
      const n = u32(dir, e + 4);
      const unit = TYPE_SIZE[type];
      if (!unit || n > 1_000_000) continue;
      const bytes = unit * n;
      const offset = u32(dir, e + 8);
      if (bytes > 4 && offset + bytes > fileSize) return { pages, truncated: `第 ${pages.length + 1} 页的标签数据位于文件末尾之后` };
      const data = bytes <= 4 ? dir.subarray(e + 8, e + 12) : await readAt(fh, offset, bytes);
      const values: number[] = [];
      for (let k = 0; k < n; k++) {
        if (type === 1) values.push(data[k]!);
        else if (type === 3) values.push(u16(data, k * 2));
        else if (type === 4) values.push(u32(data, k * 4));
        else if (type === 5) values.push(u32(data, k * 8) / (u32(data, k * 8 + 4) || 1));
      }
      tags.set(tag, values);
    }
    const first = (tag: number, fallback: number) => tags.get(tag)?.[0] ?? fallback;

    const offsets = tags.get(273) ?? tags.get(324) ?? [];
    const counts = tags.get(279) ?? tags.get(325) ?? [];
    for (let k = 0; k < offsets.length; k++) {
      if (offsets[k]! + (counts[k] ?? 0) > fileSize) {
        return { pages, truncated: `第 ${pages.length + 1} 页的图像数据不完整（文件被截断）` };
      }
    }

    const unit = first(296, 2);
    const xres = first(282, 0);
    const yres = first(283, 0);
    const perInch = unit === 3 ? 2.54 : unit === 2 ? 1 : 0;
    pages.push({
      width: first(256, 0),
      height: first(257, 0),
      bitsPerSample: first(258, 1),
      samplesPerPixel: first(277, 1),
      compression: COMPRESSION[first(259, 1)] ?? `code-${first(259, 1)}`,
      photometric: first(262, -1),
      orientation: first(274, 1),
      dpi: perInch && xres > 0 && yres > 0 ? { x: xres * perInch, y: yres * perInch } : undefined,
    });
    ifd = u32(dir, 2 + count * 12);
  }
  return { pages };
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
