// Generates the synthetic sample case shipped under resources/sample-case (issue 4 item 8): invented
// names, scans drawn here as A4 150-dpi grayscale pages. Run once with `npx tsx scripts/make-sample-case.ts`;
// the output is committed so the app needs no font or generator at run time.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const OUT = path.resolve(import.meta.dirname, '..', 'resources', 'sample-case');
const W = 1240;
const H = 1754;

interface Page {
  title: string;
  lines: string[];
}

interface SampleRecord {
  type: string;
  title: string;
  documentNumber?: string;
  responsible: string;
  date: string;
  approvedOn?: string;
  pages: Page[];
}

const CASE_NUMBER = '示例烟立〔2024〕第1号';
const PARTY = '林晓东';
const DECISION = '示例烟罚〔2024〕第1号';

const records: SampleRecord[] = [
  { type: '立案报告表', title: '林晓东涉嫌无证经营卷烟立案报告表', responsible: '示例市烟草专卖局', date: '2024-03-04', approvedOn: '2024-03-05', pages: [{ title: '立案报告表', lines: ['案由：涉嫌无烟草专卖零售许可证经营烟草制品零售业务', `当事人：${PARTY}，男，45 岁，个体经营者`, '案件来源：市场检查', '承办人意见：建议立案调查。', '负责人意见：同意立案。2024 年 3 月 5 日'] }] },
  {
    type: '检查(勘验)笔录',
    title: '现场检查笔录',
    responsible: '周明、吴芳',
    date: '2024-03-04',
    pages: [
      { title: '检查（勘验）笔录', lines: ['检查时间：2024 年 3 月 4 日 9 时 30 分至 10 时 15 分', '检查地点：示例市新华路 8 号晓东便利店', '检查人员：周明、吴芳（出示执法证件）', '检查情况：在店内柜台下发现卷烟 12 条，当事人未能出示烟草专卖零售许可证。'] },
      { title: '检查（勘验）笔录（续）', lines: ['以上笔录经当事人核对无误。', '当事人签名：林晓东', '检查人员签名：周明、吴芳'] },
    ],
  },
  { type: '询问笔录', title: '林晓东询问笔录', responsible: '周明、吴芳', date: '2024-03-06', pages: [{ title: '询问笔录', lines: ['问：店内的卷烟从何处购进？', '答：从外地个人处购进，没有发票。', '问：你是否办理了烟草专卖零售许可证？', '答：没有办理。', '被询问人签名：林晓东'] }] },
  { type: '案件调查终结报告', title: '案件调查终结报告', responsible: '周明、吴芳', date: '2024-04-10', pages: [{ title: '案件调查终结报告', lines: ['经调查，当事人无烟草专卖零售许可证经营卷烟 12 条，事实清楚，证据确凿。', '建议依法予以行政处罚。'] }] },
  { type: '案件处理审批表', title: '案件处理审批表', responsible: '示例市烟草专卖局', date: '2024-04-15', approvedOn: '2024-04-16', pages: [{ title: '案件处理审批表', lines: ['拟处理意见：没收违法卷烟 12 条，罚款人民币 1200 元。', '负责人审批意见：同意。'] }] },
  { type: '行政处罚决定书', title: '行政处罚决定书', documentNumber: DECISION, responsible: '示例市烟草专卖局', date: '2024-04-18', pages: [{ title: '行政处罚决定书', lines: [DECISION, `当事人：${PARTY}`, '违法事实：无烟草专卖零售许可证经营卷烟 12 条。', '处罚决定：没收违法卷烟 12 条，罚款人民币 1200 元。', '示例市烟草专卖局 2024 年 4 月 18 日'] }] },
  { type: '送达回证', title: '行政处罚决定书送达回证', responsible: '周明、吴芳', date: '2024-04-19', pages: [{ title: '送达回证', lines: [`送达文书：${DECISION} 行政处罚决定书`, `受送达人：${PARTY}`, '送达方式：直接送达', '受送达人签名：林晓东  2024 年 4 月 19 日'] }, { title: '', lines: [] }] },
  { type: '结案报告表', title: '结案报告表', responsible: '示例市烟草专卖局', date: '2024-05-18', approvedOn: '2024-05-20', pages: [{ title: '结案报告表', lines: ['执行情况：罚款已缴纳，违法卷烟已没收。', '建议结案。', '负责人意见：同意结案。2024 年 5 月 20 日'] }] },
];

/** Breaks a line to fit 940 px at 40 px: a CJK character is one unit, other characters half. */
function wrap(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let width = 0;
  for (const ch of line) {
    const w = /[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.55;
    if (width + w > 23) {
      out.push(current);
      current = '';
      width = 0;
    }
    current += ch;
    width += w;
  }
  return [...out, current];
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page as a scanner would give it: off-white paper, a heading, lines of text, a rule under the heading. */
function svg(page: Page): string {
  const body = page.lines.flatMap(wrap).map((l, i) => `<text x="150" y="${420 + i * 80}" font-size="40">${escape(l)}</text>`).join('');
  const heading = page.title ? `<text x="${W / 2}" y="260" font-size="64" text-anchor="middle" letter-spacing="12">${escape(page.title)}</text><line x1="150" y1="310" x2="${W - 150}" y2="310" stroke="#222" stroke-width="3"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f6f5f1"/><g font-family="Noto Sans CJK SC" fill="#1c1c1c">${heading}${body}</g></svg>`;
}

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(path.join(OUT, 'scans'), { recursive: true });
let n = 0;
const manifestRecords = [];
for (const r of records) {
  const files: string[] = [];
  for (const page of r.pages) {
    n += 1;
    const name = `scans/page-${String(n).padStart(2, '0')}.png`;
    await sharp(Buffer.from(svg(page))).grayscale().png({ palette: true, colours: 16, compressionLevel: 9 }).withMetadata({ density: 150 }).toFile(path.join(OUT, name));
    files.push(name);
  }
  manifestRecords.push({ type: r.type, title: r.title, documentNumber: r.documentNumber ?? '', responsible: r.responsible, date: r.date, ...(r.approvedOn ? { approvedOn: r.approvedOn } : {}), files });
}
const manifest = {
  caseNumber: CASE_NUMBER,
  cause: '涉嫌无烟草专卖零售许可证经营烟草制品零售业务',
  party: { kind: 'person', name: PARTY, gender: '男', age: 45, occupation: '个体经营者', address: '示例市新华路 8 号' },
  source: '市场检查',
  procedure: '一般程序',
  handlers: ['周明', '吴芳'],
  department: '专卖监督管理科',
  disposition: `依${DECISION}行政处罚决定书，没收违法卷烟 12 条，罚款人民币 1200 元，已执行完毕`,
  openedOn: '2024-03-05',
  closedOn: '2024-05-20',
  records: manifestRecords,
  dossier: { retention: '30年', compiler: '周明', checker: '吴芳', compiledOn: '2024-05-22', checkedOn: '2024-05-23' },
};
fs.writeFileSync(path.join(OUT, 'case.json'), `${JSON.stringify(manifest, null, 2)}\n`);
fs.writeFileSync(
  path.join(OUT, 'README.md'),
  '# 示例案件（合成数据）\n\n人名、单位和案情均为虚构，扫描页由 `scripts/make-sample-case.ts` 生成。用于第一次启动时体验导入、签章、组卷和归档：\n`dossier case import-sample`，或在程序中点“导入示例案件”。\n',
);
console.log(`${n} pages written to ${OUT}`);
