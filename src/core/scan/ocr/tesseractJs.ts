import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import zlib from 'node:zlib';
import type Tesseract from 'tesseract.js';
import { cancelledError } from '../../jobs/jobs';
import { lazyModule } from '../../lazyModule';
import { toOcrPixels } from './image';
import { WorkerPool } from './pool';
import { parseTesseractTsv } from './tsv';
import type { OcrEngine, OcrImage, OcrProgress, OcrResult, RecognizeOptions } from './types';

/**
 * Which chi_sim data in @tesseract.js-data/chi_sim: `best_int` (4.0.0_best_int, LSTM only, 1.7 MB)
 * had 1.8 % character errors on a blurred A4 page where `standard` (4.0.0, legacy + LSTM, 20 MB) had
 * 5.0 %, at the same speed (decision 0007). Hence best_int by default.
 */
export type ChiSimModel = 'best_int' | 'standard';
const MODEL_FOLDER: Record<ChiSimModel, string> = { best_int: '4.0.0_best_int', standard: '4.0.0' };

export interface TesseractJsOptions {
  /** Pages at once, one worker thread each. Default min(2, cores): PDF.md measured 6.7 s a page with one, 3.4 s with two on 2 cores. */
  workers?: number;
  model?: ChiSimModel;
  /** A folder holding chi_sim.traineddata.gz, e.g. unpacked from the packaged app's asar. Default: inside @tesseract.js-data/chi_sim. */
  langPath?: string;
}

interface JsWorker {
  api: Tesseract.Worker;
  thread?: ThreadWorker;
  exited: Promise<void>;
  isBroken: boolean;
  /** The page in progress: where this worker's progress and death go. */
  current?: { onProgress?: (p: OcrProgress) => void; fail(error: Error): void };
}

/** Loaded when the first OCR worker starts, not with the core: ~0.02–0.03 s of every start (decision 0019). */
const loadTesseract = lazyModule(() => import('tesseract.js').then((module) => module.default));

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));
}

/**
 * The folder handed to tesseract.js as langPath. It must be a local path: without langPath,
 * tesseract.js downloads from a CDN (PDF.md), and nothing may be downloaded at run time.
 */
export function resolveChiSimLangPath(model: ChiSimModel = 'best_int'): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = path.dirname(require.resolve('@tesseract.js-data/chi_sim/package.json'));
  } catch (error) {
    throw new Error('找不到中文识别数据（@tesseract.js-data/chi_sim）。请重新安装本软件。', { cause: error });
  }
  return path.join(pkg, MODEL_FOLDER[model]);
}

/**
 * Checks the data before a worker loads it. tesseract.js reports a missing or damaged
 * traineddata through its errorHandler and leaves createWorker pending with its thread running, so
 * the failure is caught here, with a message, instead of as a hang.
 */
function checkLangData(langPath: string): void {
  const file = path.join(langPath, 'chi_sim.traineddata.gz');
  try {
    zlib.gunzipSync(fs.readFileSync(file));
  } catch (error) {
    throw new Error(`中文识别数据不可用：${file}（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）。请重新安装本软件。`, { cause: error });
  }
}

export function createTesseractJsEngine(options: TesseractJsOptions = {}): OcrEngine & { liveWorkers(): number } {
  const langPath = options.langPath ?? resolveChiSimLangPath(options.model);
  checkLangData(langPath);
  const threads = new Set<ThreadWorker>();

  const create = async (): Promise<JsWorker> => {
    // The logger is fixed at creation, before the worker object exists: it looks the worker up here.
    const ref: { worker?: JsWorker } = {};
    let failInit: ((e: Error) => void) | undefined;
    const initFailed = new Promise<never>((_, reject) => (failInit = reject));
    initFailed.catch(() => undefined);
    const tesseract = await loadTesseract();
    const api = await Promise.race([
      tesseract.createWorker('chi_sim', tesseract.OEM.LSTM_ONLY, {
        langPath,
        // 'none': neither read a cached copy from nor write one into the working directory (PDF.md).
        cacheMethod: 'none',
        gzip: true,
        logger: (m: Tesseract.LoggerMessage) => {
          if (m.status === 'recognizing text') ref.worker?.current?.onProgress?.({ fraction: clamp01(m.progress), label: '正在识别文字' });
        },
        // Without a handler tesseract.js throws from its message listener, which would end the process.
        errorHandler: (e: unknown) => failInit?.(new Error(`文字识别引擎启动失败：${String(e)}`)),
      }),
      initFailed,
    ]);
    failInit = undefined;
    const thread = (api as unknown as { worker?: ThreadWorker }).worker ?? undefined;
    const worker: JsWorker = { api, thread, exited: Promise.resolve(), isBroken: false };
    if (thread) {
      threads.add(thread);
      worker.exited = new Promise<void>((resolve) => thread.once('exit', () => {
        threads.delete(thread);
        worker.isBroken = true;
        worker.current?.fail(new Error('文字识别进程意外退出。请重试；如仍失败请联系管理员。'));
        resolve();
      }));
      thread.on('error', (error) => {
        worker.isBroken = true;
        worker.current?.fail(new Error(`文字识别进程出错：${error.message}。请重试。`, { cause: error }));
      });
    }
    ref.worker = worker;
    return worker;
  };

  const destroy = async (worker: JsWorker): Promise<void> => {
    worker.current = undefined;
    worker.isBroken = true;
    await worker.api.terminate();
    await worker.exited;
  };

  const pool = new WorkerPool<JsWorker>(options.workers ?? defaultWorkerCount(), { create, destroy, isUsable: (w) => !w.isBroken }, () => new Error('文字识别已关闭，无法继续识别。'));

  return {
    name: 'tesseract.js',
    concurrency: pool.size,
    liveWorkers: () => threads.size,
    async recognize(image: OcrImage, opts: RecognizeOptions = {}): Promise<OcrResult> {
      if (opts.signal?.aborted) throw cancelledError();
      return pool.run(async (worker) => {
        const pixels = await toOcrPixels(image);
        opts.onProgress?.({ fraction: 0, label: '正在识别文字' });
        const data = await new Promise<Tesseract.Page>((resolve, reject) => {
          // Cancelled or closed while the image was decoding: tesseract.js would post to a dead
          // thread, and its send() rejects where no one listens (an unhandled rejection).
          if (worker.isBroken) return reject(new Error('文字识别进程已停止。'));
          worker.current = { onProgress: opts.onProgress, fail: reject };
          worker.api.recognize(pixels.pgm, {}, { text: false, tsv: true }).then((r) => resolve(r.data), (e: unknown) => reject(recognitionError(e)));
        }).finally(() => (worker.current = undefined));
        const parsed = parseTesseractTsv(data.tsv ?? '');
        opts.onProgress?.({ fraction: 1, label: '文字识别完成' });
        return { ...parsed, width: parsed.width || pixels.width, height: parsed.height || pixels.height, engine: 'tesseract.js' };
      }, opts.signal);
    },
    close: () => pool.close(),
  };
}

function recognitionError(e: unknown): Error {
  const detail = String(e instanceof Error ? e.message : e).replace(/^Error:\s*/, '');
  return new Error(`文字识别失败：${detail}。请确认图像完整后重试。`);
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
