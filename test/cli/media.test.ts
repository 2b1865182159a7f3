import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediaRequestDto, MediumCheckDto, MediumDto } from '../../src/contract';
import { ADMIN_PASSWORD, cli, KEY_PASSPHRASE, OFFICER_PASSWORD, setUpUnitViaCli, tempDir, type CliResult } from './harness';

const PASSWORD = 'media-pass-2024';
const MiB = 1024 * 1024;

/** The CLI unit with the information centre (custodian, filing), a department head and the security officer. */
async function unitWithPeople() {
  const unit = await setUpUnitViaCli();
  const admin = { DOSSIER_DATA: unit.dataDir, DOSSIER_PASSWORD: ADMIN_PASSWORD, DOSSIER_NEW_PASSWORD: PASSWORD };
  for (const [name, role, display, department] of [
    ['baoguan', 'info-centre', '包管', '信息中心'],
    ['wangke', 'department-head', '王科', '专卖监督管理科'],
    ['anquan', 'security-officer', '安全', '信息中心'],
  ] as const) {
    const added = await cli(['--user', 'admin', 'user', 'add', name, '--role', role, '--display-name', display, '--department', department], { env: admin });
    if (added.code !== 0) throw new Error(added.stderr);
  }
  const as = (user: string, password = PASSWORD) => ({ env: { ...unit.as(user, password).env, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE } });
  return { ...unit, centre: as('baoguan'), head: as('wangke'), security: as('anquan'), officer: as('chenli', OFFICER_PASSWORD) };
}

const json = <T>(r: CliResult): T => {
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};

function blankImage(file: string, bytes = 8 * MiB): string {
  const fd = fs.openSync(file, 'w');
  fs.ftruncateSync(fd, bytes);
  fs.closeSync(fd);
  return file;
}

