/** Pure helpers of the PDF screens (验证 PDF, 扫描件转 PDF); tested in test/renderer/pdf.test.ts. */

const PT_PER_INCH = 72;
const MM_PER_INCH = 25.4;

/** PDF points (1/72 inch) to millimetres, to one decimal. */
export function ptToMm(pt: number): number {
  return Math.round((pt / PT_PER_INCH) * MM_PER_INCH * 10) / 10;
}

/** A page's size as the archive room says it: `210 × 297`, whole millimetres when the size is whole. */
export function formatPageSizeMm(widthPt: number, heightPt: number): string {
  const show = (mm: number) => (Number.isInteger(mm) ? String(mm) : mm.toFixed(1));
  return `${show(ptToMm(widthPt))} × ${show(ptToMm(heightPt))}`;
}

/** Times in Beijing time whatever the machine's zone: the unit is in China and so are its records. */
export function formatBeijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** File sizes in the units people read: 字节, KB, MB, GB (base 1024). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} 字节`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** Seconds as `0.42 秒` / `12.3 秒` / `2 分 05 秒`. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 10) return `${seconds.toFixed(2)} 秒`;
  if (seconds < 60) return `${seconds.toFixed(1)} 秒`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} 分 ${String(whole % 60).padStart(2, '0')} 秒`;
}

/** The paths of the textarea, one a line: trimmed, blank lines and surrounding quotes dropped. */
export function parsePathLines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^"(.*)"$/, '$1').trim())
    .filter((line) => line.length > 0);
}

/** Where the resolution of a page came from. */
export const DPI_SOURCE_LABELS: Record<'header' | 'default', string> = {
  header: '文件标注',
  default: '单位默认',
};

/** The status of a verified PDF, as the result panel shows it. */
export const VERIFY_STATUS_LABELS: Record<'valid' | 'invalid' | 'unreadable', string> = {
  valid: '有效',
  invalid: '无效',
  unreadable: '无法读取',
};
