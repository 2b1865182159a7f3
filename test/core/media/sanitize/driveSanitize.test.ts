import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDriveBusOf, type DriveBus } from '../../../../src/core/media/sanitize/driveBus';
import { setAssumeRoot } from '../../../../src/core/media/sanitize/driveSanitize';
import { value } from '../../../helpers/core';
import { fakeDriveTools, type FakeDriveTools } from './fakeDriveTools';
import { findMarker, markerImage, wipeUnit, MiB, registeredForWipe, wipeRequest, type WipeUnit } from './fixture';

let m: WipeUnit | undefined;
let tools: FakeDriveTools;
let uninstall: (() => void) | undefined;
beforeEach(() => {
  tools = fakeDriveTools();
  setAssumeRoot(true);
});
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
  setDriveBusOf(null);
  setAssumeRoot(null);
  m?.close();
  m = undefined;
});

const IMAGE_BYTES = 32 * MiB;
/** The seam: the test's image files are taken as whole-disk block devices on this bus. */
const asBus = (bus: DriveBus) => setDriveBusOf(() => bus);

async function failed(call: Promise<{ ok: boolean }>): Promise<{ code: string; message: string }> {
  const e = (await call) as { ok: false; error: { code: string; message: string } };
  expect(e.ok).toBe(false);
  return e.error;
}

