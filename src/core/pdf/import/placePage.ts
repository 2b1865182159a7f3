import { isQuarterTurn, orientationMatrix } from '../../scan/orientation';
import type { PlacedPdfPage } from '../../scan/types';
import { drawImportedPage, type BornDigitalPdf } from './importPage';
import { openBornDigitalPdf } from './openPdf';

/**
 * The born-digital PDFs of one output document. `openBornDigitalPdf` parses (and checks) the whole
 * file (decision 0009), so each source is opened once, on its first page, and let go on its last:
 * a record of 30 pages from one PDF parses it once, and a dossier volume holds one source at a time
 * when its records follow each other. The object copier keeps a source's objects per document in a
 * WeakMap, so dropping the source frees them too.
 */
export class BornDigitalSources {
  private readonly opened = new Map<string, BornDigitalPdf>();
  private readonly lastUse = new Map<string, number>();
  /** How many times a file was parsed: once per source per document. */
  opens = 0;

  constructor(pages: readonly { file: string; format: string }[]) {
    pages.forEach((p, i) => {
      if (p.format === 'pdf') this.lastUse.set(p.file, i);
    });
  }

  /** The source of page `index`, opened on first use; after its last page the document no longer holds it. */
  async open(file: string, index: number): Promise<BornDigitalPdf> {
    let pdf = this.opened.get(file);
    if (!pdf) {
      pdf = await openBornDigitalPdf(file);
      this.opens++;
      this.opened.set(file, pdf);
    }
    if (this.lastUse.get(file) === index) this.opened.delete(file);
    return pdf;
  }
}

/**
 * Adds the output page and draws the born-digital page on it, turned by the archivist's rotation the
 * way a scan is turned (`orientationMatrix` over the page as the PDF shows it), so that rotation,
 * strike-throughs and stamps work on PDF pages exactly as on scans (DB3206/T 1060 §6.2.2 c, §5.5.5).
 */
export function placePdfPage(doc: PDFKit.PDFDocument, page: PlacedPdfPage, pdf: BornDigitalPdf): void {
  const source = pdf.pages[page.pageInFile];
  if (!source) throw new Error(`「${pdf.name}」没有第 ${page.pageInFile + 1} 页（共 ${pdf.pages.length} 页）。文件库中的文件与登记时不同，请运行完整性检查。`);
  const quarter = isQuarterTurn(page.orientation);
  const [w, h] = quarter ? [source.heightPt, source.widthPt] : [source.widthPt, source.heightPt];
  if (Math.abs(w - page.widthPt) > 0.01 || Math.abs(h - page.heightPt) > 0.01) {
    throw new Error(`「${pdf.name}」第 ${page.pageInFile + 1} 页的尺寸与登记时不同。文件库中的文件与登记时不同，请运行完整性检查。`);
  }
  doc.addPage({ size: [page.widthPt, page.heightPt], margin: 0 } as PDFKit.PDFDocumentOptions);
  const [a, b, c, d, e, f] = orientationMatrix(page.orientation, source.widthPt, source.heightPt);
  doc.save();
  doc.transform(a, b, c, d, e, f);
  drawImportedPage(doc, pdf, page.pageInFile);
  doc.restore();
}
