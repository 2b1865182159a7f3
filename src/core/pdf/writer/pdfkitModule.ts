/// <reference types="pdfkit" />
import { lazyModule } from '../../lazyModule';
import { fontkitLoaded } from './fonts';
import { replaceSlowFontkitDependencies } from './fontkitDependencies';

/**
 * pdfkit, loaded when the first PDF is written rather than when the core starts: with fontkit,
 * linebreak and png-js it took 0.3–0.5 s to evaluate on the 2-core machine, which every CLI command
 * and the app's start paid although most calls write no PDF. Every document is made after it.
 */
export const loadPdfkit: () => Promise<PDFKit.PDFDocument> = lazyModule(() => {
  replaceSlowFontkitDependencies();
  // fontkit with it: the writer opens the font itself (fonts.ts); pdfkit imports the same module.
  return Promise.all([import('pdfkit'), import('fontkit')]).then(([pdfkit, fontkit]) => {
    fontkitLoaded(fontkit);
    return pdfkit.default;
  });
});
