import type { BBox, OcrLine, OcrWord } from './types';

/**
 * Characters written without spaces in Chinese text: ideographs (with extensions A–G and the
 * compatibility block), CJK symbols and punctuation (、。「」), kana, full-width forms (，：！０-９)
 * and the vertical/compatibility punctuation forms.
 */
const CJK = /[\u2E80-\u2FDF\u3000-\u30FF\u3100-\u312F\u31C0-\u31EF\u3200-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE10-\uFE1F\uFE30-\uFE4F\uFF00-\uFFEF\u{20000}-\u{3FFFF}]/u;

export function isCjk(char: string): boolean {
  return CJK.test(char);
}

/**
 * Whether tesseract's word gap between `left` and `right` is a real space. tesseract's chi_sim puts
 * a space between nearly every character and at every change of script (PDF.md, "OCR"), so a gap
 * touching a Chinese character or Chinese punctuation is never kept; Chinese typesetting writes
 * "2024年" and "第12号" without one. Between Latin words and numbers ("No. 12", "GB 2626") it stays.
 */
export function isRealSpace(left: string, right: string): boolean {
  const a = lastChar(left);
  const b = firstChar(right);
  if (a === undefined || b === undefined) return false;
  return !isCjk(a) && !isCjk(b);
}

/** Text-only form of the rule, for engines or callers that have no word boxes. */
export function removeCjkSpaces(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const tokens = line.split(/[ \t\u00A0]+/).filter(Boolean);
      let out = tokens[0] ?? '';
      for (let i = 1; i < tokens.length; i++) out += (isRealSpace(out, tokens[i]!) ? ' ' : '') + tokens[i];
      return out;
    })
    .join('\n');
}

/**
 * tesseract's LSTM word boxes for Chinese often run on to the end of the line ("行政" measured
 * 562–1005 px on a line whose title ended at 1008) while their left edges are right. In reading
 * order, a word ends where the next one starts; the line box bounds them all.
 */
export function repairWordBoxes(words: readonly OcrWord[], line?: BBox): OcrWord[] {
  return words.map((word, i) => {
    const next = words[i + 1];
    let { x0, y0, x1, y1 } = word.bbox;
    if (next && next.bbox.x0 > x0 && x1 > next.bbox.x0) x1 = next.bbox.x0;
    if (line) {
      x0 = clamp(x0, line.x0, line.x1);
      x1 = clamp(x1, line.x0, line.x1);
      y0 = clamp(y0, line.y0, line.y1);
      y1 = clamp(y1, line.y0, line.y1);
    }
    return { ...word, bbox: { x0, y0, x1: Math.max(x1, x0), y1: Math.max(y1, y0) } };
  });
}

/**
 * Builds one line from tesseract's words in reading order: boxes repaired, words joined across
 * every gap that is not a real space (the merged word's box is the union of its parts and its
 * confidence the lowest part's), so that `line.text === line.words.map(w => w.text).join(' ')`
 * and each word's box covers exactly its characters.
 */
export function buildLine(rawWords: readonly OcrWord[], lineBox?: BBox): OcrLine | undefined {
  const cleaned = rawWords
    .map((w) => ({ ...w, text: w.text.replace(/\s+/g, '') }))
    .filter((w) => w.text.length > 0 && w.bbox.x1 >= w.bbox.x0 && w.bbox.y1 >= w.bbox.y0);
  if (!cleaned.length) return undefined;
  const repaired = repairWordBoxes(cleaned, lineBox);
  const words: OcrWord[] = [];
  for (const word of repaired) {
    const last = words[words.length - 1];
    if (last && !isRealSpace(last.text, word.text)) {
      words[words.length - 1] = { text: last.text + word.text, bbox: union(last.bbox, word.bbox), confidence: Math.min(last.confidence, word.confidence) };
    } else {
      words.push({ ...word, bbox: { ...word.bbox } });
    }
  }
  const bbox = lineBox ? { ...lineBox } : words.map((w) => w.bbox).reduce(union);
  return { text: words.map((w) => w.text).join(' '), bbox, words };
}

export function union(a: BBox, b: BBox): BBox {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

function lastChar(s: string): string | undefined {
  const chars = Array.from(s);
  return chars[chars.length - 1];
}

function firstChar(s: string): string | undefined {
  const cp = s.codePointAt(0);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}
