import { describe, expect, it } from 'vitest';
import {
  formatBeijingTime,
  formatBytes,
  formatPageSizeMm,
  formatSeconds,
  parsePathLines,
  ptToMm,
} from '../../src/renderer/features/pdf/pdfFormat';
import { progressPercent } from '../../src/renderer/components/format';
import { CERTIFICATE_FILE_NAME, shortFingerprint } from '../../src/renderer/features/signing/certificateFormat';

describe('page sizes', () => {
  it('turns PDF points into millimetres', () => {
    expect(ptToMm(72)).toBe(25.4);
    expect(ptToMm(0)).toBe(0);
    // A4 as scanners write it: 595.28 × 841.89 pt.
    expect(ptToMm(595.28)).toBe(210);
    expect(ptToMm(841.89)).toBe(297);
  });

  it('shows whole millimetres plainly and others to one decimal', () => {
    expect(formatPageSizeMm(595.28, 841.89)).toBe('210 × 297');
    // 827 × 1169 px at 100 dpi: 595.44 × 841.68 pt.
    expect(formatPageSizeMm(595.44, 841.68)).toBe('210.1 × 296.9');
    expect(formatPageSizeMm(612, 792)).toBe('215.9 × 279.4');
  });
});

describe('times, sizes, durations', () => {
  it('shows times in Beijing time whatever the zone of the machine', () => {
    expect(formatBeijingTime('2024-03-01T16:30:05Z')).toBe('2024-03-02 00:30:05');
    expect(formatBeijingTime('2024-03-01T00:00:00.000+08:00')).toBe('2024-03-01 00:00:00');
    expect(formatBeijingTime(null)).toBe('');
    expect(formatBeijingTime('not a date')).toBe('not a date');
  });

  it('shows file sizes in 1024 steps', () => {
    expect(formatBytes(0)).toBe('0 字节');
    expect(formatBytes(1023)).toBe('1023 字节');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatBytes(-1)).toBe('');
  });

  it('shows durations in seconds, then minutes', () => {
    expect(formatSeconds(0.4231)).toBe('0.42 秒');
    expect(formatSeconds(12.34)).toBe('12.3 秒');
    expect(formatSeconds(125)).toBe('2 分 05 秒');
  });
});

describe('scan form', () => {
  it('reads one path a line, dropping blanks and quotes', () => {
    expect(parsePathLines('  /tmp/a.jpg \r\n\n"/tmp/扫描 件"\n')).toEqual(['/tmp/a.jpg', '/tmp/扫描 件']);
    expect(parsePathLines(undefined)).toEqual([]);
    expect(parsePathLines('\n  \n')).toEqual([]);
  });

  it('turns job progress into a bounded percentage', () => {
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(3, 3)).toBe(100);
    expect(progressPercent(5, 3)).toBe(100);
  });
});

describe('certificate card', () => {
  it('shortens fingerprints for the table', () => {
    const hex = 'ab'.repeat(32);
    expect(shortFingerprint(hex)).toBe('AB:AB:AB:AB:AB:AB:AB:AB…');
    expect(shortFingerprint('0a1b', 8)).toBe('0A:1B');
  });

  it('names the exported file', () => {
    expect(CERTIFICATE_FILE_NAME).toBe('单位签章证书.pem');
  });
});
