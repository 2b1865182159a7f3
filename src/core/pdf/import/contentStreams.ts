import zlib from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFContext, type PDFPageLeaf } from 'pdf-lib';

/** A page's /Contents: one stream or an array of them (ISO 32000-1 §7.7.3.3, Table 30). */
export function contentStreamsOf(context: PDFContext, leaf: PDFPageLeaf): PDFRawStream[] {
  let contents = leaf.get(PDFName.of('Contents'));
  if (contents instanceof PDFRef) contents = context.lookup(contents);
  const items = contents instanceof PDFArray ? contents.asArray() : contents === undefined ? [] : [contents];
  return items.map((item, i) => {
    const stream = item instanceof PDFRef ? context.lookup(item) : item;
    if (!(stream instanceof PDFRawStream)) throw new Error(`第 ${i + 1} 个内容流不是流对象`);
    return stream;
  });
}

export function filtersOf(stream: PDFRawStream): string[] {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) return filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : '?'));
  return [];
}

/**
 * The decoded bytes of a content stream. Flate, by far the usual filter, goes through Node's zlib,
 * which reports corrupt data (pdf-lib's own inflater was written to be lenient); a missing end of
 * stream is tolerated as viewers do. Other filters use pdf-lib's decoders. Predictors (§7.4.4.4) are
 * for images and are refused here rather than mis-decoded.
 */
export function decodeStream(stream: PDFRawStream): Uint8Array {
  const filters = filtersOf(stream);
  const parms = stream.dict.lookup(PDFName.of('DecodeParms'));
  const parmList = parms instanceof PDFArray ? parms.asArray() : [parms];
  for (const p of parmList) {
    const dict = p instanceof PDFRef ? undefined : p;
    const predictor = dict instanceof PDFDict ? dict.lookup(PDFName.of('Predictor')) : undefined;
    if (predictor instanceof PDFNumber && predictor.asNumber() > 1) throw new Error('内容流使用了预测器编码，无法解码');
  }
  if (filters.every((f) => f === 'FlateDecode')) {
    let bytes: Uint8Array = stream.contents;
    for (let i = 0; i < filters.length; i++) bytes = zlib.inflateSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    return bytes;
  }
  return decodePDFRawStream(stream).decode();
}