describe('media.wipe with the drive’s own sanitize (issue 6 item 5; NIST SP 800-88 Rev. 1 Table A-8)', () => {
  it('the plan proposes drive-sanitize for an SSD when nvme/hdparm are on the PATH and the process is root, and not otherwise', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'ssd.img', 4 * MiB);
    await registeredForWipe(m, 'NTYC-2026-0201', 'ssd', image);
    setAssumeRoot(false);
    uninstall = tools.install();
    expect(value(await m.officer.media.wipePlan({ tag: 'NTYC-2026-0201' })).method).toBe('overwrite-1');
    setAssumeRoot(true);
    const plan = value(await m.officer.media.wipePlan({ tag: 'NTYC-2026-0201' }));
    expect(plan).toMatchObject({ method: 'drive-sanitize', isSoftwareSufficient: true });
    expect(plan.explanation).toContain('nvme');
    uninstall();
    uninstall = undefined;
    expect(value(await m.officer.media.wipePlan({ tag: 'NTYC-2026-0201' })).method).toBe('overwrite-1');
  });

  it('an SSD image that is no NVMe/ATA block device is overwritten, with the overwrite’s limits on the certificate, even where the tools could run', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'ssd-image.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0211', 'ssd', image);
    uninstall = tools.install();
    const result = value(await m.officer.media.wipe(wipeRequest('NTYC-2026-0211', image)));
    expect(result.method).toBe('overwrite-1');
    expect(result.certificate).toMatchObject({ category: 'clear', tool: '执法案卷归档工作站' });
    const sha = result.certificate.json.sha256;
    const envelope = JSON.parse(fs.readFileSync(path.join(m.unit.dir, 'files', sha.slice(0, 2), sha), 'utf8')) as { certificate: string };
    expect((JSON.parse(envelope.certificate) as { limits: string[] }).limits.join('')).toMatch(/预留空间.*不是整盘 NVMe/);
    expect(tools.calls()).toEqual([]);
    expect(findMarker(image)).toBe(-1);
  });

  it('NVMe: block erase, progress polled to done, read-back against the before-hashes, purge certificate with nvme-cli and the command; the device path is one argument', async () => {
    m = await wipeUnit();
    // A space and a semicolon: through a shell this would be two words and a second command.
    const image = markerImage(m.images, 'nvme0n1 ;touch pwned.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0202', 'ssd', image);
    asBus('nvme');
    uninstall = tools.install();
    const labels = new Set<string>();
    const stop = m.unit.core.onEvent((e) => e.type === 'job.progress' && labels.add(e.label));
    const result = value(await m.officer.media.wipe(wipeRequest('NTYC-2026-0202', image)));
    stop();

    const calls = tools.calls();
    expect(calls).toContainEqual(['nvme', 'sanitize', image, '--sanact=2']);
    expect(calls.filter((c) => c[1] === 'sanitize-log').length).toBeGreaterThanOrEqual(3);
    expect(calls.every((c) => c.includes(image) || c[1] === 'version')).toBe(true);
    expect(fs.existsSync(path.join(m.images, 'pwned.img'))).toBe(false);
    expect([...labels].some((l) => l.includes('无法中途停止'))).toBe(true);

    expect(result).toMatchObject({ method: 'drive-sanitize', isVerified: true, verification: 'full', bytes: IMAGE_BYTES });
    expect(result.verificationDetail).toMatch(/块擦除.*nvme sanitize .*--sanact=2.*全为 0x00 32 个.*没有一个区段仍是原内容/);
    expect(findMarker(image)).toBe(-1);
    expect(result.certificate).toMatchObject({ method: 'drive-sanitize', category: 'purge', tool: 'nvme-cli', toolVersion: '2.8' });
    expect(result.certificate.verification).toContain('--sanact=2');
    // The identity record is written back: still the register's medium, now 已清除.
    expect(value(await m.officer.media.check({ device: image })).tag).toBe('NTYC-2026-0202');
    expect(value(await m.officer.media.get({ tag: 'NTYC-2026-0202' })).status).toBe('wiped');
  });

  it('NVMe: a controller without block erase falls back to crypto erase and says so', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'nvme1n1.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0203', 'ssd', image);
    tools.configure({ sanicap: 0x1 });
    asBus('nvme');
    uninstall = tools.install();
    const result = value(await m.officer.media.wipe(wipeRequest('NTYC-2026-0203', image, { verification: 'sample' })));
    expect(tools.calls()).toContainEqual(['nvme', 'sanitize', image, '--sanact=4']);
    expect(result.certificate.verification).toMatch(/密码擦除.*不支持块擦除/);
    expect(result.verificationDetail).toContain('抽样');
  });

  it('NVMe: the drive reports the sanitize failed: a clear error, still 待清除, no certificate', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'nvme2n1.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0204', 'ssd', image);
    tools.configure({ sanicap: 0x3, fail: true });
    asBus('nvme');
    uninstall = tools.install();
    const error = await failed(m.officer.media.wipe(wipeRequest('NTYC-2026-0204', image)));
    expect(error.message).toMatch(/驱动器报告.*块擦除.*失败.*SSTAT=0x3.*仍为待清除/);
    const medium = value(await m.officer.media.get({ tag: 'NTYC-2026-0204' }));
    expect(medium.status).toBe('awaiting-wipe');
    expect(medium.certificates).toEqual([]);
    expect(value(await m.officer.media.certificates({ tag: 'NTYC-2026-0204' }))).toEqual([]);
    expect(findMarker(image)).toBe(0);
  });

  it('ATA: a frozen drive is refused with the power-cycle advice; nothing is sent to it', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'sdb.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0205', 'ssd', image);
    tools.configure({ frozen: true });
    asBus('ata');
    uninstall = tools.install();
    const error = await failed(m.officer.media.wipe(wipeRequest('NTYC-2026-0205', image)));
    expect(error.message).toMatch(/冻结（frozen）.*断电后重新上电.*热插拔/);
    expect(tools.calls().some((c) => c.includes('--security-set-pass') || c.includes('--security-erase'))).toBe(false);
    expect(findMarker(image)).toBe(0);
    expect(value(await m.officer.media.get({ tag: 'NTYC-2026-0205' })).status).toBe('awaiting-wipe');
  });

  it('ATA: SANITIZE block erase with status polling when listed; Security Erase with a one-time password otherwise, hidden on the certificate', async () => {
    m = await wipeUnit();
    const a = markerImage(m.images, 'sdc.img', IMAGE_BYTES);
    const b = markerImage(m.images, 'sdd.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0206', 'ssd', a);
    await registeredForWipe(m, 'NTYC-2026-0207', 'ssd', b);
    asBus('ata');
    uninstall = tools.install();
    tools.configure({ ataSanitize: true });
    const sanitized = value(await m.officer.media.wipe(wipeRequest('NTYC-2026-0206', a)));
    expect(tools.calls()).toContainEqual(['hdparm', '--yes-i-know-what-i-am-doing', '--sanitize-block-erase', a]);
    expect(sanitized.certificate).toMatchObject({ category: 'purge', tool: 'hdparm', toolVersion: '9.65' });
    expect(findMarker(a)).toBe(-1);

    tools.configure({});
    const erased = value(await m.officer.media.wipe(wipeRequest('NTYC-2026-0207', b)));
    const setPass = tools.calls().find((c) => c.includes('--security-set-pass'))!;
    const password = setPass[setPass.indexOf('--security-set-pass') + 1]!;
    expect(password).toMatch(/^[0-9a-f]{24}$/);
    expect(tools.calls()).toContainEqual(['hdparm', '--user-master', 'u', '--security-erase', password, b]);
    expect(erased.certificate.verification).toContain('SECURITY ERASE UNIT');
    expect(erased.certificate.verification).toContain('<一次性口令>');
    expect(JSON.stringify(erased.certificate)).not.toContain(password);
    expect(findMarker(b)).toBe(-1);
  });

  it('verification fails when the drive says done but a region still holds what was read before', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'nvme3n1.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0208', 'ssd', image);
    asBus('nvme');
    uninstall = tools.install();
    // A drive whose firmware reports success without erasing anything.
    tools.configure({ eraseNothing: true });
    const error = await failed(m.officer.media.wipe(wipeRequest('NTYC-2026-0208', image)));
    expect(error.message).toMatch(/与清除前读到的内容完全相同.*校验未通过/);
    expect(value(await m.officer.media.get({ tag: 'NTYC-2026-0208' })).status).toBe('awaiting-wipe');
    expect(value(await m.officer.media.certificates({ tag: 'NTYC-2026-0208' }))).toEqual([]);
  });
});

