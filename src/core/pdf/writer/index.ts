export { writeRecordPdf, PRODUCER, CJK_FONT_ALIAS, DEFAULT_MAX_BUFFERED_BYTES } from './writeRecordPdf';
export type { RecordMetadata, WriteRecordPdfOptions, WriteRecordPdfResult } from './writeRecordPdf';
export { geometryOf } from './scanPage';
export type { PageGeometry } from './scanPage';
export { resolveFontPath, resolveFont, prefetchFont, BUNDLED_FONT_FILE, BUNDLED_FONT_POSTSCRIPT_NAME } from './fonts';
export type { FontChoice } from './fonts';
export { buildXmp, escapeXml } from './xmp';
export { loadPdfkit } from './pdfkitModule';
