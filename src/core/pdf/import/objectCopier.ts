import { PDFName, PDFRawStream, type PDFDict, type PDFContext, type PDFDocument, type PDFObject, type PDFRef } from 'pdf-lib';
import { lzwAsFlate } from './lzw';
import { pdfkitKey, RawPdf, serialize } from './rawPdf';
import { isOutsideContent } from './walk';

/** The parts of pdfkit's PDFReference we use (node_modules/pdfkit/js/pdfkit.js, class PDFReference). */
export interface PdfkitRef {
  id: number;
  data: object;
  compress: boolean;
  write(chunk: Uint8Array): void;
  end(): void;
  toString(): string;
}
type PdfkitInternals = { ref(data?: object): PdfkitRef };

/** A source page made into a form, and the annotation appearances drawn over it. */
export interface PageForm {
  form: PdfkitRef;
  overlays: { name: string; ref: string; placement: [number, number, number, number, number, number] }[];
}

/**
 * Copies objects of one source PDF into one pdfkit document, renumbered: each source object is
 * written once however many pages use it (a font shared by every page is embedded once). Objects are
 * written as soon as they are reached; pdfkit's cross-reference table does not care about order, and
 * every ref we allocate is ended before control returns, so `doc.end()` never waits on one of ours.
 */
export class ObjectCopier {
  private readonly copied = new Map<string, PdfkitRef>();
  private readonly pending: [PDFRef, PdfkitRef][] = [];
  /** Form XObjects already made from source pages, by page reference. */
  readonly forms = new Map<string, PageForm>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly context: PDFContext,
  ) {}

  /** A direct value as PDF text; every object it reaches is written before this returns. */
  copy(value: PDFObject): string {
    const text = serialize(value, (ref) => this.refText(ref));
    this.flush();
    return text;
  }

  /** A new object in the output, for the caller to fill and end. */
  allocate(data: object): PdfkitRef {
    return (this.doc as unknown as PdfkitInternals).ref(data);
  }

  private refText(ref: PDFRef): string {
    const key = ref.toString();
    let target = this.copied.get(key);
    if (!target) {
      target = this.allocate({});
      this.copied.set(key, target);
      this.pending.push([ref, target]);
    }
    return target.toString();
  }

  private flush(): void {
    for (let next = this.pending.pop(); next; next = this.pending.pop()) {
      const [source, target] = next;
      this.write(source, target);
    }
  }

  private write(source: PDFRef, target: PdfkitRef): void {
    const value = this.context.lookup(source);
    const mapRef = (ref: PDFRef) => this.refText(ref);
    if (value === undefined || isOutsideContent(value)) {
      // Missing objects are refused by the check; a page or the catalog is cut off (walk.ts).
      target.data = new RawPdf('null');
    } else if (value instanceof PDFRawStream) {
      const flate = lzwAsFlate(value);
      const contents = flate?.contents ?? value.contents;
      target.data = streamDictionary(value.dict, mapRef, contents.length === 0);
      if (flate) {
        const data = target.data as Record<string, RawPdf>;
        data.Filter = new RawPdf('/FlateDecode');
        if (flate.decodeParms) data.DecodeParms = new RawPdf(serialize(flate.decodeParms, mapRef));
        else delete data.DecodeParms;
      }
      // Otherwise the bytes go out exactly as they were, under their own /Filter (no re-encoding).
      target.compress = false;
      // pdfkit writes no `stream` keyword for an empty buffer; one space is an empty stream's equal.
      target.write(contents.length ? contents : Buffer.from(' '));
    } else {
      target.data = new RawPdf(serialize(value, mapRef));
    }
    target.end();
    // pdfkit keeps the reference (for the xref); drop our copy of its text.
    target.data = {};
  }
}

/**
 * A stream's dictionary for pdfkit, which sets /Length itself. An image loses what ISO 19005-2
 * §6.2.8 forbids in PDF/A-2: /Interpolate true becomes false (a viewer's smoothing hint, not
 * content), /Alternates and /OPI (print-workflow substitutes) are left out.
 */
export function streamDictionary(dict: PDFDict, mapRef: (ref: PDFRef) => string, empty = false): Record<string, RawPdf> {
  const data: Record<string, RawPdf> = {};
  const isImage = dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image');
  for (const [key, item] of dict.entries()) {
    const name = key.decodeText();
    if (name === 'Length' || (empty && (name === 'Filter' || name === 'DecodeParms'))) continue;
    if (isImage && (name === 'Alternates' || name === 'OPI')) continue;
    data[pdfkitKey(key)] = new RawPdf(isImage && name === 'Interpolate' ? 'false' : serialize(item, mapRef));
  }
  return data;
}

const copiers = new WeakMap<PDFKit.PDFDocument, WeakMap<PDFDocument, ObjectCopier>>();

/** One copier per (output document, source document) pair. */
export function copierFor(doc: PDFKit.PDFDocument, source: PDFDocument): ObjectCopier {
  let bySource = copiers.get(doc);
  if (!bySource) copiers.set(doc, (bySource = new WeakMap()));
  let copier = bySource.get(source);
  if (!copier) bySource.set(source, (copier = new ObjectCopier(doc, source.context)));
  return copier;
}
