import zlib from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFName, type PDFObject, type PDFRawStream } from 'pdf-lib';
import { filtersOf } from './contentStreams';

/**
 * ISO 19005-2 §6.1.7.2 forbids LZWDecode (a patent relic of PDF 1.0–1.1, still met in old exports).
 * When LZW is the last filter of a stream, decode the chain and deflate the result: Flate takes the
 * same predictor parameters (ISO 32000-1 §7.4.4.4), so the stream's /DecodeParms stay valid and the
 * data is unchanged. Null when the stream has no LZW or LZW sits before another filter (left as is,
 * decision 0009).
 */
export function lzwAsFlate(stream: PDFRawStream): { contents: Uint8Array; decodeParms: PDFObject | undefined } | null {
  const filters = filtersOf(stream);
  if (filters[filters.length - 1] !== 'LZWDecode') return null;
  // pdf-lib's decoders apply no predictor, which is what we want here: the predicted bytes go into
  // Flate under the same predictor.
  const decoded = decodePDFRawStream(stream).decode();
  const parms = stream.dict.get(PDFName.of('DecodeParms'));
  const decodeParms = parms instanceof PDFArray ? parms.get(parms.size() - 1) : parms;
  return { contents: zlib.deflateSync(decoded), decodeParms };
}
