import type { FourPropertyItemDto } from '../../../contract';
import { A4, addA4Page, CONTENT_WIDTH, drawHeading, drawRow, MARGIN, rowHeight, type CellText, type Doc } from './layout';

export interface ReportHeader {
  compilingUnit: string;
  caseNumber: string;
  archivalCode: string;
  volumeNumber: string;
  checkedBy: string;
  checkedAt: string;
  passed: boolean;
}

const WIDTHS = [60, 110, 50, 0];
WIDTHS[3] = CONTENT_WIDTH - WIDTHS.reduce((a, b) => a + b, 0);

/** The 四性检测 report as a ruled table (DA/T 70), one row per item, over as many pages as needed. */
export function drawFourPropertyReport(doc: Doc, h: ReportHeader, items: readonly FourPropertyItemDto[]): void {
  let y = 0;
  const newPage = () => {
    addA4Page(doc);
    y = drawHeading(doc, '四性检测报告', MARGIN.top, 20);
    doc.fontSize(10).fillColor('black');
    for (const line of [`编制单位：${h.compilingUnit}\u3000案件编号：${h.caseNumber}`, `案卷号：${h.volumeNumber}\u3000档号：${h.archivalCode}`, `检测人：${h.checkedBy}\u3000检测时间：${h.checkedAt}`]) {
      doc.text(line, MARGIN.left, y, { width: CONTENT_WIDTH, lineBreak: false });
      y += 16;
    }
    y += 6;
    y = drawRow(doc, ['检测项', '项目', '结果', '说明'].map((t): CellText => ({ text: t, align: 'center', size: 11 })), WIDTHS, MARGIN.left, y, 26);
  };
  newPage();
  for (const item of items) {
    const cells: CellText[] = [
      { text: item.property, align: 'center', size: 10 },
      { text: item.item, size: 10 },
      { text: item.passed ? '通过' : '不通过', align: 'center', size: 10 },
      { text: item.detail, size: 9, minSize: 6 },
    ];
    const height = rowHeight(doc, cells, WIDTHS, 24, 120);
    if (y + height > A4.height - MARGIN.bottom - 40) newPage();
    y = drawRow(doc, cells, WIDTHS, MARGIN.left, y, height);
  }
  doc.fontSize(12).text(`结论：${h.passed ? '全部检测项通过，准予归档。' : '有检测项未通过，不予归档。请按说明处理后重新提交。'}`, MARGIN.left, y + 14, { width: CONTENT_WIDTH });
}
