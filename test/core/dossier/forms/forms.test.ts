import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { drawArchivalCover, drawContents, drawDossierCover, drawPageStamp, drawRemarksSheet, type ContentsRow } from '../../../../src/core/dossier/forms';
import { paginate } from '../../../../src/core/dossier/pagination';
import { CJK_FONT_ALIAS, resolveFont } from '../../../../src/core/pdf/writer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function render(name: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<string> {
  const file = path.join(dir, name);
  const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string, pdfVersion: '1.7' });
  const font = resolveFont();
  doc.registerFont(CJK_FONT_ALIAS, font.path, font.postscriptName ?? '');
  doc.font(CJK_FONT_ALIAS);
  const done = new Promise<void>((resolve) => doc.pipe(fs.createWriteStream(file)).on('finish', () => resolve()));
  draw(doc);
  doc.end();
  await done;
  return file;
}
const text = (file: string, page?: number) => execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' });
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

describe('dossier forms (DB3206/T 1060 §5.5.1–§5.5.5)', () => {
  it('lays out the archival and dossier covers with every field, in an embedded Chinese font', async () => {
    const file = await render('covers.pdf', (doc) => {
      drawArchivalCover(doc, { compilingUnit: '南通市烟草专卖局', cause: '涉嫌销售假冒注册商标卷烟', filingNumber: '20240012', retention: '30年', fondsNumber: 'J012', classCode: 'XZCF', volumeNumber: '2024年度第12号', volume: '正卷', itemCount: 14, pageCount: 52 });
      drawDossierCover(doc, { compilingUnit: '南通市烟草专卖局', volumeNumber: '2024年度第12号', volume: '正卷', cause: '涉嫌销售假冒注册商标卷烟', party: '王某某（个体工商户）', disposition: '没收假冒卷烟20条，罚款人民币500元', openedOn: '2024-03-01', closedOn: '2024-05-01', handlers: ['张三', '李四'], retention: '30年' });
    });
    expect(pageCount(file)).toBe(2);
    const cover = text(file, 1).replace(/\s+/g, '');
    for (const s of ['档案封面', '编制单位', '南通市烟草专卖局', '案由', '归档号', '20240012', '保管期限', '30年', '全宗号', 'J012', '分类号', 'XZCF', '案卷号', '2024年度第12号', '记录件数', '14件', '记录页数', '52页']) expect(cover).toContain(s);
    const second = text(file, 2).replace(/\s+/g, '');
    for (const s of ['行政处罚案卷', '当事人', '王某某', '处理结果', '罚款人民币500元', '立案日期', '2024年3月1日', '结案日期', '2024年5月1日', '承办人', '张三、李四']) expect(second).toContain(s);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, ToUnicode
  });

  it('runs the contents over several pages with the header repeated and the ranges from the pagination', async () => {
    const pagination = paginate(Array.from({ length: 60 }, (_, i) => ({ recordId: String(i + 1), pages: Array.from({ length: (i % 3) + 1 }, () => ({ isBlank: false })), duplex: false })));
    const rows: ContentsRow[] = pagination.records.map((r, i) => ({ sequence: i + 1, documentNumber: `通烟〔2024〕${i + 1}号`, responsible: '南通市烟草专卖局', title: i === 5 ? '询问笔录（第一次，关于当事人于二〇二四年三月在其经营场所存放、销售假冒注册商标卷烟的有关情况）' : `询问笔录${i + 1}`, date: '2024-03-02', pageRange: r.pageRange, remark: '' }));
    let pages = 0;
    const file = await render('contents.pdf', (doc) => {
      pages = drawContents(doc, rows, '正卷');
    });
    expect(pages).toBeGreaterThan(1);
    expect(pageCount(file)).toBe(pages);
    for (let p = 1; p <= pages; p++) expect(text(file, p).replace(/\s+/g, '')).toContain('顺序号文号责任者题名日期页次备注');
    const all = text(file).replace(/\s+/g, '');
    expect(all).toContain('2-3');
    expect(all).toContain('118-120');
    expect(all).toContain(pagination.records.at(-1)!.pageRange);
    expect(all).toContain('20240302');
    expect(all).toContain('正卷（续）');
  });

  it('fills the remarks sheet and stamps page numbers as text in the chosen corner', async () => {
    const file = await render('remarks.pdf', (doc) => {
      drawRemarksSheet(doc, { statement: '本卷共有文件材料14件52页，本卷材料齐全。假冒伪劣卷烟待公开统一销毁。', compiler: '张三', compiledOn: '2024-05-10', checker: '李四', checkedOn: '2024-05-11' }, '正卷');
      doc.addPage({ size: [595.28, 841.89], margin: 0 } as PDFKit.PDFDocumentOptions);
      drawPageStamp(doc, { number: 17, side: 'verso', corner: 'top-left' }, 595.28, 841.89);
    });
    const sheet = text(file, 1).replace(/\s+/g, '');
    for (const s of ['卷内备考表', '本卷情况说明', '本卷共有文件材料14件52页', '假冒伪劣卷烟待公开统一销毁', '立卷人张三', '检查人李四', '2024年5月10日', '2024年5月11日']) expect(sheet).toContain(s);
    const bbox = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-bbox', file, '-'], { encoding: 'utf8' });
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>17<\/word>/.exec(bbox);
    expect(word).not.toBeNull();
    expect(Number(word![1])).toBeLessThan(60); // left
    expect(Number(word![2])).toBeLessThan(60); // top
  });
});
