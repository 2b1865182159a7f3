// tesseract.js on real rendered Chinese pages: what CI runs. Each small page costs about a second.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, createTesseractJsEngine, resolveChiSimLangPath, type OcrEngine, type OcrProgress, type OcrResult } from '../../../../src/core/scan/ocr';
import { renderTextPage, tempDir, type RenderedPage } from './fixtures';

const HAN_SPACE_HAN = /[\u4e00-\u9fff] +[\u4e00-\u9fff]/;

export const SAMPLE_LINES = [
  { text: '行政处罚决定书', x: 560, baseline: 150, size: 64 },
  { text: '南通市烟草专卖局 2024年 第12号', x: 150, baseline: 280, size: 44 },
  { text: '当事人：张三，经营地址：崇川区人民路88号。', x: 150, baseline: 370, size: 44 },
];

let page: RenderedPage;
let engine: ReturnType<typeof createTesseractJsEngine>;
let result: OcrResult;
const progress: OcrProgress[] = [];
const cwdBefore = new Set(fs.readdirSync(process.cwd()));

beforeAll(async () => {
  page = await renderTextPage(SAMPLE_LINES, 1654, 520, 200);
  engine = createTesseractJsEngine({ workers: 2 });
  result = await engine.recognize(page.png, { onProgress: (p) => progress.push(p) });
}, 60_000);

afterAll(async () => {
  await engine?.close();
});

