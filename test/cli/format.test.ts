import { describe, expect, it } from 'vitest';
import { displayWidth, renderFacts, renderTable, sanitizeCell, truncateToWidth } from '../../src/cli/format';

describe('terminal layout', () => {
  it('counts CJK and full-width characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('王建国')).toBe(6);
    expect(displayWidth('通烟立〔2024〕第12号')).toBe(6 + 2 + 4 + 2 + 2 + 2 + 2);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('aligns table columns by display width, not by string length', () => {
    const text = renderTable(
      [
        { name: '王建国', n: 4 },
        { name: 'Wang', n: 12 },
      ],
      [
        { header: '当事人', value: (r) => r.name },
        { header: '文书', value: (r) => String(r.n), align: 'right' },
      ],
    );
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    // Every line ends at the same column because the last column is right-aligned.
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    expect(lines[2]).toBe('王建国     4');
    expect(lines[3]).toBe('Wang      12');
  });

  it('cuts long text to a width, never splitting a wide character', () => {
    const cut = truncateToWidth('涉嫌无烟草专卖零售许可证经营烟草制品零售业务', 11);
    expect(cut).toBe('涉嫌无烟草…');
    expect(displayWidth(cut)).toBeLessThanOrEqual(11);
    expect(truncateToWidth('短', 11)).toBe('短');
  });

  it('keeps terminal control sequences and line breaks out of cells', () => {
    expect(sanitizeCell('王\n建国\u001b[2J\r')).toBe('王 建国\ufffd[2J');
  });

  it('aligns the values of facts', () => {
    expect(renderFacts([['案由', 'x'], ['承办部门', 'y']])).toBe('案由      x\n承办部门  y\n');
  });
});
