/// <reference types="pdfkit" />

type Writes = { write(chunk: unknown): unknown };
type DocumentWrites = { _write(data: unknown): void };
const PATCHED = Symbol('binaryWritesNative');

/**
 * pdfkit 0.20 turns every string it writes (each content-stream operator, each object's header and
 * dictionary) into bytes with a JavaScript loop over its characters (`fromBinaryString`: each
 * character's low byte). Node's latin1 encoding gives the same bytes natively, and small strings come
 * from Buffer's pool: the loop was ~30 ms of a 300-page dossier's main thread, with the garbage of one
 * new Uint8Array per operator (decision 0020). Both wrappers hand pdfkit bytes, so its own conversion
 * never runs. Once per loaded pdfkit, found through a document and its root reference.
 */
export function writeStringsNatively(doc: PDFKit.PDFDocument): void {
  const documentProto = Object.getPrototypeOf(doc) as DocumentWrites & { [PATCHED]?: true };
  if (documentProto[PATCHED]) return;
  const referenceProto = Object.getPrototypeOf((doc as unknown as { _root: Writes })._root) as Writes;
  const write = referenceProto.write;
  referenceProto.write = function (this: Writes, chunk: unknown) {
    return write.call(this, asBytes(chunk));
  };
  const documentWrite = documentProto._write;
  documentProto._write = function (this: DocumentWrites, data: unknown) {
    documentWrite.call(this, asBytes(data));
  };
  documentProto[PATCHED] = true;
}

/** What pdfkit's own conversion makes of a chunk that is not already bytes: its text and a newline, one byte a character. */
const asBytes = (chunk: unknown): Uint8Array => (chunk instanceof Uint8Array ? chunk : Buffer.from(`${String(chunk)}\n`, 'latin1'));
