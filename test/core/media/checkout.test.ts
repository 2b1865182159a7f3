import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASSWORD, value } from '../../helpers/core';
import { type MediaUnit, register, useMediaUnit } from './unit';

/**
 * Checkout through the unit's chain (DB3206/T 1060 §6.1.3 c): the officer asks, the head of his
 * department approves, the information centre files it (a signed PDF/A), the custodian hands it
 * over, the holder returns it; refusals are logged as denied.
 */
let u: MediaUnit;
useMediaUnit((unit) => void (u = unit));

const denied = async (e: Promise<{ ok: boolean; error?: { code: string; message: string } }>) => {
  const r = await e;
  expect(r.ok).toBe(false);
  return r.error!;
};

describe('checkout chain', () => {
  it('runs request → department head → information centre filing → handover → return', async () => {
    await register(u.centre, 'NTYC-2026-0001');
    const asked = value(await u.officer.media.checkout({ tag: 'NTYC-2026-0001', purpose: '现场检查取证拷贝', days: 7 }));
    expect(asked).toMatchObject({ kind: 'checkout', status: 'pending', nextStep: 0, requestedBy: 'chen', requestedByDepartment: '专卖监督管理科' });
    expect(asked.steps.map((s) => s.label)).toEqual(['部门负责人审批', '信息中心备案']);
    expect(value(await u.centre.media.get({ tag: 'NTYC-2026-0001' })).status).toBe('requested');

    // The asker may not approve (he lacks the role anyway); the head of another department may not.
    expect((await denied(u.officer.media.approve({ requestId: asked.id, note: '', confirmPassword: PASSWORD }))).code).toBe('forbidden');
    const wrongDept = await denied(u.otherHead.media.approve({ requestId: asked.id, note: '', confirmPassword: PASSWORD }));
    expect(wrongDept).toMatchObject({ code: 'forbidden' });
    expect(wrongDept.message).toMatch(/申请人所在部门（专卖监督管理科）/);
    // The information centre cannot take the department head's step.
    expect((await denied(u.centre.media.approve({ requestId: asked.id, note: '', confirmPassword: PASSWORD }))).message).toMatch(/部门负责人/);
    // The right person with the wrong password.
    expect((await denied(u.head.media.approve({ requestId: asked.id, note: '', confirmPassword: 'wrong-password' }))).code).toBe('forbidden');

    const listed = value(await u.head.media.requests({ scope: 'actionable', tag: '' }));
    expect(listed.map((r) => [r.id, r.canAct])).toEqual([[asked.id, true]]);
    expect(value(await u.otherHead.media.requests({ scope: 'actionable', tag: '' }))).toEqual([]);

    const first = value(await u.head.media.approve({ requestId: asked.id, note: '同意', confirmPassword: PASSWORD }));
    expect(first).toMatchObject({ status: 'pending', nextStep: 1, filedRecord: null });
    expect(first.steps[0]).toMatchObject({ by: 'zhang', note: '同意' });
    // The same step cannot be taken twice; the next one is the information centre's.
    expect((await denied(u.head.media.approve({ requestId: asked.id, note: '', confirmPassword: PASSWORD }))).message).toMatch(/信息中心/);

    const filed = value(await u.centre.media.approve({ requestId: asked.id, note: '已备案', confirmPassword: PASSWORD }));
    expect(filed).toMatchObject({ status: 'approved', nextStep: null });
    expect(filed.filedRecord).toMatchObject({ mediaType: 'application/pdf' });
    const pdf = path.join(u.dir, 'files', filed.filedRecord!.sha256.slice(0, 2), filed.filedRecord!.sha256);
    expect(value(await u.centre.pdf.verify({ path: pdf }))).toMatchObject({ status: 'valid' });
    // pdfsig (poppler) reads the same signature: it is an ordinary PAdES certification.
    const sig = execFileSync('pdfsig', [pdf], { encoding: 'utf8' });
    expect(sig).toMatch(/Signature Validation: Signature is Valid/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s/g, '');
    for (const expected of ['存储介质领用备案表', 'NTYC-2026-0001', '现场检查取证拷贝', '7天', 'zhang', 'baoguan', '部门负责人审批', '信息中心备案']) expect(text).toContain(expected);
    expect(fs.statSync(pdf).mode & 0o222).toBe(0);

    // Only the custodian hands it over; then it is the officer's until he returns it.
    expect((await denied(u.officer.media.handover({ requestId: asked.id }))).code).toBe('forbidden');
    const out = value(await u.centre.media.handover({ requestId: asked.id }));
    expect(out).toMatchObject({ status: 'checked-out', holder: 'chen', isOverdue: false });
    expect(out.dueAt).toBe(new Date(u.clock.current.getTime() + 7 * 24 * 3600_000).toISOString());
    expect(value(await u.officer.media.requests({ scope: 'mine', tag: '' }))[0]).toMatchObject({ status: 'completed' });

    u.clock.advanceMinutes(8 * 24 * 60);
    await u.relogin();
    expect(value(await u.centre.media.get({ tag: 'NTYC-2026-0001' })).isOverdue).toBe(true);
    expect((await denied(u.head.media.return({ tag: 'NTYC-2026-0001', note: '' }))).code).toBe('forbidden');
    const back = value(await u.officer.media.return({ tag: 'NTYC-2026-0001', note: '完好' }));
    expect(back).toMatchObject({ status: 'in-stock', holder: null, dueAt: null });

    const detail = value(await u.centre.media.get({ tag: 'NTYC-2026-0001' }));
    expect(detail.history.map((e) => e.action)).toEqual(['登记', '领用申请', '部门负责人审批', '信息中心备案', '备案', '交付', '归还']);
    expect(detail.history.find((e) => e.action === '归还')!.detail).toMatch(/逾期/);
    expect(detail.requests[0]!.filedRecord!.id).toBe(filed.filedRecord!.id);

    // Every refusal above is in the log as denied; those that reached the request name the medium.
    const approvals = value(await u.auditor.audit.list({ action: 'media.approve', actor: '', target: '', limit: 500, offset: 0 })).items;
    expect(approvals.filter((e) => e.outcome === 'denied').map((e) => [e.actor, e.target])).toEqual(
      expect.arrayContaining([
        ['chen', ''],
        ['li', 'medium:NTYC-2026-0001'],
        ['baoguan', 'medium:NTYC-2026-0001'],
        ['zhang', ''],
      ]),
    );
    expect(approvals.filter((e) => e.outcome === 'denied')).toHaveLength(5);
    expect(approvals.filter((e) => e.outcome === 'ok').map((e) => e.target)).toEqual(['medium:NTYC-2026-0001', 'medium:NTYC-2026-0001']);
  }, 60_000);

  it('a refused or withdrawn checkout puts the medium back in stock', async () => {
    await register(u.centre, 'NTYC-2026-0002');
    const a = value(await u.officer.media.checkout({ tag: 'NTYC-2026-0002', purpose: '外出检查', days: 3 }));
    expect((await denied(u.officer.media.checkout({ tag: 'NTYC-2026-0002', purpose: '再次申请', days: 3 }))).code).toBe('conflict');
    const rejected = value(await u.head.media.reject({ requestId: a.id, reason: '本周无外出任务' }));
    expect(rejected).toMatchObject({ status: 'rejected', rejectedBy: 'zhang', rejectReason: '本周无外出任务' });
    expect(value(await u.centre.media.get({ tag: 'NTYC-2026-0002' })).status).toBe('in-stock');

    const b = value(await u.officer.media.checkout({ tag: 'NTYC-2026-0002', purpose: '外出检查', days: 3 }));
    expect((await denied(u.head.media.withdraw({ requestId: b.id }))).code).toBe('forbidden');
    expect(value(await u.officer.media.withdraw({ requestId: b.id })).status).toBe('withdrawn');
    expect(value(await u.centre.media.get({ tag: 'NTYC-2026-0002' })).status).toBe('in-stock');
    expect((await denied(u.officer.media.withdraw({ requestId: b.id }))).code).toBe('conflict');
  });
});

