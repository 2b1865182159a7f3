import { RETENTION_CLASSES, type RetentionClassId } from '../../contract';

export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** China Standard Time, UTC+8 all year (no daylight saving since 1991): the unit's calendar. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function retentionClassOf(id: RetentionClassId): RetentionClass {
  return RETENTION_CLASSES.find((c) => c.id === id)!;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in China: a record ended at 23:30 UTC is the next day's. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as the unit reads it on its clocks: `2026-03-05 10:30` (China time). */
export function chinaDateTime(at: Date): string {
  const t = new Date(at.getTime() + CHINA_OFFSET_MS).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/**
 * Table 2 上传时间要求: 24 hours after the activity ended, or for a case-evidence medium one week
 * (168 hours) after the case closed — `endedAt` carries the closing for that class.
 */
export function uploadDeadline(endedAt: Date, cls: RetentionClass): Date {
  return new Date(endedAt.getTime() + cls.uploadHours * 3_600_000);
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
