import { A4, addA4Page, CONTENT_WIDTH, drawHeading, drawRow, MARGIN, rowHeight, type CellText, type Doc } from '../dossier/forms/layout';
import type { DisposalCertificate } from './certificate';
import { chinaDateTime } from './retention';

const HEADERS = ['序号', '电子记录名称', '记录种类', '保存期限', '到期日', '文件及 SHA-256'];
const WIDTHS = [28, 140, 78, 40, 58, 0];
WIDTHS[5] = CONTENT_WIDTH - WIDTHS.reduce((a, b) => a + b, 0);

const chinaTime = (iso: string) => chinaDateTime(new Date(iso));

/**
 * 电子记录销毁证明 as a ruled A4 form (DB3206/T 1060 §6.1.2 Table 2): who asked and why, who approved
 * and when, one row per destroyed record with its category, retention, due date and the SHA-256 of
 * each of its files, over as many pages as needed; the method and its limits below the table.
 */
export function drawDisposalCertificate(doc: Doc, c: DisposalCertificate): void {
  let y = 0;
  const newPage = () => {
    addA4Page(doc);
    y = drawHeading(doc, '电子记录销毁证明', MARGIN.top, 20);
    doc.fontSize(10).fillColor('black');
    const lines = [
      `编号：${c.number}\u3000单位：${c.unit}\u3000销毁申请：${c.disposalId}`,
      `申请人：${c.requestedByName}（${c.requestedBy}）\u3000申请时间：${chinaTime(c.requestedAt)}`,
      `批准人：${c.approvedByName}（${c.approvedBy}）\u3000批准时间：${chinaTime(c.approvedAt)}`,
      `销毁理由：${c.reason}`,
      ...(c.approvalNote ? [`审批意见：${c.approvalNote}`] : []),
    ];
    for (const line of lines) {
      doc.text(line, MARGIN.left, y, { width: CONTENT_WIDTH });
      y = doc.y + 4;
    }
    y += 4;
    y = drawRow(doc, HEADERS.map((t): CellText => ({ text: t, align: 'center', size: 10 })), WIDTHS, MARGIN.left, y, 24);
  };
  newPage();
  c.records.forEach((r, i) => {
    const files = r.files.length ? r.files.map((f) => `${f.name}（${f.size} 字节）\n${f.sha256}`).join('\n') : '（未存文件）';
    const cells: CellText[] = [
      { text: String(i + 1), align: 'center', size: 9 },
      { text: r.name, size: 9, minSize: 6 },
      { text: `${r.kind}\n${r.feature}`, size: 8, minSize: 5.5 },
      { text: r.retention, align: 'center', size: 9 },
      { text: r.disposalDueOn, align: 'center', size: 9 },
      { text: files, size: 6.5, minSize: 4.5 },
    ];
    const height = rowHeight(doc, cells, WIDTHS, 30, 260);
    if (y + height > A4.height - MARGIN.bottom - 40) newPage();
    y = drawRow(doc, cells, WIDTHS, MARGIN.left, y, height);
  });
  const closing = `上列 ${c.records.length} 件电子记录的保存期限已满（DB3206/T 1060 表 2），经批准予以销毁。\n销毁方式：${c.method}`;
  doc.fontSize(10);
  if (y + doc.heightOfString(closing, { width: CONTENT_WIDTH }) + 30 > A4.height - MARGIN.bottom) {
    addA4Page(doc);
    y = MARGIN.top;
  }
  doc.text(closing, MARGIN.left, y + 12, { width: CONTENT_WIDTH });
  doc.fontSize(9).text('DB3206/T 1060—2023 6.1.2', MARGIN.left, A4.height - MARGIN.bottom - 12, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
}
