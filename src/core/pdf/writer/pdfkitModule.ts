/// <reference types="pdfkit" />
import { lazyModule } from '../../lazyModule';

/**
 * pdfkit, loaded when the first PDF is written rather than when the core starts: with fontkit,
 * linebreak and png-js it took 0.3–0.5 s to evaluate on the 2-core machine, which every CLI command
 * and the app's start paid although most calls write no PDF.
 */
export const loadPdfkit: () => Promise<PDFKit.PDFDocument> = lazyModule(() => import('pdfkit').then((module) => module.default));
