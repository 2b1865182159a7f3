import { describe, expect, it } from 'vitest';
import { RETENTION_CLASS_IDS } from '../../../src/contract';
import { addCalendarMonths, chinaDate, disposalDueOn, isPastRetention, retentionClassOf, uploadDeadline } from '../../../src/core/erecords/retention';

describe('Table 2 arithmetic (DB3206/T 1060 §6.1.2)', () => {
  it('maps each class to its deadline, retention and label', () => {
    const ended = new Date('2026-08-31T02:00:00Z'); // 10:00 China time
    const table = RETENTION_CLASS_IDS.map((id) => {
      const c = retentionClassOf(id);
      return [id, uploadDeadline(ended, c).toISOString(), disposalDueOn(ended, c), c.retention];
    });
    expect(table).toEqual([
      ['market-undisputed', '2026-09-01T02:00:00.000Z', '2027-02-28', '6 月'],
      ['market-disputed', '2026-09-01T02:00:00.000Z', '2029-08-31', '36 月'],
      ['other-ordinary', '2026-09-01T02:00:00.000Z', '2029-08-31', '36 月'],
      ['other-significant', '2026-09-01T02:00:00.000Z', null, '长期'],
      // 结案后一周内: endedAt carries the case's closing for this class.
      ['case-evidence-medium', '2026-09-07T02:00:00.000Z', null, '长期'],
    ]);
  });

  it('counts calendar months, ending a short month on its last day', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-08-31', 36)).toBe('2029-08-31');
    expect(addCalendarMonths('2026-03-31', 6)).toBe('2026-09-30');
    expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('takes the day in China time (UTC+8)', () => {
    expect(chinaDate(new Date('2026-08-31T15:59:59Z'))).toBe('2026-08-31');
    expect(chinaDate(new Date('2026-08-31T16:00:00Z'))).toBe('2026-09-01');
    // Ended late on 31 August in UTC, but 1 September in China: six months from 09-01.
    expect(disposalDueOn(new Date('2026-08-31T17:00:00Z'), retentionClassOf('market-undisputed'))).toBe('2027-03-01');
  });

  it('is past retention from the due day on (China time), never for 长期', () => {
    expect(isPastRetention('2027-02-28', new Date('2027-02-27T15:59:59Z'))).toBe(false);
    expect(isPastRetention('2027-02-28', new Date('2027-02-27T16:00:00Z'))).toBe(true);
    expect(isPastRetention(null, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });
});