describe('wipe requests', () => {
  it('go through the wipe chain to 待清除, by the head of the medium’s department', async () => {
    await register(u.centre, 'NTYC-2026-0010', { department: '办公室' });
    expect((await denied(u.officer.media.wipeRequest({ tag: 'NTYC-2026-0010', reason: '报废前清除', destination: 'retire' }))).code).toBe('forbidden');
    const w = value(await u.security.media.wipeRequest({ tag: 'NTYC-2026-0010', reason: '报废前清除', destination: 'retire' }));
    expect(w).toMatchObject({ kind: 'wipe', destination: 'retire', steps: [{ label: '部门负责人审批' }] });
    expect((await denied(u.head.media.approve({ requestId: w.id, note: '', confirmPassword: PASSWORD }))).message).toMatch(/介质所属部门（办公室）/);
    expect(value(await u.otherHead.media.approve({ requestId: w.id, note: '', confirmPassword: PASSWORD }))).toMatchObject({ status: 'approved', filedRecord: null });
    expect(value(await u.centre.media.get({ tag: 'NTYC-2026-0010' })).status).toBe('awaiting-wipe');
  });

  it('may be asked by the holder; while open, the medium cannot be checked out again; approved, it waits for wiping', async () => {
    await register(u.centre, 'NTYC-2026-0013');
    const c = value(await u.officer.media.checkout({ tag: 'NTYC-2026-0013', purpose: '取证', days: 5 }));
    value(await u.head.media.approve({ requestId: c.id, note: '', confirmPassword: PASSWORD }));
    value(await u.centre.media.approve({ requestId: c.id, note: '', confirmPassword: PASSWORD }));
    value(await u.centre.media.handover({ requestId: c.id }));
    const w = value(await u.officer.media.wipeRequest({ tag: 'NTYC-2026-0013', reason: '误存了案件照片，清除后再用', destination: 'reuse' }));
    expect(value(await u.centre.media.get({ tag: 'NTYC-2026-0013' }))).toMatchObject({ status: 'checked-out', holder: 'chen' });
    value(await u.officer.media.return({ tag: 'NTYC-2026-0013', note: '' }));
    expect(await u.officer.media.checkout({ tag: 'NTYC-2026-0013', purpose: '再领', days: 1 })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`清除申请（编号 ${w.id}）`) } });
    value(await u.head.media.approve({ requestId: w.id, note: '', confirmPassword: PASSWORD }));
    expect(value(await u.centre.media.get({ tag: 'NTYC-2026-0013' }))).toMatchObject({ status: 'awaiting-wipe', holder: null });
    // Once approved, a wipe request is no longer the asker's to take back.
    expect(await u.officer.media.withdraw({ requestId: w.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('send 涉密 media and optical discs to 待销毁: software cannot make them safe', async () => {
    await register(u.centre, 'NTYC-2026-0011', { classification: '秘密' });
    await register(u.centre, 'NTYC-2026-0012', { kind: 'optical' });
    for (const tag of ['NTYC-2026-0011', 'NTYC-2026-0012']) {
      const w = value(await u.centre.media.wipeRequest({ tag, reason: '交付销毁', destination: 'destruction' }));
      value(await u.head.media.approve({ requestId: w.id, note: '', confirmPassword: PASSWORD }));
      expect(value(await u.centre.media.get({ tag })).status).toBe('awaiting-destruction');
    }
  });
});
