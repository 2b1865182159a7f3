// Run by offline.test.ts in a child process whose network is blocked (blockNetwork.cjs): one page
// recognized by tesseract.js with the project's settings, result on stdout.
import { createTesseractJsEngine } from '../../../../src/core/scan/ocr';

const engine = createTesseractJsEngine({ workers: 1 });
try {
  const result = await engine.recognize(process.argv[2]!);
  process.stdout.write(JSON.stringify({ lines: result.lines.map((l) => l.text) }));
} finally {
  await engine.close();
}
