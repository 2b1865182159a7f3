/// <reference types="pdfkit" />
import fs from 'node:fs';
import { FileSegment } from './writerThread';

/**
 * A JPEG as an image XObject whose stream is the file's own bytes, handed to pdfkit's output as
 * they are. pdfkit's JPEG class does the same in the file, but on the way its stream writer copies
 * every image into a new buffer (its `concat` of one chunk): for 300 scan pages that was 380 MB of
 * copying and garbage, ~0.15–0.3 s of a conversion here (decision 0017). The bytes in the PDF are
 * identical, so `pdfimages -j` still gives back the scanner's file (issue 3 item 3).
 *
 * pdfkit's `image()` accepts any object with width, height, label and embed(); this is one.
 */

type Ref = { id: number; gen: number; offset: number; data: Record<string, unknown>; finalize(): void; end(): void };
type Internals = {
  ref(data: object): Ref;
  _write(data: string | Uint8Array): void;
  /** pdfkit's Readable push; a writer thread's document takes file segments there too (writeRecordPdf). */
  push(chunk: Uint8Array | FileSegment): void;
  _refEnd(ref: Ref): void;
  _offset: number;
  _imageCount: number;
};

/** SOF markers (baseline, extended, progressive, lossless; Huffman and arithmetic): where the frame header is. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const COLOUR_SPACES: Record<number, string> = { 1: 'DeviceGray', 3: 'DeviceRGB' };

export interface JpegFrame {
  width: number;
  height: number;
  bitsPerComponent: number;
  components: number;
}

/**
 * The frame header of a JPEG (ITU-T T.81 B.2.2), walking the marker segments from SOI. Null when the
 * bytes are not a JPEG with a frame header this writer can pass through (then pdfkit's own path is used).
 */
export function readJpegFrame(bytes: Uint8Array): JpegFrame | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1]!;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    if (SOF.has(marker)) {
      if (pos + 10 > bytes.length) return null;
      return {
        bitsPerComponent: bytes[pos + 4]!,
        height: (bytes[pos + 5]! << 8) | bytes[pos + 6]!,
        width: (bytes[pos + 7]! << 8) | bytes[pos + 8]!,
        components: bytes[pos + 9]!,
      };
    }
    // Start of scan or end of image before any frame header: not a JPEG we can describe.
    if (marker === 0xda || marker === 0xd9 || length < 2) return null;
    pos += 2 + length;
  }
  return null;
}

const passable = (frame: JpegFrame | null): frame is JpegFrame => !!frame && frame.bitsPerComponent === 8 && !!COLOUR_SPACES[frame.components] && !!frame.width && !!frame.height;

/** A pdfkit image over a JPEG's bytes, or null when pdfkit's own JPEG path should take it (CMYK, odd frames). */
export function jpegXObject(bytes: Buffer): PdfkitImage | null {
  const frame = readJpegFrame(bytes);
  return passable(frame) ? new PdfkitImage(bytes, frame) : null;
}

/** The frame header lies before the scan data; 64 KiB covers EXIF and a colour profile before it. */
const HEAD_BYTES = 64 * 1024;
const FIRST_HEAD_BYTES = 8 * 1024;

/**
 * A pdfkit image over a JPEG file whose bytes a writer thread copies into the PDF (decision 0018):
 * only the file's head is read here, synchronously (four system calls; as promises through a busy
 * thread pool they cost the main thread more than the page's drawing). Null when pdfkit's own path
 * should take it, or when the frame header lies beyond the head (then the caller reads the file).
 */
export function jpegFileXObject(file: string): PdfkitImage | null {
  const fd = fs.openSync(file, 'r');
  try {
    const { size } = fs.fstatSync(fd);
    // Most frame headers lie in the first kilobytes; a long EXIF or colour profile takes the longer read.
    let frame: JpegFrame | null = null;
    for (const length of [FIRST_HEAD_BYTES, HEAD_BYTES]) {
      const head = Buffer.allocUnsafe(Math.min(size, length));
      const bytesRead = fs.readSync(fd, head, 0, head.length, 0);
      frame = readJpegFrame(head.subarray(0, bytesRead));
      if (frame || bytesRead < length) break;
    }
    return passable(frame) ? new PdfkitImage(new FileSegment(file, size), frame) : null;
  } finally {
    fs.closeSync(fd);
  }
}

export class PdfkitImage {
  readonly width: number;
  readonly height: number;
  /** pdfkit's rotation for EXIF orientations above 4 is off: the writer turns the page itself. */
  readonly orientation = 1;
  label = '';
  obj: Ref | null = null;
  private bytes: Buffer | FileSegment | null;

  constructor(
    bytes: Buffer | FileSegment,
    private readonly frame: JpegFrame,
  ) {
    this.bytes = bytes;
    this.width = frame.width;
    this.height = frame.height;
  }

  embed(doc: PDFKit.PDFDocument): void {
    if (this.obj) return;
    const pdf = doc as unknown as Internals;
    // The same resource names pdfkit gives its own images, from the same counter, so they never clash.
    this.label = `I${++pdf._imageCount}`;
    let bytes: Buffer | FileSegment | null = this.bytes!;
    this.bytes = null;
    const ref = pdf.ref({});
    const dictionary = [
      '<<',
      '/Type /XObject',
      '/Subtype /Image',
      `/BitsPerComponent ${this.frame.bitsPerComponent}`,
      `/Width ${this.width}`,
      `/Height ${this.height}`,
      `/ColorSpace /${COLOUR_SPACES[this.frame.components]}`,
      '/Filter /DCTDecode',
      `/Length ${bytes.length}`,
      '>>',
    ].join('\n');
    // What pdfkit's PDFReference.finalize writes for a stream, without copying the stream first. The
    // page tree keeps this ref to the end of the document: it must not keep the image's bytes too.
    ref.finalize = () => {
      ref.offset = pdf._offset;
      pdf._write(`${ref.id} ${ref.gen} obj`);
      pdf._write(dictionary);
      pdf._write('stream');
      if (bytes instanceof FileSegment) {
        pdf.push(bytes);
        pdf._offset += bytes.length;
      } else pdf._write(bytes!);
      bytes = null;
      pdf._write('\nendstream');
      pdf._write('endobj');
      pdf._refEnd(ref);
    };
    ref.end();
    this.obj = ref;
  }
}
