import type { Volume } from '../binding';
import { A4, addA4Page, chineseDate, CONTENT_WIDTH, drawHeading, drawRow, MARGIN, type CellText, type Doc } from './layout';

/** 档案封面, every field of DB3206/T 1060 §5.5.1. Fields the archive department has not assigned yet stay blank. */
export interface ArchivalCoverData {
  compilingUnit: string;
  cause: string;
  filingNumber: string;
  retention: string;
  fondsNumber: string;
  classCode: string;
  volumeNumber: string;
  volume: Volume;
  itemCount: number;
  pageCount: number;
}

/** 卷宗 (cover), §5.5.2: 案卷号, 案由, 当事人, 处理结果, 立案/结案日期, 承办人, 保管期限. */
export interface DossierCoverData {
  compilingUnit: string;
  volumeNumber: string;
  volume: Volume;
  cause: string;
  party: string;
  disposition: string;
  openedOn: string | null;
  closedOn: string | null;
  handlers: string[];
  retention: string;
}

const label = (text: string): CellText => ({ text, align: 'center', size: 12 });
const value = (text: string, size = 12): CellText => ({ text, size, minSize: 7 });

/** Label/value rows over the content width, the label column a fixed 110 pt. */
function fieldRows(doc: Doc, rows: [string, string, number][], top: number): number {
  const widths = [110, CONTENT_WIDTH - 110];
  let y = top;
  for (const [l, v, h] of rows) y = drawRow(doc, [label(l), value(v)], widths, MARGIN.left, y, h);
  return y;
}

export function drawArchivalCover(doc: Doc, d: ArchivalCoverData): void {
  addA4Page(doc);
  let y = drawHeading(doc, '档案封面', MARGIN.top + 40, 26);
  doc.fontSize(12).text(d.volume, MARGIN.left, y, { width: CONTENT_WIDTH, align: 'center' });
  y += 50;
  const half = CONTENT_WIDTH / 2;
  y = fieldRows(doc, [
    ['编制单位', d.compilingUnit, 48],
    ['案　　由', d.cause, 72],
  ], y);
  // Numbers in two columns as on the printed cover.
  const pairs: [string, string, string, string][] = [
    ['归档号', d.filingNumber, '保管期限', d.retention],
    ['全宗号', d.fondsNumber, '分类号', d.classCode],
    ['案卷号', d.volumeNumber, '记录件数', `${d.itemCount} 件`],
    ['', '', '记录页数', `${d.pageCount} 页`],
  ];
  const widths = [70, half - 70, 70, half - 70];
  for (const [l1, v1, l2, v2] of pairs) y = drawRow(doc, [label(l1), value(v1), label(l2), value(v2)], widths, MARGIN.left, y, 44);
  doc.fontSize(10).text('DB3206/T 1060—2023 5.5.1', MARGIN.left, A4.height - MARGIN.bottom - 12, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
}

export function drawDossierCover(doc: Doc, d: DossierCoverData): void {
  addA4Page(doc);
  let y = drawHeading(doc, d.compilingUnit, MARGIN.top + 30, 16);
  y = drawHeading(doc, '行政处罚案卷', y + 6, 26);
  doc.fontSize(12).text(`${d.volume}\u3000\u3000案卷号：${d.volumeNumber}`, MARGIN.left, y, { width: CONTENT_WIDTH, align: 'center' });
  y += 40;
  fieldRows(doc, [
    ['案　　由', d.cause, 64],
    ['当 事 人', d.party, 64],
    ['处理结果', d.disposition, 120],
    ['立案日期', chineseDate(d.openedOn), 40],
    ['结案日期', chineseDate(d.closedOn), 40],
    ['承 办 人', d.handlers.join('、'), 40],
    ['保管期限', d.retention, 40],
  ], y);
  doc.fontSize(10).text('DB3206/T 1060—2023 5.5.2', MARGIN.left, A4.height - MARGIN.bottom - 12, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
}
