// Scan fixtures generated with sharp at test time: real files, small, nothing binary in the repo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export const A4_MM = { w: 210, h: 297 };

export function tempDir(prefix = 'dossier-scan-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function a4Pixels(dpi: number): { width: number; height: number } {
  return { width: Math.round((A4_MM.w / 25.4) * dpi), height: Math.round((A4_MM.h / 25.4) * dpi) };
}

/** A grayscale page with lines of "text": short dark strokes on white, margins left blank. */
export function textLikePage(width: number, height: number, seed = 1): Buffer {
  const raw = Buffer.alloc(width * height, 250);
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const line = Math.max(8, Math.round(height / 60));
  for (let y = Math.round(height * 0.1); y < height * 0.9; y += line * 2) {
    for (let x = Math.round(width * 0.1); x < width * 0.9; ) {
      const w = Math.max(2, Math.round(line * (0.3 + rand())));
      for (let yy = y; yy < y + line; yy++) for (let xx = x; xx < Math.min(x + w, width); xx++) if (rand() < 0.55) raw[yy * width + xx] = 20;
      x += w + Math.max(2, Math.round(line * 0.4));
    }
  }
  return raw;
}

export function grayImage(raw: Buffer, width: number, height: number) {
  return sharp(raw, { raw: { width, height, channels: 1 } }).toColourspace('b-w');
}

/** Joins single-page little-endian TIFFs (as sharp writes them) into one multi-page TIFF. */
export function joinTiffs(files: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  let lastNextPointer = -1;
  for (const original of files) {
    const b = Buffer.from(original);
    if (b.readUInt16LE(0) !== 0x4949) throw new Error('little-endian TIFF expected');
    const shift = offset;
    const ifd = b.readUInt32LE(4);
    const count = b.readUInt16LE(ifd);
    const sizes: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 11: 4, 12: 8, 16: 8 };
    for (let i = 0; i < count; i++) {
      const e = ifd + 2 + i * 12;
      const tag = b.readUInt16LE(e);
      const type = b.readUInt16LE(e + 2);
      const n = b.readUInt32LE(e + 4);
      const bytes = (sizes[type] ?? 1) * n;
      const isOffsets = tag === 273 || tag === 324;
      if (bytes > 4) {
        const at = b.readUInt32LE(e + 8);
        if (isOffsets) for (let k = 0; k < n; k++) b.writeUInt32LE(b.readUInt32LE(at + k * 4) + shift, at + k * 4);
        b.writeUInt32LE(at + shift, e + 8);
      } else if (isOffsets) {
        b.writeUInt32LE(b.readUInt32LE(e + 8) + shift, e + 8);
      }
    }
    if (lastNextPointer >= 0) {
      const prev = parts[parts.length - 1]!;
      prev.writeUInt32LE(ifd + shift, lastNextPointer - (offset - prev.length));
    }
    lastNextPointer = shift + ifd + 2 + count * 12;
    const padded = b.length % 2 ? Buffer.concat([b, Buffer.alloc(1)]) : b;
    parts.push(padded);
    offset += padded.length;
  }
  return Buffer.concat(parts);
}

/** A PNG whose header claims 50 000 × 50 000 pixels: a decompression bomb in 60 bytes. */
export function hugePngHeader(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.alloc(0)), chunk('IEND', Buffer.alloc(0))]);
}

export interface ScanFixtures {
  dir: string;
  a4Jpeg: string;
  png: string;
  multiTiff: string;
  rotatedJpeg: string;
  blankJpeg: string;
}

/**
 * The good inputs: an A4 150-dpi grayscale JPEG, a PNG with pHYs, a two-page TIFF (CCITT G4 page and
 * JPEG-compressed page), a JPEG whose EXIF says "turn 90° clockwise" with a black block in the stored
 * top-left corner, and a blank page with faint scanner noise.
 */
export async function makeGoodScans(dir: string): Promise<ScanFixtures> {
  const { width, height } = a4Pixels(150);
  const text = textLikePage(width, height);
  const a4Jpeg = path.join(dir, '01-a4.jpg');
  await grayImage(text, width, height).jpeg({ quality: 85 }).withDensity(150).toFile(a4Jpeg);

  const png = path.join(dir, '02-page.png');
  const small = a4Pixels(100);
  await grayImage(textLikePage(small.width, small.height, 2), small.width, small.height).png().withDensity(100).toFile(png);

  const tiffPx = a4Pixels(100);
  const tiffText = textLikePage(tiffPx.width, tiffPx.height, 3);
  const g4 = await grayImage(tiffText, tiffPx.width, tiffPx.height).tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 100 / 25.4, yres: 100 / 25.4 }).toBuffer();
  const jpegTiff = await grayImage(tiffText, tiffPx.width, tiffPx.height).tiff({ compression: 'jpeg', xres: 100 / 25.4, yres: 100 / 25.4 }).toBuffer();
  const multiTiff = path.join(dir, '03-two-pages.tif');
  fs.writeFileSync(multiTiff, joinTiffs([g4, jpegTiff]));

  // Stored landscape 300 × 200 px at 100 dpi, black block top-left; EXIF 6 turns it portrait.
  const rotRaw = Buffer.alloc(300 * 200, 255);
  for (let y = 0; y < 60; y++) for (let x = 0; x < 60; x++) rotRaw[y * 300 + x] = 0;
  const rotatedJpeg = path.join(dir, '04-rotated.jpg');
  await grayImage(rotRaw, 300, 200).jpeg({ quality: 90 }).withMetadata({ orientation: 6, density: 100 }).toFile(rotatedJpeg);

  const blankRaw = Buffer.alloc(width * height);
  let s = 7;
  for (let i = 0; i < blankRaw.length; i++) blankRaw[i] = 235 + ((s = (s * 1103515245 + 12345) % 2147483648) % 20);
  const blankJpeg = path.join(dir, '05-blank.jpg');
  await grayImage(blankRaw, width, height).jpeg({ quality: 85 }).withDensity(150).toFile(blankJpeg);

  return { dir, a4Jpeg, png, multiTiff, rotatedJpeg, blankJpeg };
}
