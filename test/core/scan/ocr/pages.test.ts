import { describe, expect, it } from 'vitest';
import { cancelledError } from '../../../../src/core/jobs/jobs';
import { recognizePages, type OcrEngine, type OcrImage, type PagesProgress, type RecognizeOptions } from '../../../../src/core/scan/ocr';

/** An engine that takes 20 ms a page, reports halfway, fails on 'bad' and honours its signal. */
function fakeEngine() {
  const running = new Set<string>();
  const engine: OcrEngine = {
    name: 'tesseract.js',
    concurrency: 2,
    recognize: (image: OcrImage, opts: RecognizeOptions = {}) =>
      new Promise((resolve, reject) => {
        const name = String(image);
        running.add(name);
        opts.onProgress?.({ fraction: 0.5, label: '正在识别文字' });
        const timer = setTimeout(() => {
          running.delete(name);
          if (name === 'bad') reject(new Error('无法读取要识别的图像 bad'));
          else resolve({ lines: [{ text: name, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, words: [] }], width: 1, height: 1, engine: 'tesseract.js' });
        }, name === 'bad' ? 5 : 20);
        opts.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          running.delete(name);
          reject(cancelledError());
        });
      }),
    close: async () => undefined,
  };
  return { engine, running };
}

describe('recognizePages', () => {
  it('returns results in page order with progress over all pages', async () => {
    const { engine } = fakeEngine();
    const seen: PagesProgress[] = [];
    const results = await recognizePages(engine, ['a', 'b', 'c'], { onProgress: (p) => seen.push(p) });
    expect(results.map((r) => r.lines[0]!.text)).toEqual(['a', 'b', 'c']);
    expect(seen[seen.length - 1]).toMatchObject({ done: 3, total: 3, fraction: 1 });
    expect(seen.some((p) => p.fraction > 0 && p.fraction < 1)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.fraction).toBeGreaterThanOrEqual(seen[i - 1]!.fraction);
    expect(seen.every((p) => /页/.test(p.label))).toBe(true);
  });

  it('names the failed page, stops the others and returns only once they have stopped', async () => {
    const { engine, running } = fakeEngine();
    await expect(recognizePages(engine, ['a', 'bad', 'c'])).rejects.toThrow('第 2 页文字识别失败：无法读取要识别的图像 bad');
    expect(running.size).toBe(0);
  });

  it('a cancel by the caller rejects with the cancelled error', async () => {
    const { engine, running } = fakeEngine();
    const controller = new AbortController();
    const job = recognizePages(engine, ['a', 'b'], { signal: controller.signal });
    controller.abort();
    await expect(job).rejects.toThrow('操作已取消');
    expect(running.size).toBe(0);
    await expect(recognizePages(engine, ['a'], { signal: AbortSignal.abort() })).rejects.toThrow('操作已取消');
  });
});
