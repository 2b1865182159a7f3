export { writeRecordPdf, geometryOf, PRODUCER, CJK_FONT_ALIAS, DEFAULT_MAX_BUFFERED_BYTES } from './writeRecordPdf';
export type { RecordMetadata, PageGeometry, WriteRecordPdfOptions, WriteRecordPdfResult } from './writeRecordPdf';
export { resolveFontPath, resolveFont, BUNDLED_FONT_FILE, BUNDLED_FONT_POSTSCRIPT_NAME } from './fonts';
export type { FontChoice } from './fonts';
export { buildXmp, escapeXml } from './xmp';
export { loadPdfkit } from './pdfkitModule';
