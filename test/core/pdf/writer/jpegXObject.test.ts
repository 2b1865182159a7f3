import sharp, { type JpegOptions } from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegXObject, readJpegFrame } from '../../../../src/core/pdf/writer/jpegXObject';

const jpeg = (channels: 1 | 3 | 4, options: JpegOptions = {}) => {
  const image = sharp({ create: { width: 37, height: 21, channels: channels === 1 ? 3 : channels === 4 ? 4 : 3, background: '#808080' } });
  if (channels === 1) return image.toColourspace('b-w').jpeg(options).toBuffer();
  if (channels === 4) return image.removeAlpha().toColourspace('cmyk').jpeg(options).toBuffer();
  return image.jpeg(options).toBuffer();
};

describe('readJpegFrame (ITU-T T.81 B.2.2)', () => {
  it('reads size, precision and components of grayscale, colour and progressive JPEGs', async () => {
    expect(readJpegFrame(await jpeg(1))).toEqual({ width: 37, height: 21, bitsPerComponent: 8, components: 1 });
    expect(readJpegFrame(await jpeg(3))).toEqual({ width: 37, height: 21, bitsPerComponent: 8, components: 3 });
    expect(readJpegFrame(await jpeg(3, { progressive: true }))).toEqual({ width: 37, height: 21, bitsPerComponent: 8, components: 3 });
    expect(readJpegFrame(await jpeg(4))).toMatchObject({ components: 4 });
  });

  it('skips fill bytes before a marker and segments of any length', async () => {
    const bytes = await jpeg(1);
    // SOI, a long COM segment, fill bytes, then the rest of the file after its SOI.
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x03, 0xe8]), Buffer.alloc(998, 0x41)]);
    const padded = Buffer.concat([bytes.subarray(0, 2), comment, Buffer.from([0xff, 0xff]), bytes.subarray(2)]);
    expect(readJpegFrame(padded)).toEqual({ width: 37, height: 21, bitsPerComponent: 8, components: 1 });
  });

  it('gives null for what is not a JPEG with a frame header: no SOI, cut short, scan data first', async () => {
    const bytes = await jpeg(3);
    expect(readJpegFrame(Buffer.from('not a jpeg at all'))).toBeNull();
    expect(readJpegFrame(bytes.subarray(0, 20))).toBeNull();
    expect(readJpegFrame(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6]))).toBeNull();
  });
});

describe('jpegXObject', () => {
  it('takes 8-bit grayscale and RGB; leaves CMYK to pdfkit (its Decode array) and refuses garbage', async () => {
    expect(jpegXObject(await jpeg(1))).toMatchObject({ width: 37, height: 21, orientation: 1 });
    expect(jpegXObject(await jpeg(3))).toMatchObject({ width: 37, height: 21 });
    expect(jpegXObject(await jpeg(4))).toBeNull();
    expect(jpegXObject(Buffer.from('GIF89a'))).toBeNull();
  });
});
