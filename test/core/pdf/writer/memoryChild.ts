// Run in a child process by memory.test.ts so that RSS belongs to the writer alone.
// argv: <jpeg> <pages> <outPath> [maxBufferedBytes]
import { writeRecordPdf } from '../../../../src/core/pdf/writer';
import { intakeScans } from '../../../../src/core/scan';

const [file, count, outPath, limit] = process.argv.slice(2);
const { pages } = await intakeScans([file!]);
const all = Array.from({ length: Number(count) }, () => pages[0]!);
const metadata = { title: '内存测试', caseNumber: 'M-1', recordType: '测试', createdAt: new Date() };
// The writer loads pdfkit and the CJK font on first use (tens of MB): a one-page file first, so that
// what is measured below is what the pages cost, not what loading costs.
await writeRecordPdf({ pages: all.slice(0, 1), metadata, outPath: `${outPath!}.warm-up.pdf` });
global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const started = Date.now();
const result = await writeRecordPdf({
  pages: all,
  metadata,
  outPath: outPath!,
  maxBufferedBytes: limit ? Number(limit) : undefined,
  onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
});
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ baseline, peak, maxRss: process.resourceUsage().maxRSS * 1024, bytes: result.bytes, ms: Date.now() - started }));
