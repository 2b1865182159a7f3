import { cancelledError } from '../../jobs/jobs';
import type { OcrEngine, OcrImage, OcrResult } from './types';

export interface PagesProgress {
  /** Pages finished. */
  done: number;
  total: number;
  /** 0–1 over all pages, counting the part of each page in progress. */
  fraction: number;
  label: string;
}

export interface RecognizePagesOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PagesProgress) => void;
}

/**
 * Recognizes a record's pages, as many at once as the engine has workers, results in page order.
 * Pages go to the engine as references (a ScanPage is one) and are decoded only when a worker takes
 * them, so a 1 000-page record does not sit in memory as pixels. The first failure cancels the
 * rest, so that no worker goes on with a job that has already failed.
 */
export async function recognizePages(engine: OcrEngine, pages: readonly OcrImage[], options: RecognizePagesOptions = {}): Promise<OcrResult[]> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw cancelledError();
  const total = pages.length;
  const fractions = new Array<number>(total).fill(0);
  let done = 0;
  const report = (label: string) => {
    const fraction = total ? fractions.reduce((a, b) => a + b, 0) / total : 1;
    onProgress?.({ done, total, fraction, label });
  };
  const inner = new AbortController();
  const forward = () => inner.abort();
  signal?.addEventListener('abort', forward, { once: true });
  const state: { failed?: { page: number; error: unknown } } = {};
  try {
    // allSettled: when one page fails, the call returns only after the others have stopped.
    const settled = await Promise.allSettled(
      pages.map(async (image, i) => {
        try {
          const result = await engine.recognize(image, {
            signal: inner.signal,
            onProgress: (p) => {
              fractions[i] = p.fraction;
              report(`正在识别第 ${i + 1} 页（共 ${total} 页）`);
            },
          });
          fractions[i] = 1;
          done++;
          report(`已识别 ${done} 页（共 ${total} 页）`);
          return result;
        } catch (error) {
          if (!state.failed && !signal?.aborted) {
            state.failed = { page: i + 1, error };
            inner.abort();
          }
          throw error;
        }
      }),
    );
    if (signal?.aborted) throw cancelledError();
    const { failed } = state;
    if (failed) {
      const message = failed.error instanceof Error ? failed.error.message : String(failed.error);
      throw new Error(`第 ${failed.page} 页文字识别失败：${message}`, { cause: failed.error });
    }
    return settled.map((r) => (r as PromiseFulfilledResult<OcrResult>).value);
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}
