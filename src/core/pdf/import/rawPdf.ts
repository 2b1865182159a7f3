import { PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

/**
 * PDF syntax that pdfkit writes exactly as given. pdfkit's `PDFObject.convert` turns a JS string into
 * a name and a plain object into a dictionary, but falls through to `${value}` for anything it does
 * not know; the tag keeps a class instance from being taken for a plain object (pdfkit tests
 * `{}.toString.call(value) === '[object Object]'`). That is how copied objects keep their own
 * escapes and numbers instead of being re-interpreted.
 */
export class RawPdf {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  get [Symbol.toStringTag](): string {
    return 'RawPdf';
  }
}

/** Maps a reference in the source file to the text of the reference in our output (`12 0 R`). */
export type RefMapper = (ref: PDFRef) => string;

/**
 * One direct value as PDF text (ISO 32000-1 §7.3). Strings go out as hex, so no escaping question
 * arises; names keep pdf-lib's `#xx` escapes; references are renumbered by `mapRef`.
 */
export function serialize(value: PDFObject, mapRef: RefMapper): string {
  if (value instanceof PDFRef) return mapRef(value);
  if (value instanceof PDFName) return nameText(value);
  if (value instanceof PDFNumber) return value.toString();
  if (value instanceof PDFString || value instanceof PDFHexString) return `<${Buffer.from(value.asBytes()).toString('hex')}>`;
  if (value instanceof PDFBool || value === PDFNull) return value.toString();
  if (value instanceof PDFArray) return `[${value.asArray().map((item) => serialize(item, mapRef)).join(' ')}]`;
  if (value instanceof PDFDict) {
    const parts = value.entries().map(([key, item]) => `${nameText(key)} ${serialize(item, mapRef)}`);
    return `<<${parts.join(' ')}>>`;
  }
  throw new Error(`无法复制的 PDF 对象（${value.constructor.name}）`);
}

/**
 * A name as written in the file, with its leading slash. pdf-lib decodes only upper-case `#XX`
 * escapes and then escapes the `#` itself, so `/F#cb` (a GBK font name written in lower case) would
 * come out as `/F#23cb`, a different name that no content stream uses; put such escapes back. A real
 * `#` followed by two lower-case hex digits is the only name this gets wrong.
 */
export function nameText(name: PDFName): string {
  return name.toString().replace(/#23([0-9a-f]{2})/g, (match, hex: string) => (/[a-f]/.test(hex) ? `#${hex}` : match));
}

/** A dictionary key for pdfkit, which writes `/${key}` itself. */
export function pdfkitKey(name: PDFName): string {
  return nameText(name).slice(1);
}
