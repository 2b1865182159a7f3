import { A4, addA4Page, CONTENT_WIDTH, drawHeading, drawRow, MARGIN, rowHeight, type CellText, type Doc } from '../../dossier/forms/layout';

export interface CheckoutFilingData {
  compilingUnit: string;
  requestId: string;
  tag: string;
  mediumKind: string;
  classification: string;
  isClassified: boolean;
  brandModel: string;
  serial: string;
  capacity: string;
  mediumDepartment: string;
  asker: string;
  askerDepartment: string;
  requestedAt: string;
  purpose: string;
  days: number;
  steps: { label: string; role: string; by: string; at: string; note: string }[];
  filedAt: string;
}

const LABEL_W = 90;
const PAIR = [LABEL_W, CONTENT_WIDTH / 2 - LABEL_W, LABEL_W, CONTENT_WIDTH / 2 - LABEL_W];
const WIDE = [LABEL_W, CONTENT_WIDTH - LABEL_W];
const STEP_W = [28, 90, 70, 110, 0];
STEP_W[4] = CONTENT_WIDTH - STEP_W.reduce((a, b) => a + b, 0);

const label = (text: string): CellText => ({ text, align: 'center', size: 10 });
const value = (text: string): CellText => ({ text, size: 10, minSize: 6 });

/** 存储介质领用备案表 (§6.1.3 c) as a ruled A4 form in the bundled CJK font, like the dossier's forms. */
export function drawCheckoutFiling(doc: Doc, d: CheckoutFilingData): void {
  addA4Page(doc);
  let y = drawHeading(doc, '存储介质领用备案表', MARGIN.top, 20);
  doc.fontSize(10).fillColor('black').text(`${d.compilingUnit}\u3000申请编号：${d.requestId}`, MARGIN.left, y, { width: CONTENT_WIDTH, lineBreak: false });
  y += 20;
  const pair = (a: string, av: string, b: string, bv: string) => (y = drawRow(doc, [label(a), value(av), label(b), value(bv)], PAIR, MARGIN.left, y, 26));
  const wide = (a: string, av: string) => {
    const cells = [label(a), value(av)];
    y = drawRow(doc, cells, WIDE, MARGIN.left, y, rowHeight(doc, cells, WIDE, 26, 120));
  };
  pair('资产编号', d.tag, '介质类型', d.mediumKind);
  drawClassification(doc, d, y);
  pair('密级', '', '所属部门', d.mediumDepartment);
  pair('品牌型号', d.brandModel, '硬件序列号', d.serial);
  pair('容量', d.capacity, '领用天数', `${d.days} 天`);
  pair('申请人', d.asker, '申请人部门', d.askerDepartment);
  pair('申请时间', d.requestedAt, '备案时间', d.filedAt);
  wide('领用用途', d.purpose);
  y += 14;
  doc.fontSize(12).fillColor('black').text('审批及备案', MARGIN.left, y, { width: CONTENT_WIDTH, lineBreak: false });
  y += 20;
  y = drawRow(doc, ['序', '步骤', '角色', '办理人', '时间及意见'].map(label), STEP_W, MARGIN.left, y, 24);
  d.steps.forEach((s, i) => {
    const cells = [label(String(i + 1)), value(s.label), value(s.role), value(s.by), value([s.at, s.note].filter(Boolean).join('\n'))];
    y = drawRow(doc, cells, STEP_W, MARGIN.left, y, rowHeight(doc, cells, STEP_W, 30, 90));
  });
  y += 16;
  const closing = '以上审批步骤均已完成，本表由信息中心备案。介质交付领用人时核验其身份记录，归还时收回入库（DB3206/T 1060—2023 6.1.3 c）。';
  if (y < A4.height - MARGIN.bottom - 40) doc.fontSize(10).text(closing, MARGIN.left, y, { width: CONTENT_WIDTH });
}

/** The 密级 is the one thing a custodian must not miss: 涉密 levels in red and bold-sized. */
function drawClassification(doc: Doc, d: CheckoutFilingData, y: number): void {
  doc.save();
  doc.fontSize(12).fillColor(d.isClassified ? '#c00000' : 'black');
  doc.text(d.classification, MARGIN.left + LABEL_W + 4, y + 6, { width: PAIR[1]! - 8, lineBreak: false });
  doc.restore();
}
