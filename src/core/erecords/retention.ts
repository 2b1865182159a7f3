import { CHINA_OFFSET_MS, chinaDate, type RetentionClass } from '../../contract';

// One rule for the form's preview and the core (the contract's): the class, the China date, the deadline.
export { chinaDate, retentionClassOf, uploadDeadline, type RetentionClass } from '../../contract';

/** An instant as the unit reads it on its clocks: `2026-03-05 10:30` (China time). */
export function chinaDateTime(at: Date): string {
  const t = new Date(at.getTime() + CHINA_OFFSET_MS).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/**
 * A date plus whole calendar months; a day the target month lacks becomes its last day, so that six
 * months from 08-31 is 02-28 (02-29 in a leap year), not 03-03.
 */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * Table 2 存储期限 counted in calendar months from the day the activity ended (China time); the day
 * retention ends, from which the record is due for disposal. Null for 长期: never due.
 */
export function disposalDueOn(endedAt: Date, cls: RetentionClass): string | null {
  return cls.retentionMonths === null ? null : addCalendarMonths(chinaDate(endedAt), cls.retentionMonths);
}

/** Whether retention has ended by `now` (the due day itself counts, in China time). */
export function isPastRetention(dueOn: string | null, now: Date): boolean {
  return dueOn !== null && chinaDate(now) >= dueOn;
}
