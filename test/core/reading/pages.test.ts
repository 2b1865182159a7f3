import { describe, expect, it } from 'vitest';
import { describePagesViewed, pageRanges } from '../../../src/core/reading/pages';
import { formatLocalMinute, readerLabel, watermarkText } from '../../../src/core/reading/watermark';

describe('pages viewed as the log says them (issue 5 item 7)', () => {
  it('joins runs into ranges, in page order, once each', () => {
    expect(pageRanges([7, 2, 1, 3, 2])).toBe('1–3、7');
    expect(pageRanges([5])).toBe('5');
    expect(pageRanges([4, 6, 8, 9])).toBe('4、6、8–9');
  });

  it('lists the main volume before the secondary one, and says when nothing was viewed', () => {
    expect(describePagesViewed(['副卷:2', '正卷:3', '正卷:1', '正卷:2', '正卷:7'])).toBe('正卷 第1–3、7页；副卷 第2页');
    expect(describePagesViewed([])).toBe('未查阅任何页面');
  });
});

describe('watermark text', () => {
  it('names reader, terminal and local time to the minute', () => {
    const at = new Date(2024, 5, 1, 9, 5, 59);
    expect(formatLocalMinute(at)).toBe('2024-06-01 09:05');
    expect(watermarkText({ reader: readerLabel('王敏', 'wang'), terminalId: 'T-0123456789AB', at })).toBe('王敏（wang） · 终端 T-0123456789AB · 2024-06-01 09:05');
    expect(readerLabel('wang', 'wang')).toBe('wang');
  });
});
