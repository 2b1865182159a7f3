import { MEDIUM_KIND_LABELS, WIPE_DESTINATION_LABELS } from '../../../contract';
import { A4, addA4Page, CONTENT_WIDTH, drawHeading, drawRow, MARGIN, rowHeight, type CellText, type Doc } from '../../dossier/forms/layout';
import type { SignedCertificate } from './certificateData';

const CATEGORY_LABELS = { clear: '清除（Clear）', purge: '净化（Purge）', destroy: '销毁（Destroy）' } as const;
const WIDTHS = [110, CONTENT_WIDTH - 110];

/**
 * The certificate of sanitization as NIST SP 800-88 Rev. 1 Appendix G lays it out — person, media,
 * sanitization, verification, destination, validation — as a ruled Chinese form in the bundled CJK font.
 */
export function drawCertificate(doc: Doc, c: SignedCertificate, unitName: string): void {
  addA4Page(doc);
  let y = drawHeading(doc, '存储介质清除证明', MARGIN.top, 20);
  doc.fontSize(10).fillColor('black');
  doc.text(`编号：${c.number}\u3000\u3000单位：${unitName}`, MARGIN.left, y, { width: CONTENT_WIDTH, lineBreak: false });
  y += 20;
  const section = (title: string) => {
    y = drawRow(doc, [{ text: title, size: 11, align: 'left' }], [CONTENT_WIDTH], MARGIN.left, y, 22);
  };
  const row = (label: string, value: string) => {
    const cells: CellText[] = [
      { text: label, align: 'center', size: 10 },
      { text: value || '—', size: 10, minSize: 6 },
    ];
    const height = rowHeight(doc, cells, WIDTHS, 22, 140);
    if (y + height > A4.height - MARGIN.bottom - 30) {
      addA4Page(doc);
      y = MARGIN.top;
    }
    y = drawRow(doc, cells, WIDTHS, MARGIN.left, y, height);
  };
  section('一、执行人（Person Performing Sanitization）');
  row('姓名（用户名）', `${c.performedByName}（${c.performedBy}）`);
  row('执行时间', c.performedAt);
  section('二、介质信息（Media Information）');
  row('资产编号', c.tag);
  row('介质类型', MEDIUM_KIND_LABELS[c.mediumKind]);
  row('制造商 / 型号', `${c.manufacturer || '—'} / ${c.model || '—'}`);
  row('序列号', c.serial);
  row('密级（来源分类）', c.classification);
  section('三、清除说明（Sanitization Details）');
  row('方法类别', CATEGORY_LABELS[c.category]);
  row('采用方法', c.methodLabel);
  row('工具及版本', `${c.tool} ${c.toolVersion}`);
  row('校验方法及结果', c.verification);
  if (c.destructionBody) row('销毁机构', c.destructionBody);
  for (const limit of c.limits) row('局限说明', limit);
  row('清除后去向', WIPE_DESTINATION_LABELS[c.destination]);
  section('四、复核（Validation）');
  row('复核人（第二人）', `${c.witnessName}（${c.witness}）`);
  doc.fontSize(9).text('本证明以本单位签章证书签名（PDF/A 认证签名）；同内容的 JSON 文件另附 CMS 分离签名。', MARGIN.left, y + 12, { width: CONTENT_WIDTH });
}
