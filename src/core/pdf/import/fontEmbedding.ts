import { PDFArray, PDFDict, PDFName, PDFRef, type PDFContext } from 'pdf-lib';
import { dictIn, lookupIn, nameIn } from './walk';

/**
 * The name of the font if its glyphs are not in the file, else null. PDF/A-2 (ISO 19005-2 §6.2.11.4)
 * requires every font used for rendering to be embedded, the standard 14 included: a non-embedded
 * Helvetica came along with a merged PDF in the trial (PDF.md). Type 3 fonts are drawn by their own
 * content streams and so are always "embedded"; their resources are walked like any others.
 */
export function unembeddedFontName(context: PDFContext, font: PDFDict): string | null {
  const subtype = nameIn(context, font, 'Subtype');
  if (subtype === 'Type3') return null;
  const baseFont = nameIn(context, font, 'BaseFont') ?? '（无名字体）';
  let descriptorOwner: PDFDict | undefined = font;
  if (subtype === 'Type0') {
    // §9.7.1: a composite font has exactly one descendant CIDFont, which carries the descriptor.
    const descendants = lookupIn(context, font, 'DescendantFonts');
    const first = descendants instanceof PDFArray ? descendants.get(0) : undefined;
    const resolved = first instanceof PDFRef ? context.lookup(first) : first;
    descriptorOwner = resolved instanceof PDFDict ? resolved : undefined;
  }
  const descriptor = descriptorOwner && dictIn(context, descriptorOwner, 'FontDescriptor');
  if (!descriptor) return baseFont;
  const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.get(PDFName.of(key)) !== undefined);
  return embedded ? null : baseFont;
}

/** Font dictionaries: /Type /Font, or anything listed under a resource dictionary's /Font. */
export function fontsIn(context: PDFContext, dict: PDFDict): PDFDict[] {
  const fonts: PDFDict[] = [];
  if (nameIn(context, dict, 'Type') === 'Font') fonts.push(dict);
  const listed = dictIn(context, dict, 'Font');
  if (listed) {
    for (const [, value] of listed.entries()) {
      const font = value instanceof PDFRef ? context.lookup(value) : value;
      if (font instanceof PDFDict) fonts.push(font);
    }
  }
  return fonts;
}