describe('dossier media (issue 6 item 9)', () => {
  it('registers with the identity record, prints labels, runs the checkout chain, checks the medium, returns it', async () => {
    const u = await unitWithPeople();
    const work = tempDir('media-cli-');
    const image = blankImage(path.join(work, 'usb.img'));

    const registered = json<MediumDto>(
      await cli(['--json', 'media', 'register', '--tag', 'ntyc-2026-0001', '--kind', 'usb-flash', '--classification', '非涉密', '--serial', 'KS-1', '--brand', '金士顿', '--capacity', String(8 * MiB), '--device', image], u.centre),
    );
    expect(registered).toMatchObject({ tag: 'NTYC-2026-0001', department: '信息中心', capacityBytes: 8 * MiB, status: 'in-stock' });
    expect(registered.identityWrittenAt).not.toBeNull();
    const bad = await cli(['media', 'register', '--tag', 'X1', '--kind', 'usb-flash', '--classification', '非涉密'], u.centre);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/编号规则/);
    expect((await cli(['media', 'register', '--tag', 'NTYC-2026-0002', '--kind', 'floppy', '--classification', '非涉密'], u.centre)).code).toBe(2);

    const list = await cli(['media', 'list'], u.officer);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/NTYC-2026-0001.*U盘.*非涉密.*信息中心.*在库/);
    expect(json<MediumDto[]>(await cli(['--json', 'media', 'list'], u.officer)).map((m) => m.tag)).toEqual(['NTYC-2026-0001']);

    const labels = path.join(work, '标签.pdf');
    expect((await cli(['media', 'label', 'NTYC-2026-0001', '--out', labels, '--size', '50x30'], u.centre)).code).toBe(0);
    expect(execFileSync('pdftotext', [labels, '-'], { encoding: 'utf8' })).toContain('NTYC-2026-0001');
    const again = await cli(['media', 'label', 'NTYC-2026-0001', '--out', labels], u.centre);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/已存在/);

    const asked = json<MediaRequestDto>(await cli(['--json', 'media', 'checkout', 'NTYC-2026-0001', '--purpose', '现场取证', '--days', '5'], u.officer));
    expect(asked).toMatchObject({ status: 'pending', days: 5 });
    const own = await cli(['media', 'approve', asked.id], u.officer);
    expect(own.code).toBe(3);
    const pending = await cli(['media', 'requests'], u.head);
    expect(pending.stdout).toMatch(new RegExp(`${asked.id}\\s+领用\\s+NTYC-2026-0001.*待部门负责人审批\\s+是`));
    const wrongPassword = await cli(['media', 'approve', asked.id], { env: { ...u.head.env, DOSSIER_PASSWORD: 'not-my-password' } });
    expect(wrongPassword.code).toBe(3);
    expect((await cli(['media', 'approve', asked.id, '--note', '同意'], u.head)).stdout).toMatch(/待信息中心备案/);
    expect((await cli(['media', 'approve', asked.id], u.centre)).stdout).toMatch(/审批完毕，已备案/);

    const handed = await cli(['media', 'handover', asked.id, '--device', image], u.centre);
    expect(handed.code).toBe(0);
    expect(handed.stdout).toMatch(/已将 NTYC-2026-0001 交付 陈立/);

    const mine = await cli(['--json', 'media', 'check', image], u.officer);
    expect(json<MediumCheckDto>(mine)).toMatchObject({ verdict: 'ok', tag: 'NTYC-2026-0001' });
    const blank = await cli(['media', 'check', blankImage(path.join(work, 'blank.img'))], u.officer);
    expect(blank.code).toBe(1);
    expect(blank.stdout).toMatch(/不通过（unregistered）/);

    expect((await cli(['media', 'return', 'NTYC-2026-0001', '--device', image], u.officer)).stdout).toMatch(/已归还入库/);
    const shown = await cli(['media', 'show', 'NTYC-2026-0001'], u.centre);
    for (const action of ['登记', '写入身份记录', '打印标签', '领用申请', '部门负责人审批', '信息中心备案', '备案', '交付', '归还']) expect(shown.stdout).toContain(action);
    fs.rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('wipes an approved medium with a witness and exports its certificate', async () => {
    const u = await unitWithPeople();
    const work = tempDir('media-cli-');
    const image = blankImage(path.join(work, 'old.img'));
    const marker = Buffer.from('原始数据-MARKER-');
    fs.writeFileSync(image, Buffer.alloc(MiB, marker), { flag: 'r+' });
    json<MediumDto>(await cli(['--json', 'media', 'register', '--tag', 'NTYC-2026-0009', '--kind', 'usb-flash', '--classification', '非涉密', '--department', '专卖监督管理科', '--capacity', String(8 * MiB), '--device', image], u.centre));
    const notYet = await cli(['media', 'wipe', 'NTYC-2026-0009', '--device', image, '--witness', 'baoguan'], { env: { ...u.security.env, DOSSIER_WITNESS_PASSWORD: PASSWORD } });
    expect(notYet.code).not.toBe(0);

    const w = json<MediaRequestDto>(await cli(['--json', 'media', 'wipe-request', 'NTYC-2026-0009', '--reason', '交第三方维修前清除', '--destination', 'third-party'], u.security));
    expect((await cli(['media', 'approve', w.id], u.head)).stdout).toMatch(/审批完毕/);
    const wiped = await cli(['media', 'wipe', 'NTYC-2026-0009', '--device', image, '--witness', 'baoguan'], { env: { ...u.security.env, DOSSIER_WITNESS_PASSWORD: PASSWORD } });
    expect(wiped.stderr).toBe('');
    expect(wiped.code).toBe(0);
    expect(fs.readFileSync(image).includes(marker)).toBe(false);

    const pdf = path.join(work, '清除证明.pdf');
    const certJson = path.join(work, '清除证明.json');
    expect((await cli(['media', 'certificate', 'NTYC-2026-0009', '--out', pdf, '--json-out', certJson], u.security)).code).toBe(0);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('NTYC-2026-0009');
    // The JSON is the signed envelope of the certificate's fields (the sanitization engineer's format).
    const envelope = JSON.parse(fs.readFileSync(certJson, 'utf8')) as { format: string; certificate: string; signature: string };
    expect(envelope.format).toBe('sanitization-certificate/1');
    expect(JSON.parse(envelope.certificate)).toMatchObject({ tag: 'NTYC-2026-0009', witness: 'baoguan', performedBy: 'anquan', destination: 'third-party' });
    fs.rmSync(work, { recursive: true, force: true });
  }, 120_000);
});
