import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_FOLDER, PASSWORD, tempDir, value } from '../../../helpers/core';
import { MARKER, wipeUnit, registeredForWipe, type WipeUnit } from './fixture';

const filesRequest = (tag: string, device: string, paths: readonly string[]) => ({ tag, device, paths: [...paths], witness: 'witness', witnessPassword: PASSWORD, confirmPassword: PASSWORD });

let m: WipeUnit | undefined;
afterEach(() => {
  m?.close();
  m = undefined;
});

describe('media.wipeFiles (issue 6 item 5, file level)', () => {
  it('overwrites, reads back, renames, truncates and deletes each file inside the medium, and says what it cannot promise', async () => {
    m = await wipeUnit();
    const medium = path.join(m.images, 'medium');
    fs.mkdirSync(medium);
    fs.mkdirSync(path.join(medium, '案卷', '子目录'), { recursive: true });
    const content = Buffer.concat(Array.from({ length: 5000 }, () => MARKER));
    fs.writeFileSync(path.join(medium, '案卷', 'a.pdf'), content);
    fs.writeFileSync(path.join(medium, '案卷', '子目录', 'b.jpg'), content.subarray(0, 12345));
    fs.writeFileSync(path.join(medium, 'keep.txt'), 'stays');
    await registeredForWipe(m, 'NTYC-2026-0201', 'usb-flash', medium);

    // Refused before anything is touched: a path out of the medium, a link out of it, the identity record.
    const outside = tempDir('outside-');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'not on the medium');
    fs.symlinkSync(outside, path.join(medium, 'link'));
    for (const [paths, message] of [
      [['../x'], /不能含“..”/],
      [[path.join(outside, 'secret.txt')], /相对路径/],
      [['link/secret.txt'], /符号链接/],
      [['link'], /符号链接/],
      [['DOSSIER-MEDIUM.ID'], /身份记录/],
      [['案卷', 'missing.txt'], /没有“missing.txt”/],
    ] as const) {
      const r = await m.officer.media.wipeFiles(filesRequest('NTYC-2026-0201', medium, paths));
      expect(r).toMatchObject({ ok: false });
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
    expect(fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('not on the medium');
    expect(fs.existsSync(path.join(medium, '案卷', 'a.pdf'))).toBe(true);
    fs.rmSync(path.join(medium, 'link'));

    const result = value(await m.officer.media.wipeFiles(filesRequest('NTYC-2026-0201', medium, ['案卷'])));
    expect(result).toMatchObject({ method: 'file-level', passes: 2, isVerified: true, bytes: content.length + 12345 });
    expect(result.files).toEqual(
      expect.arrayContaining([
        { path: '案卷/a.pdf', bytes: content.length },
        { path: '案卷/子目录/b.jpg', bytes: 12345 },
      ]),
    );
    expect(result.verificationDetail).toMatch(/日志型或写时复制文件系统/);
    expect(result.verificationDetail).toMatch(/磨损均衡/);
    expect(result.certificate).toMatchObject({ method: 'file-level', category: 'clear' });
    expect(fs.existsSync(path.join(medium, '案卷'))).toBe(false);
    expect(fs.readdirSync(medium).sort()).toEqual(['DOSSIER-MEDIUM.ID', 'keep.txt']);
    fs.rmSync(outside, { recursive: true, force: true });
  });
});

describe('media.recordDestruction (涉密 media, issue 6 item 5)', () => {
  it('records the approved hand-off under two-person supervision with the destruction body’s certificate attached', async () => {
    m = await wipeUnit();
    const image = path.join(m.images, 'secret.img');
    fs.writeFileSync(image, Buffer.alloc(1 << 20));
    await registeredForWipe(m, 'NTYC-2026-0301', 'hdd', image, '机密', 'destruction');
    const plan = value(await m.officer.media.wipePlan({ tag: 'NTYC-2026-0301' }));
    expect(plan).toMatchObject({ method: 'destruction', isSoftwareSufficient: false });
    expect(value(await m.officer.media.get({ tag: 'NTYC-2026-0301' })).status).toBe('awaiting-destruction');

    const scan = path.join(FIXTURE_FOLDER, 'scans', 'page-4.png');
    const request = {
      tag: 'NTYC-2026-0301',
      destructionBody: '江苏省保密技术服务中心',
      destructionCertificateNumber: 'XH-2026-118',
      destructionCertificatePath: scan,
      handedOverAt: '2026-11-30T09:00:00+08:00',
      witness: 'witness',
      witnessPassword: PASSWORD,
      confirmPassword: PASSWORD,
    };
    expect(await m.officer.media.recordDestruction({ ...request, destructionCertificatePath: path.join(m.images, 'none.pdf') })).toMatchObject({ ok: false });
    expect(await m.officer.media.recordDestruction({ ...request, witnessPassword: 'nope' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const cert = value(await m.officer.media.recordDestruction(request));
    expect(cert).toMatchObject({ method: 'destruction', category: 'destroy', destructionBody: '江苏省保密技术服务中心', destination: 'destruction', witness: 'witness', classification: '机密' });
    expect(cert.attachment).toMatchObject({ name: 'page-4.png', mediaType: 'image/png', size: fs.statSync(scan).size });
    expect(cert.verification).toContain('XH-2026-118');
    expect(value(await m.officer.media.get({ tag: 'NTYC-2026-0301' })).status).toBe('destroyed');
    // The image itself was not touched: destruction is physical, not by this software.
    expect(fs.readFileSync(image).subarray(0, 1024).every((b) => b === 0)).toBe(true);
  });
});
