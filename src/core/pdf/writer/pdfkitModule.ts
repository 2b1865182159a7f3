/// <reference types="pdfkit" />

let loading: Promise<PDFKit.PDFDocument> | undefined;

/**
 * pdfkit, loaded when the first PDF is written rather than when the core starts: with fontkit,
 * linebreak and png-js it took 0.3–0.5 s to evaluate on the 2-core machine, which every CLI command
 * and the app's start paid although most calls write no PDF. A failed load is tried again next time.
 */
export function loadPdfkit(): Promise<PDFKit.PDFDocument> {
  loading ??= import('pdfkit').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
