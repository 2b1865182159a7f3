import { describe, expect, it } from 'vitest';
import { ELECTRONIC_RECORD_NAME_PATTERN, type ElectronicRecordNameFields } from '../../../src/contract';
import { recordBaseName } from '../../../src/core/erecords/naming';

const fields: ElectronicRecordNameFields = {
  date: '2026-03-05',
  unitName: '海安县烟草专卖局',
  squad: '法规室',
  activityType: '询问',
  party: '张三',
  caseNumber: '',
  recorder: '周敏',
};

const refusal = (f: Partial<ElectronicRecordNameFields>) => {
  try {
    recordBaseName({ ...fields, ...f });
  } catch (error) {
    return { code: (error as { code: string }).code, field: (error as { field?: string }).field, message: (error as Error).message };
  }
  throw new Error('expected a refusal');
};

describe('recordBaseName (§4.7.3)', () => {
  it('accepts 县 and 室 and gives a name of the pattern', () => {
    const name = recordBaseName(fields);
    expect(name).toBe('2026年3月5日海安县烟草专卖局法规室询问记录（张三）（记录人：周敏）');
    expect(name).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
  });

  it('refuses a unit that is not a 市（县）烟草专卖局, naming the field', () => {
    expect(refusal({ unitName: '江苏省烟草专卖局' })).toMatchObject({ code: 'bad-request', field: 'unitName' });
    expect(refusal({ unitName: '南通市烟草公司' }).message).toContain('某市烟草专卖局');
    expect(refusal({ unitName: '市烟草专卖局' })).toMatchObject({ field: 'unitName' });
  });

  it('refuses a squad not ending in 中队 or 室', () => {
    expect(refusal({ squad: '稽查一组' })).toMatchObject({ code: 'bad-request', field: 'squad' });
    expect(refusal({ squad: '中队' })).toMatchObject({ field: 'squad' });
  });

  it('refuses full-width brackets inside the bracketed parts', () => {
    expect(refusal({ party: '张三（个体户）' })).toMatchObject({ field: 'party' });
    expect(refusal({ caseNumber: '通烟立（2026）12号' })).toMatchObject({ field: 'caseNumber' });
    expect(refusal({ recorder: '周（敏）' })).toMatchObject({ field: 'recorder' });
  });

  it('refuses a date the pattern cannot carry', () => {
    expect(refusal({ date: '1999-12-31' })).toMatchObject({ field: 'endedAt' });
  });
});
