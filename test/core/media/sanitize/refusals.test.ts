import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linuxDiskFacts, setDiskFacts } from '../../../../src/core/media/sanitize/diskFacts';
import { value } from '../../../helpers/core';
import { findMarker, markerImage, wipeUnit, MiB, registeredForWipe, wipeRequest, type WipeUnit } from './fixture';

let m: WipeUnit | undefined;
afterEach(() => {
  setDiskFacts(null);
  m?.close();
  m = undefined;
});

/** Refusals need no big image: nothing may be written, and the marker shows that nothing was. */
const SMALL = 4 * MiB;

async function refused(call: Promise<{ ok: boolean }>, pattern: RegExp, code?: string) {
  const e = (await call) as { ok: false; error: { code: string; message: string } };
  expect(e.ok).toBe(false);
  expect(e.error.message).toMatch(pattern);
  if (code) expect(e.error.code).toBe(code);
}

describe('media.wipe refuses the wrong target and the wrong people (issue 6 items 5, 8)', () => {
  it('an unregistered image, medium B with medium A’s tag, an image in the data folder, the system disk', async () => {
    m = await wipeUnit();
    const a = markerImage(m.images, 'a.img', SMALL);
    const b = markerImage(m.images, 'b.img', SMALL);
    const stranger = markerImage(m.images, 'stranger.img', SMALL);
    await registeredForWipe(m, 'NTYC-2026-0011', 'hdd', a);
    value(await m.officer.media.register({ tag: 'NTYC-2026-0012', kind: 'hdd', classification: '非涉密', department: '办公室', device: b }));

    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0011', stranger)), /目标不是 NTYC-2026-0011：.*未登记/, 'forbidden');
    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0011', b)), /目标不是 NTYC-2026-0011：插入的是 NTYC-2026-0012/, 'forbidden');

    // A copy of A's own image inside the data folder: its identity would match, the place does not.
    const inData = path.join(m.unit.dir, 'a-copy.img');
    fs.copyFileSync(a, inData);
    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0011', inData)), /数据文件夹内/);

    // The mount facts say A's image is the disk that holds "/".
    setDiskFacts({
      ...linuxDiskFacts,
      platform: 'linux',
      mountInfo: () => '22 1 8:1 / / rw - ext4 /dev/sda1 rw\n',
      wholeDiskOf: (id) => ({ '8:0': '8:0', '8:1': '8:0' })[id] ?? id,
      node: (p) => (p === a ? { type: 'block', devId: '8:0', realPath: a } : linuxDiskFacts.node(p)),
    });
    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0011', a)), /系统盘/);
    setDiskFacts(null);

    for (const image of [a, b, stranger, inData]) expect(findMarker(image)).toBe(0);
    expect(value(await m.officer.media.wipePlan({ tag: 'NTYC-2026-0011' })).resumable).toBeNull();
    expect(value(await m.officer.media.get({ tag: 'NTYC-2026-0011' })).status).toBe('awaiting-wipe');
  });

  it('without an approved request, by a non-security-officer, with a wrong password, without a valid witness', async () => {
    m = await wipeUnit();
    const a = markerImage(m.images, 'a.img', SMALL);
    const c = markerImage(m.images, 'c.img', SMALL);
    await registeredForWipe(m, 'NTYC-2026-0021', 'hdd', a);
    value(await m.officer.media.register({ tag: 'NTYC-2026-0022', kind: 'hdd', classification: '非涉密', department: '办公室', device: c }));

    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0022', c)), /没有已批准的清除申请/);
    await refused(m.custodian.media.wipe(wipeRequest('NTYC-2026-0021', a)), /权限/, 'forbidden');
    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0021', a, { confirmPassword: 'wrong-password' })), /登录密码不正确/, 'forbidden');
    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0021', a, { witnessPassword: 'wrong-password' })), /复核人“witness”的登录密码不正确/, 'forbidden');
    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0021', a, { witness: 'officer' })), /不能是操作人本人/, 'forbidden');
    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0021', a, { witness: 'nobody' })), /不是本系统的在用人员/, 'forbidden');
    // 涉密 media are never wiped by software, whatever the request says.
    const secret = markerImage(m.images, 'secret.img', SMALL);
    await registeredForWipe(m, 'NTYC-2026-0023', 'usb-flash', secret, '秘密', 'destruction');
    await refused(m.officer.media.wipe(wipeRequest('NTYC-2026-0023', secret)), /涉密载体.*只能登记交付销毁/);

    for (const image of [a, c, secret]) expect(findMarker(image)).toBe(0);
    // The wrong witness password is logged as a refusal.
    const log = value(await m.auditor.audit.list({ action: 'media.wipe' }));
    expect(log.items.some((e) => e.outcome === 'denied' && e.detail.includes('复核人') && e.target === 'medium:NTYC-2026-0021')).toBe(true);
  });
});
