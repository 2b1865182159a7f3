import { describe, expect, it } from 'vitest';
import { awaitsDestruction, contentsRemark, draftStatement, isEmptyStatement } from '../../../src/core/dossier/statement';

describe('本卷情况说明 (DB3206/T 1060 §5.5.5 a)', () => {
  it('is drafted from the facts', () => {
    expect(draftStatement({ itemCount: 12, pageCount: 48, excluded: [], awaitsDestruction: false })).toBe('本卷共有文件材料12件48页，本卷材料齐全。');
    const text = draftStatement({ itemCount: 3, pageCount: 9, excluded: [{ title: '询问笔录', reason: '重复件' }], awaitsDestruction: true });
    expect(text).toContain('另有1件未入卷：《询问笔录》（重复件）。');
    expect(text).toMatch(/假冒伪劣卷烟待公开统一销毁。$/);
  });

  it('knows counterfeit goods await destruction until a 违法物品销毁记录表 is in the case', () => {
    expect(awaitsDestruction('涉嫌销售假冒卷烟', '没收假冒卷烟20条', [2, 46])).toBe(true);
    expect(awaitsDestruction('涉嫌销售假冒卷烟', '没收假冒卷烟20条', [2, 46, 55])).toBe(false);
    expect(awaitsDestruction('无证经营', '罚款500元', [2, 46])).toBe(false);
  });

  it.each(['', '  ', '无', '无。', '/', '／', '\\', '——'])('refuses %j as a statement', (t) => {
    expect(isEmptyStatement(t)).toBe(true);
  });
  it('accepts a real statement', () => {
    expect(isEmptyStatement('本卷材料齐全')).toBe(false);
  });
});

describe('备注 of a contents row (§5.5.3)', () => {
  it('states unnumbered blank pages and a version after the first', () => {
    expect(contentsRemark(0, 1)).toBe('');
    expect(contentsRemark(1, 1)).toBe('空白页1页不编号');
    expect(contentsRemark(2, 3)).toBe('空白页2页不编号，第3版');
    expect(contentsRemark(0, null)).toBe('');
  });
});
