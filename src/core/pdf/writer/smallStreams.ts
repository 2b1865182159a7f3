/// <reference types="pdfkit" />

/**
 * Streams shorter than this are written uncompressed. A scan page's content stream (the image's
 * matrix, the page number) is ~150 bytes; deflating it saved ~100 bytes a page and cost ~0.25 ms in
 * zlib's set-up, 70 ms of a 300-page dossier's main thread (decision 0019). Text layers and forms,
 * which compress well, stay above it.
 */
export const SMALL_STREAM_BYTES = 1024;

type PdfkitRef = { compress: boolean; uncompressedLength: number; data: Record<string, unknown>; finalize(): void };
const PATCHED = Symbol('smallStreamsUncompressed');

/** Makes pdfkit's references skip deflate for small streams; once per loaded pdfkit, found through a document's root. */
export function storeSmallStreamsUncompressed(doc: PDFKit.PDFDocument): void {
  const proto = Object.getPrototypeOf((doc as unknown as { _root: PdfkitRef })._root) as PdfkitRef & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const finalize = proto.finalize;
  proto.finalize = function (this: PdfkitRef) {
    if (this.compress && this.uncompressedLength < SMALL_STREAM_BYTES) {
      this.compress = false;
      delete this.data.Filter;
    }
    finalize.call(this);
  };
  proto[PATCHED] = true;
}
