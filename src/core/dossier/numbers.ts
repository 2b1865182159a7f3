/**
 * The dossier's numbers (DB3206/T 1060 §5.5.1, §5.5.2 a; DOMAIN.md glossary).
 * - 归档号 filingNumber: 8 digits, the year of handling and a 4-digit serial of the year's closed cases.
 * - 案卷号 volumeNumber: 年度第号, e.g. `2024年度第12号`, assigned by the archive department on acceptance.
 * - 档号 archivalCode: 全宗号-分类号-年度-案卷序号 (DA/T 13), derived, never typed.
 */

export interface VolumeNumber {
  year: number;
  serial: number;
}

export interface FilingNumber {
  year: number;
  serial: number;
}

/** Years a dossier can plausibly belong to: the PRC tobacco monopoly law dates from 1991. */
const FIRST_YEAR = 1991;

const VOLUME_PATTERN = /^(\d{4})年度第([1-9]\d{0,4})号$/;
const FILING_PATTERN = /^(\d{4})(\d{4})$/;

export function formatVolumeNumber(v: VolumeNumber): string {
  return `${v.year}年度第${v.serial}号`;
}

/** null when the text is not in 年度第号 form (§5.5.2 a). */
export function parseVolumeNumber(text: string): VolumeNumber | null {
  const m = VOLUME_PATTERN.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  return year >= FIRST_YEAR ? { year, serial: Number(m[2]) } : null;
}

export function formatFilingNumber(f: FilingNumber): string {
  return `${f.year}${String(f.serial).padStart(4, '0')}`;
}

/** null unless 8 digits: a plausible year and a serial from 0001. */
export function parseFilingNumber(text: string): FilingNumber | null {
  const m = FILING_PATTERN.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const serial = Number(m[2]);
  return year >= FIRST_YEAR && serial >= 1 ? { year, serial } : null;
}

/** The next free serial of a year, given the numbers already used (any year; others are ignored). */
export function nextSerial<T extends { year: number; serial: number }>(year: number, used: Iterable<T | null>): number {
  let max = 0;
  for (const u of used) if (u && u.year === year && u.serial > max) max = u.serial;
  return max + 1;
}

/** Serials of a year that are missing below the highest one (归档号 must run without gaps, DA/T 70 integrity). */
export function missingSerials(year: number, used: Iterable<FilingNumber | null>): number[] {
  const seen = new Set<number>();
  for (const u of used) if (u && u.year === year) seen.add(u.serial);
  const max = Math.max(0, ...seen);
  const missing: number[] = [];
  for (let s = 1; s < max; s++) if (!seen.has(s)) missing.push(s);
  return missing;
}

/** 档号 (DA/T 13): fonds, class code, year and the volume's serial padded to four digits. */
export function archivalCode(fondsNumber: string, classCode: string, volume: VolumeNumber): string {
  return `${fondsNumber}-${classCode}-${volume.year}-${String(volume.serial).padStart(4, '0')}`;
}
