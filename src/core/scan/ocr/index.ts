import { createNativeTesseractEngine, detectNativeTesseract } from './nativeTesseract';
import { createTesseractJsEngine, type ChiSimModel } from './tesseractJs';
import type { OcrEngine } from './types';

export { buildLine, isCjk, isRealSpace, removeCjkSpaces, repairWordBoxes } from './cjkText';
export { ocrPixelsOfScanPage, toOcrPixels } from './image';
export type { OcrPixels } from './image';
export { createNativeTesseractEngine, detectNativeTesseract } from './nativeTesseract';
export type { NativeTesseractOptions, NativeTesseractStatus } from './nativeTesseract';
export { createTesseractJsEngine, defaultWorkerCount, resolveChiSimLangPath } from './tesseractJs';
export type { ChiSimModel, TesseractJsOptions } from './tesseractJs';
export { drawInvisibleTextLayer } from './textLayer';
export type { TextLayerGeometry, TextLayerStats } from './textLayer';
export { recognizePages } from './pages';
export type { PagesProgress, RecognizePagesOptions } from './pages';
export { parseTesseractTsv } from './tsv';
export type * from './types';

export interface OcrEngineChoice {
  /**
   * 'tesseract.js' (default): the bundled engine and data, the same result on every machine.
   * 'tesseract': the native program, refused with a reason when it or chi_sim is missing.
   * 'auto': native where present (faster, decision 0007), else tesseract.js.
   */
  engine?: 'tesseract.js' | 'tesseract' | 'auto';
  /** Pages at once. Default min(2, cores). */
  workers?: number;
  model?: ChiSimModel;
  /** Native program path, default `tesseract`. */
  command?: string;
}

export async function createOcrEngine(choice: OcrEngineChoice = {}): Promise<OcrEngine> {
  const engine = choice.engine ?? 'tesseract.js';
  if (engine !== 'tesseract.js') {
    const status = await detectNativeTesseract(choice.command);
    if (status.isAvailable) return createNativeTesseractEngine({ command: choice.command, processes: choice.workers });
    if (engine === 'tesseract') throw new Error(`无法使用本机文字识别：${status.reason}请安装后重试，或改用内置识别引擎。`);
  }
  return createTesseractJsEngine({ workers: choice.workers, model: choice.model });
}
