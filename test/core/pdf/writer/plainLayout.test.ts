import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { resolveFont } from '../../../../src/core/pdf/writer/fonts';
import { isPlainText, plainRun, usePlainLayout, type LayoutFont } from '../../../../src/core/pdf/writer/plainLayout';

// The plain path must give exactly what fontkit's shaping gives for the text it takes (decision 0018):
// the same glyphs at the same advances and offsets, so the forms look and extract the same.

const { path: fontPath, postscriptName } = resolveFont();
type Run = { glyphs: { id: number }[]; positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[]; advanceWidth: number };
/** A fontkit font as pdfkit opens it, not patched (useFont is not involved). */
const open = () => (new PDFDocument({ font: null as unknown as string, autoFirstPage: false }).font(fontPath, postscriptName ?? '') as unknown as { _font: { font: unknown } })._font.font as Omit<LayoutFont, 'layout'> & { layout(text: string, features?: string[]): Run };
const shaped = open();

function same(text: string) {
  const a = shaped.layout(text);
  const b = plainRun(shaped, text);
  return (
    a.glyphs.length === b.glyphs.length &&
    a.glyphs.every((g, i) => g.id === b.glyphs[i]!.id) &&
    a.positions.every((p, i) => {
      const q = b.positions[i]!;
      return p.xAdvance === q.xAdvance && p.yAdvance === q.yAdvance && p.xOffset === q.xOffset && p.yOffset === q.yOffset;
    }) &&
    a.advanceWidth === b.advanceWidth
  );
}

/** What the covers, contents, remarks sheet, stamps and reports print. */
const FORM_TEXT = [
  '档 案 封 面', '卷 宗 封 面', '卷 内 文 件 目 录', '卷 内 备 考 表',
  '编制单位', '南通市烟草专卖局', '案由', '归档号', '20240001', '保管期限', '30年', '永久', '全宗号', '0032', '分类号', '案卷号',
  '2024年度第12号', '记录件数和页数', '共 30 件 300 页', '当事人', '处理结果', '依基罚〔2024〕1号行政处罚决定书罚款', '立案日期', '结案日期',
  '2024年3月1日', '承办人', '甲、乙', '顺序号', '文号', '责任者', '题名', '日期', '页次', '备注', '20240302', '1-10', '11-16', '17', '291-300',
  '本卷共有文件材料30件300页，其中文字材料300页。', '假冒伪劣卷烟待公开统一销毁。', '立卷人', '立卷日期', '检查人', '检查日期', '（正卷）', '（副卷）',
  '第 1 页，共 2 页', '空白页 3 页：第 4、9、12 页', '第 2 版', '—', '…', '“样本”', '：；，。！？',
];

describe('plain layout (decision 0018)', () => {
  it('gives fontkit’s glyphs and advances for every form text', () => {
    for (const text of FORM_TEXT) {
      expect(isPlainText(text), text).toBe(true);
      expect(same(text), text).toBe(true);
    }
  });

  it('gives fontkit’s glyph and advance for every single character it takes', () => {
    const differing: string[] = [];
    const ranges: [number, number][] = [[0x3000, 0x3029], [0x3030, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xff01, 0xff5e], [0x30, 0x39]];
    for (const [from, to] of ranges) for (let c = from; c <= to; c++) if (!same(String.fromCodePoint(c))) differing.push(c.toString(16));
    expect(differing).toEqual([]);
  }, 120_000);

  it('leaves Latin letters and other scripts to fontkit', () => {
    for (const text of ['J032', 'Office', 'fi', 'AV', 'é', 'ﬁ', '가', 'a\u0301']) expect(isPlainText(text), text).toBe(false);
    const font = open();
    usePlainLayout(font);
    usePlainLayout(font);
    const run = font.layout('Office 南通') as Run;
    expect(run.glyphs.map((g) => g.id)).toEqual(shaped.layout('Office 南通').glyphs.map((g) => g.id));
    // Features asked for explicitly are fontkit's to apply.
    expect((font.layout('南通', ['vert']) as unknown as { features: Record<string, boolean> }).features.vert).toBe(true);
  });
});
