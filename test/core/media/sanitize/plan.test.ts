import { describe, expect, it } from 'vitest';
import type { Classification, MediumKind } from '../../../../src/contract';
import { driveSanitizeSupport, type DriveSanitizeSupport } from '../../../../src/core/media/sanitize/driveSanitize';
import { categoryOf, OVERWRITE_PASSES, wipePlan } from '../../../../src/core/media/sanitize/plan';

const none: DriveSanitizeSupport = { available: false, tools: [], how: '在 PATH 中未找到 hdparm 或 nvme 命令' };
const plan = (kind: MediumKind, classification: Classification = '非涉密', hasContentKey = false, driveSanitize = none) =>
  wipePlan({ tag: 'M-1', kind, classification, hasContentKey, driveSanitize, approvedRequestId: null, resumable: null });

describe('wipe plan (NIST SP 800-88 Rev. 1)', () => {
  it('hdd: one overwrite pass and verify, clear', () => {
    const p = plan('hdd');
    expect(p.method).toBe('overwrite-1');
    expect(p.passes).toHaveLength(1);
    expect(p.isSoftwareSufficient).toBe(true);
    expect(p.explanation).toContain('NIST SP 800-88');
    expect(categoryOf(p.method)).toBe('clear');
  });

  it('usb flash and memory cards: a pattern then its complement, read back; flash limits said', () => {
    for (const kind of ['usb-flash', 'memory-card'] as const) {
      const p = plan(kind);
      expect(p.method).toBe('overwrite-pattern-complement');
      const [a, b] = OVERWRITE_PASSES['overwrite-pattern-complement'];
      expect(a!.byte ^ b!.byte).toBe(0xff);
      expect(p.passes).toEqual(['第 1 遍：0x55 图案', '第 2 遍：0xAA 反码']);
      expect(p.verification).toContain('回读');
      expect(p.limits.join('')).toContain('磨损均衡');
      expect(p.alternatives).toContain('destruction');
    }
  });

  it('ssd: crypto erase when the app wrote it encrypted, otherwise overwrite with its limits stated', () => {
    expect(plan('ssd', '非涉密', true).method).toBe('crypto-erase');
    expect(categoryOf('crypto-erase')).toBe('purge');
    const p = plan('ssd');
    expect(p.method).toBe('overwrite-1');
    expect(p.limits.join('')).toContain('预留空间');
    expect(p.limits.join('')).toContain('未找到 hdparm 或 nvme');
  });

  it('ssd: the drive’s own sanitize (purge) when nvme/hdparm can be run as root, crypto erase and overwrite as alternatives', () => {
    const available = { available: true, tools: ['nvme'], how: '在 PATH 中找到 nvme，且以 root 运行' };
    for (const hasKey of [false, true]) {
      const p = plan('ssd', '非涉密', hasKey, available);
      expect(p.method).toBe('drive-sanitize');
      expect(p.explanation).toContain('在 PATH 中找到 nvme');
      expect(p.alternatives).toEqual(expect.arrayContaining(['overwrite-1', 'destruction', ...(hasKey ? ['crypto-erase'] : [])]));
    }
    expect(categoryOf('drive-sanitize')).toBe('purge');
    // Found but not root: not available, so no drive command is proposed.
    expect(plan('ssd', '非涉密', false, { available: false, tools: ['nvme'], how: '找到 nvme，但本程序不是以 root 运行' }).method).toBe('overwrite-1');
    expect(plan('hdd', '非涉密', false, available).method).toBe('overwrite-1');
  });

  it('optical and every 涉密 level: destruction only, software never sufficient', () => {
    for (const [kind, level] of [
      ['optical', '非涉密'],
      ['usb-flash', '秘密'],
      ['hdd', '机密'],
      ['ssd', '绝密'],
    ] as const) {
      const p = plan(kind, level, true);
      expect(p.method).toBe('destruction');
      expect(p.isSoftwareSufficient).toBe(false);
      expect(p.alternatives).toEqual([]);
    }
    expect(plan('hdd', '内部').method).toBe('overwrite-1');
  });

  it('drive sanitize is detected from the PATH and root, and says how', () => {
    expect(driveSanitizeSupport({ platform: 'win32' }).available).toBe(false);
    expect(driveSanitizeSupport({ platform: 'linux', pathVar: '/nonexistent', isRoot: true })).toMatchObject({ available: false, tools: [] });
  });
});
