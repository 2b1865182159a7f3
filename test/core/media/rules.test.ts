import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS, type Classification } from '../../../src/contract';
import { mayHold } from '../../../src/core/media/classification';
import { maySetStatus, statusAfterWipeApproval, stepRefusal, tagMatches } from '../../../src/core/media/rules';

const DEFAULT_PATTERN = '^[A-Z]{2,8}-\\d{4}-\\d{4}$';

describe('asset tag rule (§6.1.3 a)', () => {
  it('accepts the example and refuses what breaks the pattern', () => {
    expect(tagMatches(DEFAULT_PATTERN, 'NTYC-2026-0001')).toBe(true);
    expect(tagMatches(DEFAULT_PATTERN, 'NTYC-2026-001')).toBe(false);
    expect(tagMatches(DEFAULT_PATTERN, 'N-2026-0001')).toBe(false);
    expect(tagMatches(DEFAULT_PATTERN, 'ntyc-2026-0001')).toBe(false);
  });

  it('matches the whole tag even when the unit leaves its pattern unanchored', () => {
    expect(tagMatches('[A-Z]+-\\d+', 'U-12')).toBe(true);
    expect(tagMatches('[A-Z]+-\\d+', 'X U-12 Y')).toBe(false);
  });
});

describe('status changes outside checkout and wiping', () => {
  it('reports a medium lost from stock or from its holder, but not once destroyed', () => {
    expect(maySetStatus('in-stock', 'lost')).toBe(true);
    expect(maySetStatus('checked-out', 'lost')).toBe(true);
    expect(maySetStatus('destroyed', 'lost')).toBe(false);
    expect(maySetStatus('lost', 'lost')).toBe(false);
  });

  it('brings back into stock only what was lost or wiped for reuse', () => {
    expect(maySetStatus('lost', 'in-stock')).toBe(true);
    expect(maySetStatus('wiped', 'in-stock')).toBe(true);
    expect(maySetStatus('checked-out', 'in-stock')).toBe(false);
    expect(maySetStatus('awaiting-destruction', 'in-stock')).toBe(false);
    expect(maySetStatus('destroyed', 'in-stock')).toBe(false);
  });

  it('sets aside for destruction only what is not handed out or already gone', () => {
    expect(maySetStatus('in-stock', 'awaiting-destruction')).toBe(true);
    expect(maySetStatus('checked-out', 'awaiting-destruction')).toBe(false);
    expect(maySetStatus('requested', 'awaiting-destruction')).toBe(false);
    expect(maySetStatus('destroyed', 'awaiting-destruction')).toBe(false);
  });
});

describe('where an approved wipe request sends the medium', () => {
  it('software wiping for non-classified magnetic and flash media', () => {
    expect(statusAfterWipeApproval('usb-flash', '非涉密')).toBe('awaiting-wipe');
    expect(statusAfterWipeApproval('hdd', '内部')).toBe('awaiting-wipe');
  });

  it('destruction for 涉密 media and optical discs', () => {
    for (const level of ['秘密', '机密', '绝密'] as const) expect(statusAfterWipeApproval('hdd', level)).toBe('awaiting-destruction');
    expect(statusAfterWipeApproval('optical', '非涉密')).toBe('awaiting-destruction');
  });
});

describe('who may take a step of the chain (§6.1.3 c)', () => {
  const step = { kind: 'checkout' as const, stepRole: 'department-head' as const, stepLabel: '部门负责人审批', asker: 'chen', askerDepartment: '专卖监督管理科', mediumDepartment: '信息中心' };

  it('the head of the asker’s department, for a checkout', () => {
    expect(stepRefusal({ username: 'zhang', roles: ['department-head'], department: '专卖监督管理科' }, step)).toBeNull();
    expect(stepRefusal({ username: 'li', roles: ['department-head'], department: '办公室' }, step)).toMatch(/专卖监督管理科/);
  });

  it('the head of the medium’s department, for a wipe', () => {
    const wipe = { ...step, kind: 'wipe' as const };
    expect(stepRefusal({ username: 'wu', roles: ['department-head'], department: '信息中心' }, wipe)).toBeNull();
    expect(stepRefusal({ username: 'zhang', roles: ['department-head'], department: '专卖监督管理科' }, wipe)).toMatch(/介质所属部门（信息中心）/);
  });

  it('never the asker, and never without the step’s role', () => {
    expect(stepRefusal({ username: 'chen', roles: ['department-head'], department: '专卖监督管理科' }, { ...step, asker: 'chen' })).toMatch(/本人/);
    expect(stepRefusal({ username: 'wang', roles: ['case-officer'], department: '专卖监督管理科' }, step)).toMatch(/部门负责人/);
    const filing = { ...step, stepRole: 'info-centre' as const, stepLabel: '信息中心备案' };
    expect(stepRefusal({ username: 'baoguan', roles: ['info-centre'], department: '信息中心' }, filing)).toBeNull();
    expect(stepRefusal({ username: 'zhang', roles: ['department-head'], department: '专卖监督管理科' }, filing)).toMatch(/信息中心/);
  });
});

describe('mayHold (§6.1.3 f)', () => {
  it('a medium holds records up to its own level', () => {
    expect(mayHold('机密', '秘密')).toBe(true);
    expect(mayHold('秘密', '机密')).toBe(false);
    expect(mayHold('绝密', '绝密')).toBe(true);
    expect(mayHold('内部', '非涉密')).toBe(true);
    expect(mayHold('非涉密', '内部')).toBe(false);
  });

  it('no 涉密 record ever goes to a 非涉密 or 内部 medium', () => {
    const secret: Classification[] = ['秘密', '机密', '绝密'];
    for (const record of secret) for (const medium of ['非涉密', '内部'] as const) expect(mayHold(medium, record)).toBe(false);
  });

  it('is the order of CLASSIFICATIONS, 非涉密 lowest', () => {
    for (const medium of CLASSIFICATIONS) for (const record of CLASSIFICATIONS) expect(mayHold(medium, record)).toBe(CLASSIFICATIONS.indexOf(record) <= CLASSIFICATIONS.indexOf(medium));
  });
});
