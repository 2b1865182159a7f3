/**
 * Plain-text layout for terminals. Chinese text is the norm here, and CJK characters take two
 * terminal columns, so `String.length` would misalign every table; widths are counted in columns.
 */

/** [first, last] code points that East Asian terminals draw two columns wide (UAX #11 W and F). */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** Combining marks and zero-width characters add nothing to the width. */
const ZERO_WIDTH_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2064],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [lo, hi] of ranges) {
    if (cp < lo) return false;
    if (cp <= hi) return true;
  }
  return false;
}

export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (inRanges(cp, ZERO_WIDTH_RANGES)) return 0;
  return inRanges(cp, WIDE_RANGES) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/**
 * Case data comes from imported folders that anyone could have written. Control characters (an ESC
 * starting a terminal escape sequence, a carriage return hiding what precedes it) must not reach the
 * operator's terminal, and line breaks would tear a table row apart.
 */
export function sanitizeCell(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd').trim();
}

/** Cuts `text` to at most `max` columns, marking the cut with an ellipsis. */
export function truncateToWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + pad : pad + text;
}

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: 'left' | 'right';
  /** Long free text (案由, 题名) is cut so that one row stays one line. */
  maxWidth?: number;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) =>
    columns.map((c) => {
      const text = sanitizeCell(c.value(row));
      return c.maxWidth ? truncateToWidth(text, c.maxWidth) : text;
    }),
  );
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => padToWidth(v, widths[i] ?? 0, columns[i]?.align))
      .join('  ')
      .trimEnd();
  // ASCII dashes: box-drawing characters are "ambiguous width" and take two columns on many CJK
  // terminals, which would make the rule longer than the table.
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...cells.map(line)].join('\n') + '\n';
}

/** Label-value lines with the values aligned, for the facts of one object. */
export function renderFacts(facts: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...facts.map(([label]) => displayWidth(label)));
  return facts.map(([label, value]) => `${padToWidth(label, width)}  ${sanitizeCell(value)}`.trimEnd()).join('\n') + '\n';
}
