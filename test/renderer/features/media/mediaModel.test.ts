import { describe, expect, it } from 'vitest';
import type { MediaRequestDto, WipePlanDto } from '../../../../src/contract';
import {
  awaitsHandover,
  canWithdraw,
  defaultRequestTab,
  capacityFromGb,
  defaultPath,
  fitsTagPattern,
  formatCapacity,
  isCheckoutable,
  isWipeRequestable,
  isWizardCandidate,
  linesToPaths,
  pathsFor,
  requestTabs,
  resumedPercent,
  statusChangesFor,
  stepStates,
} from '../../../../src/renderer/features/media/mediaModel';

function request(patch: Partial<MediaRequestDto> = {}): MediaRequestDto {
  return {
    id: '7',
    kind: 'checkout',
    tag: 'NTYC-2026-0001',
    mediumKind: 'usb-flash',
    classification: '非涉密',
    requestedBy: 'chenli',
    requestedByName: '陈立',
    requestedByDepartment: '专卖监督管理科',
    requestedAt: '2026-11-30T01:00:00.000Z',
    purpose: '执法记录仪数据转存',
    days: 30,
    destination: null,
    status: 'pending',
    steps: [
      { role: 'department-head', label: '部门负责人审批', by: null, byName: null, at: null, note: '' },
      { role: 'info-centre', label: '信息中心备案', by: null, byName: null, at: null, note: '' },
    ],
    nextStep: 0,
    canAct: false,
    rejectedBy: null,
    rejectReason: '',
    filedRecord: null,
    ...patch,
  };
}

function plan(patch: Partial<WipePlanDto> = {}): WipePlanDto {
  return {
    tag: 'NTYC-2026-0001',
    kind: 'usb-flash',
    classification: '非涉密',
    method: 'overwrite-pattern-complement',
    methodLabel: '',
    passes: [],
    verification: '',
    isSoftwareSufficient: true,
    explanation: '',
    limits: [],
    alternatives: [],
    approvedRequestId: '3',
    resumable: null,
    ...patch,
  };
}

describe('media register helpers', () => {
  it('writes capacities in the decimal units printed on media, and reads the form’s GB', () => {
    expect(formatCapacity(null)).toBe('');
    expect(formatCapacity(512)).toBe('512 B');
    expect(formatCapacity(8 * 1024 * 1024)).toBe('8.39 MB');
    expect(formatCapacity(64e9)).toBe('64 GB');
    expect(formatCapacity(1.5e12)).toBe('1.5 TB');
    expect(capacityFromGb(64)).toBe(64e9);
    expect(capacityFromGb(0.5)).toBe(5e8);
    expect(capacityFromGb(null)).toBeNull();
    expect(capacityFromGb(undefined)).toBeNull();
  });

  it('checks a tag against the unit’s pattern as the core reads it (trimmed, upper case), and leaves an unreadable pattern to the core', () => {
    const pattern = '^[A-Z]{2,8}-\\d{4}-\\d{4}$';
    expect(fitsTagPattern(pattern, 'NTYC-2026-0001')).toBe(true);
    expect(fitsTagPattern(pattern, ' ntyc-2026-0001 ')).toBe(true);
    expect(fitsTagPattern(pattern, 'NTYC-26-1')).toBe(false);
    expect(fitsTagPattern('([', 'NTYC-2026-0001')).toBeNull();
  });

  it('offers only the status changes that make sense from where the medium stands', () => {
    expect(statusChangesFor('in-stock')).toEqual(['lost', 'awaiting-destruction']);
    expect(statusChangesFor('checked-out')).toEqual(['lost']);
    expect(statusChangesFor('lost')).toEqual(['in-stock']);
    expect(statusChangesFor('destroyed')).toEqual([]);
    expect(isCheckoutable({ status: 'in-stock' })).toBe(true);
    expect(isCheckoutable({ status: 'wiped' })).toBe(false);
    expect(isWipeRequestable({ status: 'checked-out' })).toBe(true);
    expect(isWipeRequestable({ status: 'awaiting-wipe' })).toBe(false);
    expect(isWizardCandidate({ status: 'awaiting-destruction' })).toBe(true);
    expect(isWizardCandidate({ status: 'in-stock' })).toBe(false);
  });
});

