import { A4, addA4Page, compactDate, CONTENT_WIDTH, drawHeading, drawRow, MARGIN, rowHeight, type CellText, type Doc } from './layout';

/** One line of the 卷宗目录 (DB3206/T 1060 §5.5.3): 顺序号, 文号, 责任者, 题名, 日期, 页次, 备注. */
export interface ContentsRow {
  sequence: number;
  documentNumber: string;
  responsible: string;
  title: string;
  date: string;
  /** From the volume's pagination: `1-10`, `17`. */
  pageRange: string;
  remark: string;
}

const HEADERS = ['顺序号', '文号', '责任者', '题名', '日期', '页次', '备注'];
const WIDTHS = [40, 86, 70, 0, 58, 50, 50];
WIDTHS[3] = CONTENT_WIDTH - WIDTHS.reduce((a, b) => a + b, 0);

const header = (t: string): CellText => ({ text: t, align: 'center', size: 11 });

/**
 * The contents, running over as many pages as it needs with the header repeated; the contents'
 * own pages are not numbered (DOMAIN.md). Returns the number of pages it took.
 */
export function drawContents(doc: Doc, rows: readonly ContentsRow[], caption: string): number {
  let pages = 0;
  let y = 0;
  const bottom = A4.height - MARGIN.bottom;
  const newPage = () => {
    addA4Page(doc);
    pages += 1;
    y = drawHeading(doc, '卷宗目录', MARGIN.top, 22);
    doc.fontSize(10).text(pages > 1 ? `${caption}（续）` : caption, MARGIN.left, y - 8, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
    y += 10;
    y = drawRow(doc, HEADERS.map(header), WIDTHS, MARGIN.left, y, 28);
  };
  newPage();
  for (const r of rows) {
    const cells: CellText[] = [
      { text: String(r.sequence), align: 'center', size: 10 },
      { text: r.documentNumber, size: 9, minSize: 6 },
      { text: r.responsible, size: 9, minSize: 6 },
      { text: r.title, size: 10, minSize: 7 },
      { text: compactDate(r.date), align: 'center', size: 9 },
      { text: r.pageRange, align: 'center', size: 10 },
      { text: r.remark, size: 8, minSize: 6 },
    ];
    const h = rowHeight(doc, cells, WIDTHS, 26, 80);
    if (y + h > bottom) newPage();
    y = drawRow(doc, cells, WIDTHS, MARGIN.left, y, h);
  }
  return pages;
}
