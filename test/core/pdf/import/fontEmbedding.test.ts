import { PDFDocument, PDFName, type PDFDict } from 'pdf-lib';
import { expect, it } from 'vitest';
import { fontsIn, unembeddedFontName } from '../../../../src/core/pdf/import/fontEmbedding';

// Font dictionaries as other producers write them (ISO 32000-1 §9.6–9.7), built with pdf-lib so that
// each case is exactly the shape named.
it('tells embedded from non-embedded fonts of every kind', async () => {
  const { context } = await PDFDocument.create();
  const fontFile = context.register(context.stream(new Uint8Array([1, 2, 3])));
  const embeddedDescriptor = context.obj({ Type: 'FontDescriptor', FontName: 'SimSun', FontFile2: fontFile });
  const bareDescriptor = context.obj({ Type: 'FontDescriptor', FontName: 'SimSun' });
  const font = (entries: Record<string, unknown>) => context.obj({ Type: 'Font', ...entries } as never) as unknown as PDFDict;

  expect(unembeddedFontName(context, font({ Subtype: 'Type1', BaseFont: 'Helvetica' }))).toBe('Helvetica');
  expect(unembeddedFontName(context, font({ Subtype: 'TrueType', BaseFont: 'SimSun', FontDescriptor: context.register(embeddedDescriptor) }))).toBeNull();
  expect(unembeddedFontName(context, font({ Subtype: 'TrueType', BaseFont: 'SimSun', FontDescriptor: bareDescriptor }))).toBe('SimSun');
  // A Type 3 font's glyphs are content streams in the file: nothing to embed.
  expect(unembeddedFontName(context, font({ Subtype: 'Type3', FontMatrix: [0.001, 0, 0, 0.001, 0, 0] }))).toBeNull();
  const cid = (descriptor: unknown) => context.register(font({ Subtype: 'CIDFontType2', BaseFont: 'FangSong', FontDescriptor: descriptor }));
  expect(unembeddedFontName(context, font({ Subtype: 'Type0', BaseFont: 'FangSong', DescendantFonts: [cid(embeddedDescriptor)] }))).toBeNull();
  expect(unembeddedFontName(context, font({ Subtype: 'Type0', BaseFont: 'FangSong', DescendantFonts: [cid(bareDescriptor)] }))).toBe('FangSong');
  expect(unembeddedFontName(context, font({ Subtype: 'Type0', BaseFont: 'KaiTi', DescendantFonts: [] }))).toBe('KaiTi');
});

it('finds fonts listed in a resource dictionary even without /Type /Font', async () => {
  const { context } = await PDFDocument.create();
  const untyped = context.obj({ Subtype: 'Type1', BaseFont: 'Times-Roman' });
  const resources = context.obj({ Font: { F1: context.register(untyped) } }) as PDFDict;
  const found = fontsIn(context, resources);
  expect(found).toHaveLength(1);
  expect(found[0]!.get(PDFName.of('BaseFont'))).toBe(PDFName.of('Times-Roman'));
});
