// Measures the OCR engines on generated A4 pages (decision 0007): seconds a page with 1 and 2
// workers, tesseract.js and native tesseract, and the character error rate of each chi_sim model.
// Not a test (it takes minutes): run with `npx tsx test/core/scan/ocr/measure.ts [pages]`.
import os from 'node:os';
import sharp from 'sharp';
import { createNativeTesseractEngine, createTesseractJsEngine, detectNativeTesseract, type ChiSimModel, type OcrEngine } from '../../../../src/core/scan/ocr';
import { DECISION_TEXT, editDistance, renderTextPage } from './fixtures';

const pageCount = Number(process.argv[2] ?? 4);
const DPI = 300;
const W = 2480;
const H = 3508;
const PER_LINE = 38;

async function densePage(offset: number): Promise<{ image: Buffer; truth: string }> {
  const text = DECISION_TEXT.repeat(5).slice(offset % DECISION_TEXT.length);
  const lines: string[] = [];
  for (let i = 0; i + PER_LINE <= text.length && lines.length < 33; i += PER_LINE) lines.push(text.slice(i, i + PER_LINE));
  const page = await renderTextPage(lines.map((t, i) => ({ text: t, x: 290, baseline: 350 + i * 95, size: 50 })), W, H, DPI);
  // A little blur and JPEG at 75: closer to a scanner's output than a clean rasterization.
  const image = await sharp(page.png).blur(0.8).jpeg({ quality: 75 }).withMetadata({ density: DPI }).toBuffer();
  return { image, truth: lines.join('') };
}

async function timeEngine(label: string, engine: OcrEngine, pages: { image: Buffer; truth: string }[]): Promise<void> {
  // One warm-up page so that worker start-up (about 0.5–1 s each) is not counted as page time.
  await Promise.all(Array.from({ length: engine.concurrency }, () => engine.recognize(pages[0]!.image)));
  const t0 = performance.now();
  const results = await Promise.all(pages.map((p) => engine.recognize(p.image)));
  const seconds = (performance.now() - t0) / 1000;
  let errors = 0;
  let chars = 0;
  results.forEach((r, i) => {
    const got = r.lines.map((l) => l.text).join('').replace(/\s/g, '');
    errors += editDistance(got, pages[i]!.truth);
    chars += pages[i]!.truth.length;
  });
  console.log(`${label.padEnd(34)} ${(seconds / pages.length).toFixed(2)} s/page  (${pages.length} pages in ${seconds.toFixed(1)} s)  CER ${((100 * errors) / chars).toFixed(2)} %`);
  await engine.close();
}

const pages = await Promise.all(Array.from({ length: pageCount }, (_, i) => densePage(i * 57)));
console.log(`${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${pageCount} A4 pages at ${DPI} dpi, ${pages[0]!.truth.length} characters each`);
for (const model of ['best_int', 'standard'] as ChiSimModel[]) {
  await timeEngine(`tesseract.js ${model}, 1 worker`, createTesseractJsEngine({ workers: 1, model }), pages);
  await timeEngine(`tesseract.js ${model}, 2 workers`, createTesseractJsEngine({ workers: 2, model }), pages);
}
const native = await detectNativeTesseract();
if (native.isAvailable) {
  await timeEngine(`native ${native.version}, 1 process`, createNativeTesseractEngine({ processes: 1 }), pages);
  await timeEngine(`native ${native.version}, 2 processes`, createNativeTesseractEngine({ processes: 2 }), pages);
} else {
  console.log(`native tesseract: ${native.reason}`);
}
console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
