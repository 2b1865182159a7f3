/**
 * Layout without OpenType shaping for the text our forms and stamps are made of: Han characters,
 * CJK and full-width punctuation, digits and a few ASCII marks. For these fontkit's shaping changes
 * nothing in Noto Sans CJK (one glyph per character from the cmap, its advance from hmtx; checked
 * string by string in plainLayout.test.ts), but its first layout of a process decodes the collection's
 * GSUB and GPOS tables and walks their lookups: ~0.2 s of every compile's covers and contents before
 * the first page is written (decision 0018). Anything else (Latin letters, which the font kerns and
 * ligates, combining marks, other scripts) still goes through fontkit.
 */

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
  const positions: GlyphPosition[] = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
  return {
    glyphs,
    positions,
    script: 'hani',
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

const PATCHED = Symbol('plainLayout');

/**
 * Makes `font.layout` take the plain path for plain text when no OpenType features are asked for
 * (pdfkit asks for none in our documents). Idempotent: a parsed font is reused by later documents.
 */
export function usePlainLayout(font: LayoutFont): void {
  const marked = font as LayoutFont & { [PATCHED]?: true };
  if (marked[PATCHED]) return;
  const shaped = font.layout.bind(font);
  marked.layout = (text: string, features?: unknown, ...rest: unknown[]) => (features === undefined && rest.length === 0 && isPlainText(text) ? plainRun(font, text) : shaped(text, features, ...rest));
  marked[PATCHED] = true;
}
