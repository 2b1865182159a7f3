import type { Orientation } from '../types';

/** A rectangle in pixels of the image as it was given to the engine; x to the right, y downwards. */
export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  bbox: BBox;
  /** 0–100, as tesseract reports it; for a merged run of Chinese characters, the lowest of its parts. */
  confidence: number;
}

export interface OcrLine {
  /** The words joined: no space inside Chinese runs, one space between Latin words and numbers. */
  text: string;
  bbox: BBox;
  words: OcrWord[];
}

export type OcrEngineName = 'tesseract.js' | 'tesseract';

export interface OcrResult {
  lines: OcrLine[];
  /** Size in pixels of the image that was recognized: the coordinate space of every bbox. */
  width: number;
  height: number;
  engine: OcrEngineName;
}

export interface OcrProgress {
  /** 0–1 within this image. */
  fraction: number;
  /** Chinese, for a progress line or bar. */
  label: string;
}

export interface RecognizeOptions {
  /** Aborting rejects with the jobs' cancelled error; a page in progress has its worker stopped. */
  signal?: AbortSignal;
  onProgress?: (progress: OcrProgress) => void;
}

/**
 * What to recognize: a file path or the bytes of an image file (JPEG, PNG, TIFF, PGM…), whose
 * pixels are taken as stored; or a page of a scan, turned upright by its orientation as the writer
 * draws it (a ScanPage fits). Images are decoded only when a worker takes the page, so a long queue
 * holds references, not pixels.
 */
export type OcrImage = Buffer | string | OcrPageRef;

export interface OcrPageRef {
  file: string;
  /** Page of a multi-page TIFF; 0 for single images. */
  pageInFile?: number;
  /** EXIF/TIFF orientation 1–8 (1 when absent). */
  orientation?: Orientation;
}

export interface OcrEngine {
  readonly name: OcrEngineName;
  /** How many pages can run at once (tesseract.js workers or native processes). */
  readonly concurrency: number;
  recognize(image: OcrImage, options?: RecognizeOptions): Promise<OcrResult>;
  /** Stops every worker; pending and later calls reject. Safe to call twice. */
  close(): Promise<void>;
}
