/// <reference types="pdfkit" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import { lazyModule } from '../../lazyModule';
import { fontkitLoaded } from './fonts';
import { replaceSlowPdfkitDependencies } from './pdfkitDependencies';

/**
 * pdfkit, loaded when the first PDF is written rather than when the core starts: with fontkit,
 * linebreak and png-js it took 0.3–0.5 s to evaluate on the 2-core machine, which every CLI command
 * and the app's start paid although most calls write no PDF. Every document is made after it.
 *
 * Required as CommonJS, not imported as ES modules (decision 0021): Node then neither scans each
 * CommonJS dependency for its export names nor links some thirty ES modules (~30 ms of every compile),
 * and the slow dependencies replaced in the module cache are the ones pdfkit gets.
 */
export const loadPdfkit: () => Promise<PDFKit.PDFDocument> = lazyModule(async () => {
  // A require blocks: after one turn of the event loop, so that a caller that asks for pdfkit and then
  // unseals the key has started its scrypt on libuv's pool first, and the two overlap (decision 0017).
  await new Promise((resolve) => setImmediate(resolve));
  replaceSlowPdfkitDependencies();
  const require = createRequire(import.meta.url);
  const pdfkit = require('pdfkit') as PDFKit.PDFDocument;
  // fontkit with it: the writer opens the font itself (fonts.ts); pdfkit requires the same module.
  // Its version is part of a font's identity for the runs it shaped (layoutCache.ts).
  fontkitLoaded(require('fontkit') as typeof Fontkit, () => versionOf(require.resolve('fontkit')));
  return pdfkit;
});

/** The version in the package.json above a package's entry file (fontkit does not export its package.json). */
function versionOf(entry: string): string {
  for (let dir = path.dirname(entry), i = 0; i < 4; i++, dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name && manifest.version) return manifest.version;
    } catch {
      // Not in this folder: one up.
    }
  }
  return 'unknown';
}
