import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cancelledError } from '../../jobs/jobs';
import { toOcrPixels } from './image';
import { WorkerPool } from './pool';
import { defaultWorkerCount } from './tesseractJs';
import { parseTesseractTsv } from './tsv';
import type { OcrEngine, OcrImage, OcrResult, RecognizeOptions } from './types';

export interface NativeTesseractOptions {
  /** The program; default `tesseract` on PATH (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim). */
  command?: string;
  /** Processes at once. Default min(2, cores). */
  processes?: number;
}

export interface NativeTesseractStatus {
  isAvailable: boolean;
  version?: string;
  /** Chinese, when not available: why. */
  reason?: string;
}

/** Whether a native tesseract with chi_sim data is installed: `tesseract --list-langs` names chi_sim. */
export async function detectNativeTesseract(command = 'tesseract'): Promise<NativeTesseractStatus> {
  let langs: string;
  try {
    langs = await runQuietly(command, ['--list-langs']);
  } catch {
    return { isAvailable: false, reason: `未安装 ${command}（本机 tesseract 程序）。` };
  }
  if (!langs.split(/\r?\n/).some((l) => l.trim() === 'chi_sim')) {
    return { isAvailable: false, reason: `${command} 没有简体中文数据 chi_sim（Debian：tesseract-ocr-chi-sim）。` };
  }
  const version = (await runQuietly(command, ['--version']).catch(() => '')).split(/\r?\n/)[0]?.trim();
  return { isAvailable: true, version: version || undefined };
}

interface Slot {
  child?: ChildProcess;
  exited?: Promise<void>;
}

/**
 * Native tesseract, one process per page, TSV on stdout. OMP_THREAD_LIMIT=1: with OpenMP's default
 * threads, one A4 page took 9–11 s on 2 busy cores against 4.6 s with one thread, and pages are run
 * side by side instead (decision 0007).
 */
export function createNativeTesseractEngine(options: NativeTesseractOptions = {}): OcrEngine & { liveWorkers(): number } {
  const command = options.command ?? 'tesseract';
  const children = new Set<ChildProcess>();
  const destroy = async (slot: Slot): Promise<void> => {
    slot.child?.kill('SIGKILL');
    await slot.exited;
  };
  const pool = new WorkerPool<Slot>(options.processes ?? defaultWorkerCount(), { create: async () => ({}), destroy }, () => new Error('文字识别已关闭，无法继续识别。'));

  return {
    name: 'tesseract',
    concurrency: pool.size,
    liveWorkers: () => children.size,
    async recognize(image: OcrImage, opts: RecognizeOptions = {}): Promise<OcrResult> {
      if (opts.signal?.aborted) throw cancelledError();
      return pool.run(async (slot) => {
        const pixels = await toOcrPixels(image);
        opts.onProgress?.({ fraction: 0, label: '正在识别文字' });
        const tsv = await runTesseract(command, pixels.pgm, slot, children);
        const parsed = parseTesseractTsv(tsv);
        opts.onProgress?.({ fraction: 1, label: '文字识别完成' });
        return { ...parsed, width: parsed.width || pixels.width, height: parsed.height || pixels.height, engine: 'tesseract' };
      }, opts.signal);
    },
    close: () => pool.close(),
  };
}

function runTesseract(command: string, pgm: Buffer, slot: Slot, children: Set<ChildProcess>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(command, ['stdin', 'stdout', '-l', 'chi_sim', '--oem', '1', '--psm', '3', 'tsv'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    children.add(child);
    slot.child = child;
    const out: Buffer[] = [];
    let err = '';
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => (err = (err + b.toString('utf8')).slice(-2000)));
    // EPIPE when tesseract exits before reading everything: the exit code tells what happened.
    child.stdin!.on('error', () => undefined);
    slot.exited = new Promise<void>((done) => {
      child.once('error', (error) => {
        children.delete(child);
        reject(new Error(`无法运行本机 tesseract（${(error as NodeJS.ErrnoException).code ?? error.message}）。请改用内置识别引擎。`, { cause: error }));
        done();
      });
      child.once('close', (code, signal) => {
        children.delete(child);
        if (slot.child === child) slot.child = undefined;
        if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else reject(new Error(`本机 tesseract 识别失败（${signal ?? `退出码 ${code}`}）：${lastLine(err)}。请重试或改用内置识别引擎。`));
        done();
      });
    });
    child.stdin!.end(pgm);
  });
}

function runQuietly(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // tesseract 4 printed --list-langs on stderr, 5 on stdout: read both.
    execFile(command, args, { timeout: 10_000, windowsHide: true }, (error, stdout, stderr) => (error ? reject(error) : resolve(`${stdout}\n${stderr}`)));
  });
}

function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '无输出';
}
