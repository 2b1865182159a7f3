import { describe, expect, it } from 'vitest';
import { archivalCode, formatFilingNumber, formatVolumeNumber, missingSerials, nextSerial, parseFilingNumber, parseVolumeNumber } from '../../../src/core/dossier/numbers';

describe('案卷号 (DB3206/T 1060 §5.5.2 a)', () => {
  it('reads and writes the 年度第号 form', () => {
    expect(parseVolumeNumber('2024年度第12号')).toEqual({ year: 2024, serial: 12 });
    expect(formatVolumeNumber({ year: 2024, serial: 12 })).toBe('2024年度第12号');
  });
  it.each(['2024年第12号', '2024年度12号', '24年度第12号', '2024年度第012号', '2024年度第0号', '1980年度第1号', ''])('refuses %s', (t) => {
    expect(parseVolumeNumber(t)).toBeNull();
  });
});

describe('归档号', () => {
  it('is 8 digits: year and a 4-digit serial from 0001', () => {
    expect(parseFilingNumber('20240012')).toEqual({ year: 2024, serial: 12 });
    expect(formatFilingNumber({ year: 2024, serial: 7 })).toBe('20240007');
    for (const bad of ['2024012', '202400120', '20240000', '1990001x', '19900001']) expect(parseFilingNumber(bad)).toBeNull();
  });
  it('takes the next free serial of the year and finds gaps', () => {
    const used = ['20240001', '20240002', '20240005', '20230009'].map(parseFilingNumber);
    expect(nextSerial(2024, used)).toBe(6);
    expect(nextSerial(2025, used)).toBe(1);
    expect(missingSerials(2024, used)).toEqual([3, 4]);
  });
});

describe('档号', () => {
  it('is derived from fonds, class and volume number', () => {
    expect(archivalCode('J012', 'XZCF', { year: 2024, serial: 12 })).toBe('J012-XZCF-2024-0012');
  });
});
