import { describe, expect, it } from 'vitest';
import { STAGES } from '../../../src/contract';
import { findCatalogEntry, RECORD_CATALOG, suggestRecordNames } from '../../../src/core/cases/catalog';

describe('record catalog (DB3206/T 1060 Appendix A)', () => {
  it('holds all 69 entries, numbered 1..69, with stage and category', () => {
    expect(RECORD_CATALOG).toHaveLength(69);
    expect(RECORD_CATALOG.map((e) => e.number)).toEqual(Array.from({ length: 69 }, (_, i) => i + 1));
    for (const e of RECORD_CATALOG) {
      expect(STAGES).toContain(e.stage);
      expect(e.category).toMatch(/规范性|公函|内部/);
    }
    expect(RECORD_CATALOG[1]).toMatchObject({ number: 2, stage: '立案', name: '立案报告表', isApprovalForm: true });
    expect(RECORD_CATALOG[66]).toMatchObject({ number: 67, stage: '结案归档', name: '结案报告表', isApprovalForm: true });
    expect(RECORD_CATALOG[68]).toMatchObject({ number: 69, stage: '通用', name: '案件处理有关事项审批表' });
    expect(findCatalogEntry('行政处罚决定书')?.isApprovalForm).toBe(false);
  });

  it('matches names whatever the width of their brackets', () => {
    expect(findCatalogEntry('检查（勘验）笔录')?.number).toBe(10);
    expect(findCatalogEntry('延期(分期)缴纳罚款通知书')?.number).toBe(62);
  });

  it('suggests the nearest names for an unknown one', () => {
    expect(suggestRecordNames('立案报告')).toContain('立案报告表');
    expect(suggestRecordNames('行政处罚决定')[0]).toBe('行政处罚决定书');
  });
});
