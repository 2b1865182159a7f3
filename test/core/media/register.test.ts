import { describe, expect, it } from 'vitest';
import { value } from '../../helpers/core';
import { type MediaUnit, register, usb, useMediaUnit } from './unit';

/** The register (DB3206/T 1060 §6.1.3 a): the unit's tag rule and chains, every field, the full history. */
let u: MediaUnit;
useMediaUnit((unit) => void (u = unit));

describe('media settings', () => {
  it('default to the tag rule NTYC-2026-0001 and the chains of §6.1.3 c', async () => {
    expect(value(await u.officer.media.settings())).toEqual({
      assetTagPattern: '^[A-Z]{2,8}-\\d{4}-\\d{4}$',
      assetTagExample: 'NTYC-2026-0001',
      checkoutChain: [
        { role: 'department-head', label: '部门负责人审批' },
        { role: 'info-centre', label: '信息中心备案' },
      ],
      wipeChain: [{ role: 'department-head', label: '部门负责人审批' }],
    });
  });

  it('are changed by the security administrator only, with an example that fits and roles that may approve', async () => {
    const securityAdmin = await u.signIn('baomi', ['security-admin'], '办公室');
    const settings = { assetTagPattern: 'JZ\\d{6}', assetTagExample: 'JZ000001', checkoutChain: [{ role: 'leader' as const, label: '局领导审批' }], wipeChain: [{ role: 'info-centre' as const, label: '信息中心审批' }] };
    expect(await u.centre.media.updateSettings(settings)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await securityAdmin.media.updateSettings({ ...settings, assetTagExample: 'NTYC-2026-0001' })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'assetTagExample' } });
    expect(await securityAdmin.media.updateSettings({ ...settings, wipeChain: [{ role: 'archivist', label: '档案员' }] })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'wipeChain', message: expect.stringContaining('档案管理员') } });
    expect(await securityAdmin.media.updateSettings({ ...settings, assetTagPattern: '([A-Z' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(value(await securityAdmin.media.updateSettings(settings))).toMatchObject(settings);

    // New tags follow the new rule; a request takes the chain as it stands when made.
    expect(await u.centre.media.register(usb('NTYC-2026-0009'))).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'tag', message: expect.stringContaining('JZ000001') } });
    await register(u.centre, 'JZ000001');
    const asked = value(await u.officer.media.checkout({ tag: 'JZ000001', purpose: '取证', days: 1 }));
    expect(asked.steps.map((s) => [s.role, s.label])).toEqual([['leader', '局领导审批']]);
    value(await securityAdmin.media.updateSettings({ assetTagPattern: '^[A-Z]{2,8}-\\d{4}-\\d{4}$', assetTagExample: 'NTYC-2026-0001', checkoutChain: [{ role: 'department-head', label: '部门负责人审批' }, { role: 'info-centre', label: '信息中心备案' }], wipeChain: [{ role: 'department-head', label: '部门负责人审批' }] }));
    expect(value(await u.officer.media.requests({ scope: 'mine', tag: 'JZ000001' }))[0]!.steps).toHaveLength(1);
  });
});

describe('the register', () => {
  it('keeps every field, refuses a second medium with the same tag, and lists with filters', async () => {
    const m = await register(u.centre, 'NTYC-2026-0100', { kind: 'memory-card', classification: '内部', brand: '闪迪', model: 'Extreme', serial: 'SD-77', capacityBytes: 64e9, department: '专卖监督管理科', note: '执法记录仪 3 号' });
    expect(m).toMatchObject({ tag: 'NTYC-2026-0100', kind: 'memory-card', classification: '内部', brand: '闪迪', model: 'Extreme', serial: 'SD-77', capacityBytes: 64e9, department: '专卖监督管理科', holder: null, status: 'in-stock', registeredBy: 'baoguan', note: '执法记录仪 3 号', identityWrittenAt: null, hasContentKey: false, isOverdue: false, dueAt: null });
    // Tags are upper-cased by the contract, so a lower-case duplicate is still the same tag.
    expect(await u.centre.media.register(usb('ntyc-2026-0100'))).toMatchObject({ ok: false, error: { code: 'conflict', field: 'tag' } });
    expect(await u.officer.media.register(usb('NTYC-2026-0199'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await register(u.centre, 'NTYC-2026-0101', { kind: 'hdd', classification: '秘密', department: '办公室' });
    expect(value(await u.officer.media.list({ classification: '秘密', department: '', holder: '', query: '' })).map((x) => x.tag)).toEqual(['NTYC-2026-0101']);
    expect(value(await u.officer.media.list({ kind: 'memory-card', department: '', holder: '', query: '' })).map((x) => x.tag)).toEqual(['NTYC-2026-0100']);
    expect(value(await u.officer.media.list({ department: '', holder: '', query: 'sd-77' })).map((x) => x.tag)).toEqual([]);
    expect(value(await u.officer.media.list({ department: '', holder: '', query: 'SD-77' })).map((x) => x.tag)).toEqual(['NTYC-2026-0100']);
  });

  it('records corrections and status changes in the history, with the medium as the log’s target', async () => {
    await register(u.centre, 'NTYC-2026-0300');
    expect(value(await u.centre.media.update({ tag: 'NTYC-2026-0300', serial: 'SN-NEW', note: '更换标签' }))).toMatchObject({ serial: 'SN-NEW', note: '更换标签' });
    expect(await u.centre.media.update({ tag: 'NTYC-2026-0300', serial: 'SN-NEW' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    value(await u.centre.media.setStatus({ tag: 'NTYC-2026-0300', status: 'lost', reason: '出差途中遗失' }));
    expect(await u.centre.media.setStatus({ tag: 'NTYC-2026-0300', status: 'awaiting-destruction', reason: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    value(await u.centre.media.setStatus({ tag: 'NTYC-2026-0300', status: 'in-stock', reason: '已找回' }));
    const history = value(await u.centre.media.get({ tag: 'NTYC-2026-0300' })).history;
    expect(history.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['登记', null, null],
      ['修改登记信息', null, null],
      ['登记遗失', 'in-stock', 'lost'],
      ['入库', 'lost', 'in-stock'],
    ]);
    expect(history[1]!.detail).toBe('硬件序列号：SN-NTYC-2026-0300 → SN-NEW；备注：（空） → 更换标签');
    expect(history[2]!.detail).toBe('出差途中遗失');

    const log = value(await u.auditor.audit.list({ action: '', actor: 'baoguan', target: 'medium:NTYC-2026-0300', limit: 50, offset: 0 })).items;
    expect(log.map((e) => [e.action, e.outcome])).toEqual(
      expect.arrayContaining([
        ['media.register', 'ok'],
        ['media.update', 'ok'],
        ['media.setStatus', 'ok'],
      ]),
    );
  });

  it('refuses a status change that skips the chain of custody', async () => {
    await register(u.centre, 'NTYC-2026-0400');
    value(await u.officer.media.checkout({ tag: 'NTYC-2026-0400', purpose: '取证', days: 1 }));
    const r = await u.centre.media.setStatus({ tag: 'NTYC-2026-0400', status: 'awaiting-destruction', reason: '损坏' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('申领中') } });
    // Reported lost, its open checkout ends with it.
    value(await u.centre.media.setStatus({ tag: 'NTYC-2026-0400', status: 'lost', reason: '申领期间遗失' }));
    expect(value(await u.officer.media.requests({ scope: 'mine', tag: 'NTYC-2026-0400' }))[0]).toMatchObject({ status: 'withdrawn' });
  });
});
