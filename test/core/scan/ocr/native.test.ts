// Native tesseract is optional (issue 3, item 4: "or native tesseract where present"): CI runs the
// tesseract.js path; these run where `tesseract` with chi_sim is installed
// (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim) and are skipped, with the reason in
// their title, where it is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNativeTesseractEngine, createOcrEngine, detectNativeTesseract, type NativeTesseractStatus } from '../../../../src/core/scan/ocr';
import { renderTextPage, type RenderedPage } from './fixtures';

const status: NativeTesseractStatus = await detectNativeTesseract();
const title = status.isAvailable ? `native tesseract (${status.version})` : `native tesseract — skipped: ${status.reason}`;

describe('detectNativeTesseract', () => {
  it('reports a missing program with a Chinese reason', async () => {
    const missing = await detectNativeTesseract('/nonexistent/tesseract');
    expect(missing.isAvailable).toBe(false);
    expect(missing.reason).toMatch(/未安装/);
  });
});

describe.skipIf(!status.isAvailable)(title, () => {
  let engine: ReturnType<typeof createNativeTesseractEngine>;
  let page: RenderedPage;

  beforeAll(async () => {
    page = await renderTextPage(
      [
        { text: '行政处罚决定书', x: 560, baseline: 150, size: 64 },
        { text: '南通市烟草专卖局 2024年 第12号', x: 150, baseline: 280, size: 44 },
      ],
      1654,
      400,
      200,
    );
    engine = createNativeTesseractEngine({ processes: 2 });
  });

  afterAll(async () => {
    await engine?.close();
  });

  it('recognizes the same lines, with boxes in the image pixels', async () => {
    const result = await engine.recognize(page.png);
    expect(result.engine).toBe('tesseract');
    expect(result.width).toBe(page.width);
    expect(result.height).toBe(page.height);
    const all = result.lines.map((l) => l.text).join('\n');
    expect(all).toContain('行政处罚决定书');
    expect(all).toContain('南通市烟草专卖局');
    expect(all).toContain('第12号');
    for (const line of result.lines) expect(line.text).not.toMatch(/[\u4e00-\u9fff] +[\u4e00-\u9fff]/);
    const title = result.lines.find((l) => l.text.includes('行政处罚'))!;
    expect(Math.abs(title.bbox.x0 - page.boxes[0]!.x0)).toBeLessThan(0.02 * page.width);
  });

  it('cancelling kills the process and rejects in Chinese', async () => {
    const controller = new AbortController();
    const job = engine.recognize(page.png, { signal: controller.signal });
    await expect.poll(() => engine.liveWorkers(), { timeout: 5000 }).toBeGreaterThan(0);
    controller.abort();
    await expect(job).rejects.toThrow('操作已取消');
    expect(engine.liveWorkers()).toBe(0);
  });

  it("is what createOcrEngine gives for 'tesseract' and 'auto'", async () => {
    for (const choice of ['tesseract', 'auto'] as const) {
      const chosen = await createOcrEngine({ engine: choice });
      expect(chosen.name).toBe('tesseract');
      await chosen.close();
    }
  });
});