describe('drive sanitize: cancel and resume', () => {
  it('a cancel while the drive works stops the waiting only; the drive finishes on its own, and the next media.wipe polls instead of re-issuing, verifies and certifies', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'nvme4n1.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0209', 'ssd', image);
    asBus('nvme');
    uninstall = tools.install();
    const jobId = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
    const officer = m.officer;
    let asked = false;
    const stop = m.unit.core.onEvent((e) => {
      if (e.type === 'job.progress' && e.label.includes('无法中途停止') && !asked) {
        asked = true;
        void officer.jobs.cancel({ jobId });
      }
    });
    const error = await failed(officer.media.wipe(wipeRequest('NTYC-2026-0209', image, { jobId })));
    stop();
    expect(error.message).toMatch(/已停止等待.*无法中途停止.*再次执行清除/);
    expect(value(await officer.media.wipePlan({ tag: 'NTYC-2026-0209' })).resumable).not.toBeNull();
    // Meanwhile the drive completes by itself (each status query of the fake is one step of its work).
    for (let i = 0; i < 3; i++) execFileSync(path.join(tools.dir, 'nvme'), ['sanitize-log', image, '-o', 'json']);
    expect(findMarker(image)).toBe(-1);
    // The identity record went with everything else; the run, the same device and the drive's serial carry the resume.
    expect(value(await officer.media.check({ device: image })).verdict).not.toBe('ok');

    const result = value(await officer.media.wipe(wipeRequest('NTYC-2026-0209', image)));
    expect(tools.calls().filter((c) => c[1] === 'sanitize')).toHaveLength(1);
    expect(result).toMatchObject({ method: 'drive-sanitize', isVerified: true });
    expect(result.certificate.category).toBe('purge');
    expect(value(await officer.media.check({ device: image })).tag).toBe('NTYC-2026-0209');
  });

  it('ATA Security Erase interrupted with the drive left locked: the next media.wipe erases with the saved one-time password, without setting one again', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'sde.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0210', 'ssd', image);
    tools.configure({ eraseFailsOnce: true });
    asBus('ata');
    uninstall = tools.install();
    const error = await failed(m.officer.media.wipe(wipeRequest('NTYC-2026-0210', image)));
    expect(error.message).toMatch(/驱动器命令“hdparm .*--security-erase '<一次性口令>' .*”执行失败：SECURITY_ERASE: Input\/output error/);
    expect(error.message).not.toMatch(/[0-9a-f]{24}/);
    expect(findMarker(image)).toBe(0);

    const result = value(await m.officer.media.wipe(wipeRequest('NTYC-2026-0210', image)));
    const calls = tools.calls();
    const erases = calls.filter((c) => c.includes('--security-erase'));
    expect(calls.filter((c) => c.includes('--security-set-pass'))).toHaveLength(1);
    expect(erases).toHaveLength(2);
    expect(erases[1]).toEqual(erases[0]);
    expect(result).toMatchObject({ method: 'drive-sanitize', isVerified: true });
    expect(findMarker(image)).toBe(-1);
  });
});
