// Scans to PDF/A: our intake + writer against img2pdf on the same files (issue 3, item 12).
// Printed, never asserted. The lead wires it into `npm run bench -- scan` and adds signing time.
// Each side runs in its own process under /usr/bin/time -v, so wall time and peak RSS are measured
// the same way for both (no warm-up shared with the bench process).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export interface BenchSide {
  wallSeconds: number;
  peakRssMb: number;
  outputMb: number;
}

export interface ScanBenchResult {
  pages: number;
  inputMb: number;
  ours: BenchSide & { intakeSeconds: number; writeSeconds: number; intakePeakRssMb: number };
  img2pdf: BenchSide | { error: string };
}

const A4_300 = { width: 2480, height: 3508 };
/** Distinct page images; the rest are copies, which costs nothing for either tool. */
const DISTINCT = 10;

/** A4 300-dpi grayscale "scans": paper noise and lines of dark strokes, about 1 MB each as JPEG. */
async function makeScans(dir: string, pages: number): Promise<number> {
  const { width, height } = A4_300;
  const bases: string[] = [];
  for (let k = 0; k < Math.min(DISTINCT, pages); k++) {
    const raw = Buffer.alloc(width * height);
    let s = k + 1;
    const pitch = 36 + k;
    for (let i = 0; i < raw.length; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const y = Math.floor(i / width);
      const x = i % width;
      const inText = y > 250 && y < height - 250 && x > 200 && x < width - 200;
      const ink = inText && y % pitch < 12 && (x + (s % 3)) % 9 < 6 && ((x >> 6) + (y >> 5) + k) % 7 !== 0;
      raw[i] = Math.max(0, 240 + (s % 8) - (ink ? 190 : 0));
    }
    const file = path.join(dir, `base-${k}.jpg`);
    await sharp(raw, { raw: { width, height, channels: 1 } }).toColourspace('b-w').jpeg({ quality: 75 }).withDensity(300).toFile(file);
    bases.push(file);
  }
  let total = 0;
  for (let i = 0; i < pages; i++) {
    const target = path.join(dir, `page-${String(i + 1).padStart(4, '0')}.jpg`);
    fs.copyFileSync(bases[i % bases.length]!, target);
    total += fs.statSync(target).size;
  }
  for (const base of bases) fs.rmSync(base);
  return total;
}

function timed(cmd: string, args: string[]): { wallSeconds: number; peakRssMb: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr)!;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)!;
  return {
    wallSeconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    peakRssMb: Number(rss[1]) / 1024,
    stdout: r.stdout,
  };
}

export async function benchScan(pages: number): Promise<ScanBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-scan-'));
  try {
    const inDir = path.join(dir, 'in');
    fs.mkdirSync(inDir);
    const inputBytes = await makeScans(inDir, pages);
    const files = fs.readdirSync(inDir).sort().map((n) => path.join(inDir, n));

    const oursOut = path.join(dir, 'ours.pdf');
    const self = fileURLToPath(import.meta.url);
    const run = timed(process.execPath, ['--import', 'tsx', self, '--scan-child', inDir, oursOut]);
    const phases = JSON.parse(run.stdout.trim().split('\n').pop()!) as { intakeSeconds: number; writeSeconds: number; intakePeakRssMb: number };
    const ours = { wallSeconds: run.wallSeconds, peakRssMb: run.peakRssMb, outputMb: fs.statSync(oursOut).size / 2 ** 20, ...phases };
    fs.rmSync(oursOut);

    let img2pdf: ScanBenchResult['img2pdf'];
    try {
      const theirsOut = path.join(dir, 'img2pdf.pdf');
      const t = timed('img2pdf', ['-o', theirsOut, ...files]);
      img2pdf = { wallSeconds: t.wallSeconds, peakRssMb: t.peakRssMb, outputMb: fs.statSync(theirsOut).size / 2 ** 20 };
    } catch (error) {
      img2pdf = { error: `img2pdf 不可用（apt-get install img2pdf）：${(error as Error).message.split('\n')[0]}` };
    }
    const result: ScanBenchResult = { pages, inputMb: inputBytes / 2 ** 20, ours, img2pdf };
    printResult(result);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printResult(r: ScanBenchResult): void {
  const row = (name: string, s: BenchSide) => `${name.padEnd(22)} ${s.wallSeconds.toFixed(2).padStart(8)} s ${s.peakRssMb.toFixed(0).padStart(8)} MB ${s.outputMb.toFixed(0).padStart(8)} MB`;
  console.log(`\nscan → PDF: ${r.pages} A4 300-dpi grayscale JPEGs, ${r.inputMb.toFixed(0)} MB in`);
  console.log(`${''.padEnd(22)} ${'wall'.padStart(10)} ${'peak RSS'.padStart(11)} ${'output'.padStart(11)}`);
  console.log(row('ours (intake+writer)', r.ours));
  console.log(`${'  of which intake'.padEnd(22)} ${r.ours.intakeSeconds.toFixed(2).padStart(8)} s ${r.ours.intakePeakRssMb.toFixed(0).padStart(8)} MB (peak so far)`);
  console.log(`${'  of which writer'.padEnd(22)} ${r.ours.writeSeconds.toFixed(2).padStart(8)} s`);
  if ('error' in r.img2pdf) console.log(`img2pdf: ${r.img2pdf.error}`);
  else {
    console.log(row('img2pdf', r.img2pdf));
    console.log(`ours / img2pdf, end to end (process start, intake, writer): time ${(r.ours.wallSeconds / r.img2pdf.wallSeconds).toFixed(2)}×, RSS ${(r.ours.peakRssMb / r.img2pdf.peakRssMb).toFixed(2)}×`);
    // Intake decodes every page once (thumbnail, blank flag); img2pdf decodes nothing. In the app
    // intake runs when pages are added, so the conversion job is the writer (plus signing).
    console.log(`ours / img2pdf, conversion only (writer): time ${(r.ours.writeSeconds / r.img2pdf.wallSeconds).toFixed(2)}×`);
  }
}

/** The measured side: a fresh process that does exactly what the app does with a folder of scans. */
async function child(inDir: string, outPath: string): Promise<void> {
  const { intakeScans } = await import('../src/core/scan');
  const { writeRecordPdf } = await import('../src/core/pdf/writer');
  let t = performance.now();
  const { pages, problems } = await intakeScans([inDir]);
  if (problems.length) throw new Error(JSON.stringify(problems));
  const intakeSeconds = (performance.now() - t) / 1000;
  const intakePeakRssMb = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  t = performance.now();
  await writeRecordPdf({ pages, outPath, metadata: { title: '基准测试', caseNumber: 'BENCH-1', recordType: '基准', createdAt: new Date() } });
  const writeSeconds = (performance.now() - t) / 1000;
  console.log(JSON.stringify({ intakeSeconds, writeSeconds, intakePeakRssMb }));
}

if (process.argv[2] === '--scan-child') {
  await child(process.argv[3]!, process.argv[4]!);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await benchScan(Number(process.argv[2] ?? 300));
}