describe('tesseract.js engine', () => {
  it('recognizes the Chinese lines, with no spaces inside Chinese runs', () => {
    expect(result.engine).toBe('tesseract.js');
    expect(result.width).toBe(1654);
    expect(result.height).toBe(520);
    const texts = result.lines.map((l) => l.text);
    expect(texts).toContain('行政处罚决定书');
    const all = texts.join('\n');
    for (const s of ['南通市烟草专卖局', '2024年', '第12号', '当事人', '张三', '崇川区人民路88号']) expect(all).toContain(s);
    for (const t of texts) expect(t).not.toMatch(HAN_SPACE_HAN);
    for (const line of result.lines) expect(line.text).toBe(line.words.map((w) => w.text).join(' '));
  });

  it('puts each line box where the line was drawn', () => {
    for (const drawn of page.boxes) {
      const key = drawn.text.replace(/\s/g, '').slice(0, 3);
      const line = result.lines.find((l) => l.text.includes(key));
      expect(line, drawn.text).toBeDefined();
      const tol = 0.02 * page.width;
      expect(Math.abs(line!.bbox.x0 - drawn.x0)).toBeLessThan(tol);
      expect(Math.abs(line!.bbox.x1 - drawn.x1)).toBeLessThan(tol);
      // The ink lies inside the em box: its top and bottom a little within it.
      expect(line!.bbox.y0).toBeGreaterThan(drawn.y0 - tol);
      expect(line!.bbox.y1).toBeLessThan(drawn.y1 + tol);
      for (const w of line!.words) {
        expect(w.bbox.x0).toBeGreaterThanOrEqual(line!.bbox.x0);
        expect(w.bbox.x1).toBeLessThanOrEqual(line!.bbox.x1);
        expect(w.confidence).toBeGreaterThan(0);
      }
    }
  });

  it('reports progress from 0 to 1 in Chinese', () => {
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]!.fraction).toBe(0);
    expect(progress[progress.length - 1]!.fraction).toBe(1);
    expect(progress.some((p) => p.fraction > 0 && p.fraction < 1)).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
    expect(progress.every((p) => /[\u4e00-\u9fff]/.test(p.label))).toBe(true);
  });

  it('runs pages side by side on its workers, never more than the pool', async () => {
    expect(engine.concurrency).toBe(2);
    const file = path.join(tempDir(), '第2页.png');
    fs.writeFileSync(file, page.png);
    const [a, b] = await Promise.all([engine.recognize(page.png), engine.recognize(file)]);
    expect(a.lines.map((l) => l.text)).toEqual(result.lines.map((l) => l.text));
    expect(b.lines.map((l) => l.text)).toEqual(result.lines.map((l) => l.text));
    expect(engine.liveWorkers()).toBeLessThanOrEqual(2);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }, 60_000);

  it('stays offline: data from the installed package, nothing cached in the working directory', () => {
    const langPath = resolveChiSimLangPath();
    expect(langPath).toMatch(/@tesseract\.js-data[\\/]chi_sim[\\/]4\.0\.0_best_int$/);
    expect(fs.existsSync(path.join(langPath, 'chi_sim.traineddata.gz'))).toBe(true);
    const added = fs.readdirSync(process.cwd()).filter((f) => !cwdBefore.has(f));
    expect(added.filter((f) => f.includes('traineddata'))).toEqual([]);
  });

  it('refuses an unreadable image with a Chinese message naming it', async () => {
    const dir = tempDir();
    const bad = path.join(dir, '坏图.jpg');
    fs.writeFileSync(bad, 'not an image');
    await expect(engine.recognize(bad)).rejects.toThrow(/无法读取要识别的图像 坏图\.jpg/);
    await expect(engine.recognize(path.join(dir, '不存在.png'))).rejects.toThrow(/不存在\.png/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('cancel and close', () => {
  it('cancelling mid-page rejects in Chinese and stops the worker; the engine then works again', async () => {
    const one = createTesseractJsEngine({ workers: 1 });
    try {
      const controller = new AbortController();
      const seen: number[] = [];
      const job = one.recognize(page.png, {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.fraction);
          // Mid-page: recognition has started and reported some progress.
          if (p.fraction > 0 && p.fraction < 1) controller.abort();
        },
      });
      await expect(job).rejects.toThrow('操作已取消');
      expect(seen.some((f) => f > 0 && f < 1)).toBe(true);
      // The rejection comes once the worker thread has exited.
      expect(one.liveWorkers()).toBe(0);
      const again = await one.recognize(page.png);
      expect(again.lines.map((l) => l.text)).toContain('行政处罚决定书');
      expect(one.liveWorkers()).toBe(1);
    } finally {
      await one.close();
    }
    expect(one.liveWorkers()).toBe(0);
  }, 60_000);

  it('an already aborted signal starts nothing; queued pages are cancelled without running', async () => {
    const one = createTesseractJsEngine({ workers: 1 });
    try {
      await expect(one.recognize(page.png, { signal: AbortSignal.abort() })).rejects.toThrow('操作已取消');
      expect(one.liveWorkers()).toBe(0);
      const controller = new AbortController();
      const first = one.recognize(page.png);
      const queued = one.recognize(page.png, { signal: controller.signal });
      controller.abort();
      await expect(queued).rejects.toThrow('操作已取消');
      await expect(first).resolves.toMatchObject({ engine: 'tesseract.js' });
    } finally {
      await one.close();
    }
  }, 60_000);

  it('close stops every worker and ends pages in progress; later calls are refused', async () => {
    const two = createTesseractJsEngine({ workers: 2 });
    // Observed from the start, so that its rejection during close() is never unhandled.
    const running = two.recognize(page.png).then(() => undefined, (error: Error) => error);
    await expect.poll(() => two.liveWorkers(), { timeout: 10_000 }).toBeGreaterThan(0);
    await two.close();
    expect((await running)?.message).toMatch('文字识别已关闭');
    expect(two.liveWorkers()).toBe(0);
    await expect(two.recognize(page.png)).rejects.toThrow('文字识别已关闭');
  }, 60_000);
});

describe('createOcrEngine', () => {
  it('defaults to tesseract.js and refuses a missing native program with a reason', async () => {
    const chosen: OcrEngine = await createOcrEngine();
    expect(chosen.name).toBe('tesseract.js');
    await chosen.close();
    await expect(createOcrEngine({ engine: 'tesseract', command: '/nonexistent/tesseract' })).rejects.toThrow(/无法使用本机文字识别：未安装/);
    const fallback = await createOcrEngine({ engine: 'auto', command: '/nonexistent/tesseract' });
    expect(fallback.name).toBe('tesseract.js');
    await fallback.close();
  });
});
