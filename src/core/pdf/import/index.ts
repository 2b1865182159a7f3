export { checkBornDigitalPdf } from './checkPdf';
export type { BornDigitalCheck, BornDigitalPageInfo } from './checkPdf';
export { openBornDigitalPdf, BornDigitalPdfRefused } from './openPdf';
export { drawImportedPage } from './importPage';
export type { BornDigitalPdf, DrawImportedPageOptions, DrawnPage } from './importPage';
export { MAX_BORN_DIGITAL_BYTES } from './loadSource';
export { BornDigitalSources, placePdfPage } from './placePage';
export { renderPdfThumbnails } from './thumbnail';
export type { PdfPageThumbnail } from './thumbnail';
