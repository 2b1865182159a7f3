import { buildLine } from './cjkText';
import type { BBox, OcrLine, OcrWord } from './types';

export interface ParsedTsv {
  lines: OcrLine[];
  width: number;
  height: number;
}

/**
 * Reads tesseract's TSV (`level page block par line word left top width height conf text`). Both
 * engines produce it from the same tesseract API, so one parser serves tesseract.js and the native
 * program alike. Level 1 gives the image size, level 4 a line's box, level 5 its words.
 */
export function parseTesseractTsv(tsv: string): ParsedTsv {
  let width = 0;
  let height = 0;
  const order: string[] = [];
  const lineBoxes = new Map<string, BBox>();
  const lineWords = new Map<string, OcrWord[]>();
  for (const row of tsv.split(/\r?\n/)) {
    const cols = row.split('\t');
    if (cols.length < 11 || !/^\d+$/.test(cols[0]!)) continue; // header or blank row
    const [level, page, block, par, line] = cols.slice(0, 5).map(Number) as [number, number, number, number, number];
    const [left, top, w, h] = cols.slice(6, 10).map(Number) as [number, number, number, number];
    const bbox = { x0: left, y0: top, x1: left + w, y1: top + h };
    const key = `${page}/${block}/${par}/${line}`;
    if (level === 1) {
      width = Math.max(width, left + w);
      height = Math.max(height, top + h);
    } else if (level === 4) {
      if (!lineBoxes.has(key)) order.push(key);
      lineBoxes.set(key, bbox);
    } else if (level === 5) {
      const text = cols.slice(11).join('\t');
      if (!text.trim()) continue;
      if (!lineBoxes.has(key)) {
        order.push(key);
        lineBoxes.set(key, bbox);
      }
      const words = lineWords.get(key) ?? [];
      words.push({ text, bbox, confidence: Math.max(0, Number(cols[10])) });
      lineWords.set(key, words);
    }
  }
  const lines: OcrLine[] = [];
  for (const key of order) {
    const line = buildLine(lineWords.get(key) ?? [], lineBoxes.get(key));
    if (line) lines.push(line);
  }
  return { lines, width, height };
}
