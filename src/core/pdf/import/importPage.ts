import { PDFName, type PDFRawStream } from 'pdf-lib';
import { contentStreamsOf, decodeStream, filtersOf } from './contentStreams';
import type { LoadedSource, SourcePage } from './loadSource';
import { printedAppearances } from './annotations';
import { copierFor, type ObjectCopier, type PageForm } from './objectCopier';
import { RawPdf } from './rawPdf';

/** A born-digital PDF that passed `checkBornDigitalPdf`; made by `openBornDigitalPdf`. */
export type BornDigitalPdf = LoadedSource & { readonly accepted: true };

export interface DrawImportedPageOptions {
  /** Top-left corner in pdfkit's coordinates (points from the page's top-left). Default 0, 0. */
  x?: number;
  y?: number;
  /** Uniform scale; default 1, the source page's own size. */
  scale?: number;
}

export interface DrawnPage {
  /** The page's size as shown (CropBox after /Rotate), before `scale`. */
  widthPt: number;
  heightPt: number;
}

type PageInternals = { xobjects: Record<string, unknown> };
type DocInternals = { page?: PageInternals };

/**
 * Draws page `pageIndex` of an accepted born-digital PDF onto the current page of `doc`, upright, as
 * a Form XObject made of the source page's own content and resources (decision 0009): text stays
 * text in its embedded font, vector stays vector, images keep their bytes. Printed annotations (a
 * seal, filled-in fields) are drawn on top from their appearance streams; the rest is dropped. The
 * caller adds the page (`doc.addPage({ size: [widthPt, heightPt], margin: 0 })` for a page of the
 * same size) and draws its stamps afterwards, on top.
 */
export function drawImportedPage(doc: PDFKit.PDFDocument, source: BornDigitalPdf, pageIndex: number, options: DrawImportedPageOptions = {}): DrawnPage {
  const page = source.pages[pageIndex];
  if (!page) throw new Error(`「${source.name}」没有第 ${pageIndex + 1} 页（共 ${source.pages.length} 页）。`);
  const current = (doc as unknown as DocInternals).page;
  if (!current) throw new Error('请先添加页面（doc.addPage），再放置导入的 PDF 页面。');
  const copier = copierFor(doc, source.doc);
  const { form, overlays } = formFor(copier, source, page);
  // Named by object number, so that two sources' pages never clash on one output page.
  const name = `BD${form.id}`;
  current.xobjects[name] = form;
  for (const overlay of overlays) current.xobjects[overlay.name] = new RawPdf(overlay.ref);
  const { x = 0, y = 0, scale = 1 } = options;
  doc.save();
  // pdfkit's user space runs y downwards from the top (it begins each page with 1 0 0 -1 0 H cm);
  // go back to PDF's y-up space over the placed area, then turn the source page upright.
  doc.transform(scale, 0, 0, -scale, x, y + page.heightPt * scale);
  const [a, b, c, d, e, f] = uprightMatrix(page);
  doc.transform(a, b, c, d, e, f);
  // A page's content assumes the initial graphics state (ISO 32000-1 §8.4.1, Table 52) but a form
  // inherits the current one: undo whatever the caller left set (colour, width, dash, text render
  // mode such as the OCR layer's invisible 3 Tr, opacity) so that it cannot leak into the page.
  doc.opacity(1);
  doc.addContent('0 g 0 G 1 w 0 J 0 j 10 M [] 0 d 0 Tc 0 Tw 100 Tz 0 TL 0 Ts 0 Tr');
  doc.addContent(`/${name} Do`);
  if (overlays.length) {
    // Annotation appearances are drawn in the source page's space, clipped to what a viewer shows.
    const [x0, y0, x1, y1] = page.box;
    doc.addContent(`q ${[x0, y0, x1 - x0, y1 - y0].map(num).join(' ')} re W n`);
    for (const overlay of overlays) doc.addContent(`q ${overlay.placement.map(num).join(' ')} cm /${overlay.name} Do Q`);
    doc.addContent('Q');
  }
  doc.restore();
  return { widthPt: page.widthPt, heightPt: page.heightPt };
}

/**
 * Maps the source's crop box onto [0, width] × [0, height] of the page as shown, y up. /Rotate turns
 * the page clockwise when displayed (ISO 32000-1 §7.7.3.3, Table 30).
 */
export function uprightMatrix(page: Pick<SourcePage, 'box' | 'rotate'>): [number, number, number, number, number, number] {
  const [x0, y0, x1, y1] = page.box;
  switch (page.rotate) {
    case 90:
      return [0, -1, 1, 0, -y0, x1];
    case 180:
      return [-1, 0, 0, -1, x1, y1];
    case 270:
      return [0, 1, -1, 0, y1, -x0];
    default:
      return [1, 0, 0, 1, -x0, -y0];
  }
}

/** The page as a Form XObject (§8.10) and its printed annotations, written once per output document. */
function formFor(copier: ObjectCopier, source: BornDigitalPdf, page: SourcePage): PageForm {
  const key = page.ref.toString();
  const existing = copier.forms.get(key);
  if (existing) return existing;
  const overlays = printedAppearances(source.doc.context, page.leaf).map(({ appearance, placement }) => {
    const ref = copier.copy(appearance);
    return { name: `BD${ref.split(' ')[0]}`, ref, placement };
  });
  const streams = contentStreamsOf(source.doc.context, page.leaf);
  const resources = page.leaf.getInheritableAttribute(PDFName.of('Resources'));
  const data: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    BBox: [...page.box],
    Resources: new RawPdf(resources ? copier.copy(resources) : '<<>>'),
  };
  let bytes: Uint8Array;
  let compress = false;
  if (streams.length === 1 && !filtersOf(streams[0]!).includes('LZWDecode')) {
    // One stream: its bytes and filters as they are.
    const [stream] = streams as [PDFRawStream];
    bytes = stream.contents;
    for (const keyName of ['Filter', 'DecodeParms']) {
      const value = stream.dict.get(PDFName.of(keyName));
      if (value !== undefined) data[keyName] = new RawPdf(copier.copy(value));
    }
    if (!filtersOf(stream).length) compress = true;
  } else {
    // §7.8.2: an array of streams is one content stream split at token boundaries; a form has one
    // stream, so decode and join them (also a lone LZW stream, which PDF/A-2 forbids: lzw.ts) (a newline keeps the last token of one from running into the
    // first of the next) and let pdfkit deflate the result.
    const parts = streams.map((stream) => Buffer.from(decodeStream(stream)));
    bytes = Buffer.concat(parts.flatMap((part) => [part, Buffer.from('\n')]));
    compress = true;
  }
  if (!bytes.length) {
    bytes = Buffer.from(' ');
    delete data.Filter;
    delete data.DecodeParms;
  }
  const form = copier.allocate(data);
  form.compress = compress;
  form.write(bytes);
  form.end();
  const made = { form, overlays };
  copier.forms.set(key, made);
  return made;
}

function num(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
