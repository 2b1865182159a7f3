import { A4, addA4Page, chineseDate, CONTENT_WIDTH, drawCellText, drawHeading, drawRow, MARGIN, strokeGrid, type Doc } from './layout';

/** 卷内备考表 (DB3206/T 1060 §5.5.5): 本卷情况说明, 立卷人, 立卷日期, 检查人, 检查日期. */
export interface RemarksData {
  statement: string;
  compiler: string;
  compiledOn: string | null;
  checker: string;
  checkedOn: string | null;
}

export function drawRemarksSheet(doc: Doc, d: RemarksData, caption: string): void {
  addA4Page(doc);
  let y = drawHeading(doc, '卷内备考表', MARGIN.top + 10, 22);
  doc.fontSize(10).text(caption, MARGIN.left, y - 8, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  y += 10;
  const boxHeight = A4.height - MARGIN.bottom - y - 2 * 40 - 30;
  strokeGrid(doc, MARGIN.left, y, [CONTENT_WIDTH], boxHeight);
  doc.fontSize(12).text('本卷情况说明：', MARGIN.left + 6, y + 8, { lineBreak: false });
  drawCellText(doc, { text: d.statement, size: 12, minSize: 8, valign: 'top' }, MARGIN.left + 20, y + 30, CONTENT_WIDTH - 40, boxHeight - 40);
  y += boxHeight;
  const widths = [70, CONTENT_WIDTH / 2 - 70, 70, CONTENT_WIDTH / 2 - 70];
  const l = (t: string) => ({ text: t, align: 'center' as const, size: 12 });
  const v = (t: string) => ({ text: t, align: 'center' as const, size: 12 });
  y = drawRow(doc, [l('立卷人'), v(d.compiler), l('立卷日期'), v(chineseDate(d.compiledOn))], widths, MARGIN.left, y, 40);
  drawRow(doc, [l('检查人'), v(d.checker), l('检查日期'), v(chineseDate(d.checkedOn))], widths, MARGIN.left, y, 40);
  doc.fontSize(10).text('DB3206/T 1060—2023 5.5.5', MARGIN.left, A4.height - MARGIN.bottom + 6, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
}