describe('approval chains', () => {
  it('shows the step waiting, the ones taken, and where a rejection stopped the chain', () => {
    expect(stepStates(request())).toEqual(['waiting', 'later']);
    const firstTaken = request({ nextStep: 1, steps: request().steps.map((s, i) => (i === 0 ? { ...s, by: 'zhuren', byName: '周主任', at: '2026-11-30T02:00:00.000Z' } : s)) });
    expect(stepStates(firstTaken)).toEqual(['done', 'waiting']);
    expect(stepStates({ ...firstTaken, status: 'rejected', nextStep: null })).toEqual(['done', 'rejected']);
    expect(stepStates({ ...firstTaken, status: 'withdrawn', nextStep: null })).toEqual(['done', 'later']);
  });

  it('lets only the asker withdraw a pending request, and hands over only filed checkouts', () => {
    expect(canWithdraw(request(), 'chenli')).toBe(true);
    expect(canWithdraw(request(), 'zhuren')).toBe(false);
    expect(canWithdraw(request({ status: 'approved' }), 'chenli')).toBe(false);
    expect(awaitsHandover(request({ status: 'approved' }))).toBe(true);
    expect(awaitsHandover(request({ status: 'approved', kind: 'wipe' }))).toBe(false);
    expect(awaitsHandover(request({ status: 'completed' }))).toBe(false);
  });
});

describe('领用与审批 tabs', () => {
  const none = { canRequest: false, canApprove: false, canManage: false, canWipe: false };
  const keys = (roles: typeof none) => requestTabs(roles).map((t) => t.key);

  it('offers each person the tabs of what they do, the whole list only to keepers, approvers and wipers', () => {
    expect(keys({ ...none, canRequest: true })).toEqual(['mine']);
    expect(keys({ ...none, canRequest: true, canApprove: true })).toEqual(['mine', 'actionable', 'all']);
    expect(keys({ ...none, canApprove: true, canManage: true })).toEqual(['actionable', 'custody', 'all']);
    expect(keys({ ...none, canRequest: true, canManage: true, canWipe: true })).toEqual(['mine', 'custody', 'all']);
    expect(keys(none)).toEqual([]);
  });

  it('lands an approver on what waits for them, and a role with no tab on none', () => {
    expect(defaultRequestTab({ ...none, canRequest: true, canApprove: true })).toBe('actionable');
    expect(defaultRequestTab({ ...none, canRequest: true })).toBe('mine');
    expect(defaultRequestTab({ ...none, canManage: true })).toBe('custody');
    expect(defaultRequestTab(none)).toBeNull();
  });
});

describe('the wipe wizard', () => {
  it('goes to the destruction hand-off whenever software is not sufficient, whatever the method says', () => {
    expect(defaultPath(plan({ classification: '秘密', isSoftwareSufficient: false, method: 'destruction' }))).toBe('destruction');
    expect(defaultPath(plan({ isSoftwareSufficient: false, method: 'overwrite-1' }))).toBe('destruction');
    expect(pathsFor(plan({ isSoftwareSufficient: false, method: 'destruction', alternatives: ['file-level'] }))).toEqual(['destruction']);
  });

  it('offers the plan’s own method first, then each alternative once', () => {
    expect(defaultPath(plan())).toBe('wipe');
    expect(pathsFor(plan({ method: 'drive-sanitize', alternatives: ['crypto-erase', 'overwrite-1', 'file-level'] }))).toEqual(['wipe', 'crypto', 'files']);
    expect(defaultPath(plan({ method: 'crypto-erase' }))).toBe('crypto');
  });

  it('reads paths one a line and says how far an interrupted run got', () => {
    expect(linesToPaths(' a.mp4 \r\n\n记录/b.mp4\n  ')).toEqual(['a.mp4', '记录/b.mp4']);
    expect(resumedPercent({ wipeId: '1', bytesDone: 3 * 1024 * 1024, bytesTotal: 8 * 1024 * 1024, pass: 1 })).toBe(37);
    expect(resumedPercent({ wipeId: '1', bytesDone: 0, bytesTotal: 0, pass: 1 })).toBe(0);
  });
});
