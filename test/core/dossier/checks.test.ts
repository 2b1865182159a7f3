import { describe, expect, it } from 'vitest';
import { checkDossier, hasBlockingFindings, type DossierCheckInput } from '../../../src/core/dossier/checks';
import { paginate } from '../../../src/core/dossier/pagination';

const records = [
  { recordId: '1', typeNumber: 2, title: '立案报告表', documentNumber: '', approvedOn: '2024-03-01', volume: '正卷' as const },
  { recordId: '2', typeNumber: 46, title: '行政处罚决定书', documentNumber: '通烟处〔2024〕12号', approvedOn: '2024-04-01', volume: '正卷' as const },
  { recordId: '3', typeNumber: 50, title: '送达回证', documentNumber: '', approvedOn: null, volume: '正卷' as const },
  { recordId: '4', typeNumber: 67, title: '结案报告表', documentNumber: '', approvedOn: '2024-05-01', volume: '正卷' as const },
  { recordId: '5', typeNumber: 27, title: '案件调查终结报告', documentNumber: '', approvedOn: null, volume: '正卷' as const },
  { recordId: '6', typeNumber: 41, title: '案件处理审批表', documentNumber: '', approvedOn: null, volume: '正卷' as const },
];
const pagination = { 正卷: paginate(records.map((r) => ({ recordId: r.recordId, pages: [{ isBlank: false }, { isBlank: false }], duplex: false }))) };

function good(): DossierCheckInput {
  return {
    stage: 'archive',
    case: { procedure: '一般程序', disposition: '依通烟处〔2024〕12号行政处罚决定书，没收卷烟20条，罚款500元', openedOn: '2024-03-01', closedOn: '2024-05-01' },
    records: records.map((r) => ({ ...r })),
    cover: { filingNumber: '20240012', filingNumberTakenBy: null, volumeNumber: '2024年度第12号', retention: '30年', classCode: 'XZCF', written: { 正卷: { itemCount: 6, pageCount: 12 } } },
    remarks: { statement: '本卷材料齐全。', compiler: '张三', checker: '李四', compiledOn: '2024-05-10', checkedOn: '2024-05-11' },
    pagination,
  };
}
const rules = (input: DossierCheckInput) => checkDossier(input).map((f) => `${f.level}:${f.rule}:${f.field}`);

describe('dossier checks (DB3206/T 1060 §5.5, DOMAIN.md)', () => {
  it('passes a complete dossier', () => {
    expect(checkDossier(good())).toEqual([]);
  });

  it('blocks on the 案卷号 and 归档号 forms and a taken 归档号, each pointing at its field', () => {
    const a = good();
    a.cover.volumeNumber = '2024年第12号';
    a.cover.filingNumber = '2024012';
    expect(rules(a)).toEqual(['error:volume-number-form:cover.volumeNumber', 'error:filing-number-form:cover.filingNumber']);
    const b = good();
    b.cover.filingNumberTakenBy = '通烟立〔2024〕3号';
    expect(rules(b)).toEqual(['error:filing-number-unique:cover.filingNumber']);
  });

  it('requires 案卷号 and 分类号 only on archiving, and the remarks people then too', () => {
    const c = good();
    c.stage = 'compile';
    c.cover.volumeNumber = null;
    c.cover.classCode = null;
    c.remarks.checker = null;
    expect(rules(c)).toEqual(['warning:checker-missing:remarks.checker']);
    c.stage = 'archive';
    expect(rules(c)).toEqual(['error:volume-number-missing:cover.volumeNumber', 'error:class-code-missing:cover.classCode', 'error:checker-missing:remarks.checker']);
  });

  it('compares 立案/结案 dates with the approval dates of the reports', () => {
    const d = good();
    d.case.openedOn = '2024-03-02';
    d.records[3]!.approvedOn = null;
    expect(rules(d)).toEqual(['error:case.openedOn-match:case.openedOn', 'error:case.closedOn-approval:record:4']);
  });

  it('checks 处理结果 against the decision', () => {
    const e = good();
    e.case.disposition = '不予处罚';
    expect(rules(e)).toEqual(['error:disposition-kind:case.disposition', 'warning:disposition-number:case.disposition']);
    e.case.disposition = '';
    expect(rules(e)).toEqual(['error:disposition-missing:case.disposition']);
  });

  it('refuses 无 as a statement and the same person as 立卷人 and 检查人', () => {
    const f = good();
    f.remarks.statement = '无';
    f.remarks.checker = '张三';
    expect(rules(f)).toEqual(['error:statement:remarks.statement', 'error:compiler-is-checker:remarks.checker']);
  });

  it('lists missing required records by level', () => {
    const g = good();
    g.records = g.records.filter((r) => r.typeNumber !== 50 && r.typeNumber !== 27);
    expect(rules(g)).toEqual(['error:required-record:records', 'warning:required-record:records']);
    const excluded = good();
    excluded.records[2]!.volume = null;
    expect(rules(excluded)).toContain('error:required-record:records');
  });

  it('finds cover counts that disagree with the real ones and records without numbered pages', () => {
    const h = good();
    h.cover.written = { 正卷: { itemCount: 6, pageCount: 11 } };
    h.pagination = { 正卷: paginate([{ recordId: '1', pages: [{ isBlank: true }], duplex: false }, ...records.slice(1).map((r) => ({ recordId: r.recordId, pages: [{ isBlank: false }, { isBlank: false }], duplex: false }))]) };
    expect(rules(h)).toEqual(['error:record-without-pages:record:1', 'error:cover-counts:cover.counts']);
    expect(hasBlockingFindings(checkDossier(h))).toBe(true);
  });
});
