import { PDFDict, PDFName, PDFRawStream, PDFRef, type PDFContext } from 'pdf-lib';
import { decodeStream } from './contentStreams';
import { dictIn, lookupIn, nameIn } from './walk';

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/**
 * Whether a content stream paints in DeviceCMYK: the `k`/`K` operators, or the name DeviceCMYK
 * (`/DeviceCMYK cs`, an inline image's `/CS /CMYK`). Strings, comments and inline image data are
 * skipped so that their bytes are never read as operators (ISO 32000-1 §7.2, §8.9.7).
 */
export function contentUsesDeviceCmyk(bytes: Uint8Array): boolean {
  let i = 0;
  let previous = '';
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (WHITESPACE.has(c)) i++;
    else if (c === 0x25) while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    else if (c === 0x28) {
      let depth = 0;
      for (; i < bytes.length; i++) {
        if (bytes[i] === 0x5c) i++;
        else if (bytes[i] === 0x28) depth++;
        else if (bytes[i] === 0x29 && --depth === 0) break;
      }
      i++;
    } else if (c === 0x3c && bytes[i + 1] !== 0x3c) {
      while (i < bytes.length && bytes[i] !== 0x3e) i++;
      i++;
    } else if (DELIMITERS.has(c) && c !== 0x2f) i += c === 0x3c || c === 0x3e ? 2 : 1;
    else {
      const start = i++;
      while (i < bytes.length && !WHITESPACE.has(bytes[i]!) && !DELIMITERS.has(bytes[i]!)) i++;
      const token = Buffer.from(bytes.subarray(start, i)).toString('latin1');
      if (token === 'k' || token === 'K' || token === '/DeviceCMYK' || (token === '/CMYK' && previous === '/CS') || (token === '/CMYK' && previous === '/ColorSpace')) return true;
      if (token === 'ID') {
        // Inline image data runs to whitespace + EI + whitespace; a single white byte follows ID.
        i++;
        while (i < bytes.length && !(WHITESPACE.has(bytes[i - 1]!) && bytes[i] === 0x45 && bytes[i + 1] === 0x49 && (i + 2 >= bytes.length || WHITESPACE.has(bytes[i + 2]!)))) i++;
        i += 2;
      }
      previous = token;
    }
  }
  return false;
}

/**
 * Streams of a page graph that hold content: form XObjects (appearances too), tiling patterns and a
 * Type 3 font's glyph procedures. The page's own /Contents are passed in by the caller.
 */
export function nestedContentStreams(context: PDFContext, dict: PDFDict, stream?: PDFRawStream): PDFRawStream[] {
  const found: PDFRawStream[] = [];
  if (stream && (nameIn(context, dict, 'Subtype') === 'Form' || lookupIn(context, dict, 'PatternType')?.toString() === '1')) found.push(stream);
  if (nameIn(context, dict, 'Subtype') === 'Type3') {
    const procs = dictIn(context, dict, 'CharProcs');
    for (const [, value] of procs?.entries() ?? []) {
      const proc = value instanceof PDFRef ? context.lookup(value) : value;
      if (proc instanceof PDFRawStream) found.push(proc);
    }
  }
  return found;
}

/** A stream's content, or null when it cannot be decoded (reported elsewhere as unreadable). */
export function streamUsesDeviceCmyk(stream: PDFRawStream): boolean {
  try {
    return contentUsesDeviceCmyk(decodeStream(stream));
  } catch {
    return false;
  }
}

export const isDeviceCmykName = (name: PDFName): boolean => name.decodeText() === 'DeviceCMYK';
