/**
 * Layout without OpenType shaping for the text our forms and stamps are made of: Han characters,
 * CJK and full-width punctuation, digits and a few ASCII marks. For these fontkit's shaping changes
 * nothing in Noto Sans CJK (one glyph per character from the cmap, its advance from hmtx; checked
 * string by string in plainLayout.test.ts), but its first layout of a process decodes the collection's
 * GSUB and GPOS tables and walks their lookups: ~0.2 s of every compile's covers and contents before
 * the first page is written (decision 0018). Anything else (Latin letters, which the font kerns and
 * ligates, combining marks, other scripts) still goes through fontkit, or is read back as fontkit
 * shaped it in an earlier process (layoutCache.ts, decision 0022).
 */

import type { LayoutStore, StoredRun } from './layoutCache';

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** The part of a fontkit Font that pdfkit's EmbeddedFont uses for text. */
export interface LayoutFont {
  layout(text: string, features?: unknown, ...rest: unknown[]): unknown;
  glyphsForString(text: string): Glyph[];
  getGlyph(id: number, codePoints?: number[]): Glyph;
}

/**
 * Characters fontkit lays out one glyph each, at the glyph's advance, in this font: CJK ideographs
 * (with extension A), CJK symbols and punctuation, full-width forms, ASCII digits and the marks our
 * forms print between them (space, - . / : , ( ) 〔 〕 are covered by the ranges or listed).
 */
const PLAIN = /^[\u3000-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e0-9 .,:;/()\-#%·—…“”‘’]*$/u;

export function isPlainText(text: string): boolean {
  return PLAIN.test(text);
}

/** A glyph run shaped like fontkit's: pdfkit scales `positions` in place and reads `advanceWidth` after. */
export function plainRun(font: LayoutFont, text: string) {
  const glyphs = font.glyphsForString(text);
  return glyphRun(
    glyphs,
    glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })),
    'hani',
  );
}

/** A run fontkit shaped in an earlier process, with new glyph and position objects (pdfkit scales them). */
export function storedRun(font: LayoutFont, stored: StoredRun) {
  return glyphRun(
    stored.glyphs.map((g) => font.getGlyph(g.id, [...g.codePoints])),
    stored.positions.map((p) => ({ ...p })),
    'latn',
  );
}

function glyphRun(glyphs: Glyph[], positions: GlyphPosition[], script: string) {
  return {
    glyphs,
    positions,
    script,
    language: null,
    direction: 'ltr',
    features: {},
    get advanceWidth(): number {
      let width = 0;
      for (const p of positions) width += p.xAdvance;
      return width;
    },
  };
}

/** What is kept of a fontkit run: each glyph's id and characters, each position's four numbers. */
function toStored(run: { glyphs: Glyph[]; positions: GlyphPosition[] }): StoredRun {
  return {
    glyphs: run.glyphs.map((g) => ({ id: g.id, codePoints: [...g.codePoints] })),
    positions: run.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })),
  };
}

const PATCHED = Symbol('plainLayout');

/**
 * Makes `font.layout` take the plain path for plain text when no OpenType features are asked for
 * (pdfkit asks for none in our documents), and, with a store, take other text's run from an earlier
 * process's shaping or keep the new one for the next (decision 0022). Idempotent: a parsed font is
 * reused by later documents.
 */
export function usePlainLayout(font: LayoutFont, store?: LayoutStore): void {
  const marked = font as LayoutFont & { [PATCHED]?: true };
  if (marked[PATCHED]) return;
  const shaped = font.layout.bind(font);
  marked.layout = (text: string, features?: unknown, ...rest: unknown[]) => {
    if (features !== undefined || rest.length > 0) return shaped(text, features, ...rest);
    if (isPlainText(text)) return plainRun(font, text);
    const stored = store?.get(text);
    if (stored) return storedRun(font, stored);
    const run = shaped(text) as { glyphs: Glyph[]; positions: GlyphPosition[] };
    store?.put(text, toStored(run));
    return run;
  };
  marked[PATCHED] = true;
}
