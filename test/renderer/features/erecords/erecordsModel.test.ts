import { describe, expect, it } from 'vitest';
import { ELECTRONIC_RECORD_NAME_PATTERN } from '../../../../src/contract';
import { chinaDate, isDisposable, isLateUpload, namePreview, retentionClassOf, retentionClassTerms, uploadDeadline } from '../../../../src/renderer/features/erecords/erecordsModel';

const fields = {
  endedAt: '2026-03-04T17:30:00.000Z',
  unitName: '',
  squad: '第一中队',
  activityType: '市场检查' as const,
  party: '王某某',
  caseNumber: '',
  recorder: '陈立',
};

describe('the §4.7.3 name preview', () => {
  it('dates the name in China time: an evening in UTC is the next day in Nantong', () => {
    expect(chinaDate('2026-03-04T17:30:00.000Z')).toBe('2026-03-05');
    expect(chinaDate('2026-03-04T15:59:59.000Z')).toBe('2026-03-04');
    expect(chinaDate('2026-03-05T00:30:00+09:00')).toBe('2026-03-04');
  });

  it('builds the name the core stores, with the unit’s name when none is typed, matching the standard’s pattern', () => {
    const name = namePreview(fields, '南通市烟草专卖局');
    expect(name).toBe('2026年3月5日南通市烟草专卖局第一中队市场检查记录（王某某）（记录人：陈立）');
    expect(name).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    expect(namePreview({ ...fields, unitName: '如皋县烟草专卖局', caseNumber: '通烟立〔2026〕第5号' }, '南通市烟草专卖局')).toBe(
      '2026年3月5日如皋县烟草专卖局第一中队市场检查记录（王某某+通烟立〔2026〕第5号）（记录人：陈立）',
    );
  });

  it('waits for every part the name needs', () => {
    expect(namePreview({ ...fields, endedAt: null }, '南通市烟草专卖局')).toBeNull();
    expect(namePreview({ ...fields, activityType: undefined }, '南通市烟草专卖局')).toBeNull();
    expect(namePreview({ ...fields, squad: '  ' }, '南通市烟草专卖局')).toBeNull();
    expect(namePreview({ ...fields, recorder: '' }, '南通市烟草专卖局')).toBeNull();
  });
});

describe('Table 2 deadlines', () => {
  it('gives 24 hours after the activity, and a week after closing for case-evidence media', () => {
    const market = retentionClassOf('market-undisputed');
    expect(uploadDeadline('2026-03-04T10:00:00.000Z', market)).toBe('2026-03-05T10:00:00.000Z');
    expect(isLateUpload('2026-03-04T10:00:00.000Z', '2026-03-05T10:00:00.000Z', market)).toBe(false);
    expect(isLateUpload('2026-03-04T10:00:00.000Z', '2026-03-05T10:00:01.000Z', market)).toBe(true);
    const evidence = retentionClassOf('case-evidence-medium');
    expect(uploadDeadline('2026-03-04T10:00:00.000Z', evidence)).toBe('2026-03-11T10:00:00.000Z');
    expect(retentionClassTerms(retentionClassOf('market-disputed'))).toBe('上传时限：活动结束后 24 小时内；保存期限：36 月');
  });

  it('puts on a disposal request only due records still kept', () => {
    expect(isDisposable({ isDue: true, status: 'kept' })).toBe(true);
    expect(isDisposable({ isDue: true, status: 'disposal-requested' })).toBe(false);
    expect(isDisposable({ isDue: false, status: 'kept' })).toBe(false);
  });
});
