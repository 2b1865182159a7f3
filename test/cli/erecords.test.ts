import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRONIC_RECORD_NAME_PATTERN, type DisposalDto, type ElectronicRecordDto } from '../../src/contract';
import { addCalendarMonths } from '../../src/core/erecords/retention';
import { ADMIN_PASSWORD, cli, KEY_PASSPHRASE, OFFICER_PASSWORD, setUpUnitViaCli, tempDir } from './harness';

const PASSWORD = 'erecords-pass-2024';
const HOUR = 3_600_000;

/** An ISO time `months` calendar months and `hours` hours before now (the CLI runs on the real clock). */
function ago(months: number, hours = 0): string {
  const now = new Date(Date.now() - hours * HOUR);
  const day = addCalendarMonths(now.toISOString().slice(0, 10), -months);
  return `${day}T${now.toISOString().slice(11, 19)}Z`;
}

/** The CLI unit with an archivist (registers, asks for disposal) and a department head (approves). */
async function unitWithPeople() {
  const unit = await setUpUnitViaCli();
  const admin = { DOSSIER_DATA: unit.dataDir, DOSSIER_PASSWORD: ADMIN_PASSWORD, DOSSIER_NEW_PASSWORD: PASSWORD };
  for (const [name, role, display] of [
    ['liufang', 'archivist', '刘芳'],
    ['wangke', 'department-head', '王科'],
  ] as const) {
    const added = await cli(['--user', 'admin', 'user', 'add', name, '--role', role, '--display-name', display, '--department', '档案室'], { env: admin });
    if (added.code !== 0) throw new Error(added.stderr);
  }
  const as = (user: string, password = PASSWORD) => ({ env: { ...unit.as(user, password).env, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE } });
  return { ...unit, archivist: as('liufang'), head: as('wangke'), officer: as('chenli', OFFICER_PASSWORD) };
}

const register = (more: string[]) => ['erecords', 'register', '--class', 'market-undisputed', '--activity', '市场检查', '--squad', '稽查一中队', '--recorder', '陈立', ...more];

describe('dossier erecords (DB3206/T 1060 §6.1.2 Table 2, §4.7.3)', () => {
  it('registers with the §4.7.3 name, lists late and due records, disposes with approval and leaves a signed certificate', async () => {
    const u = await unitWithPeople();
    const staging = tempDir('erecords-cli-');
    const video = path.join(staging, 'DSJ_0001.mp4');
    fs.writeFileSync(video, 'body camera recording');

    // Ended seven months ago and uploaded an hour later: on time, and past its 6 months now.
    const old = await cli(['--json', ...register(['--party', '甲店', '--case', '通烟立〔2024〕第7号', '--ended', ago(7), '--uploaded', ago(7, -1), video])], u.officer);
    expect(old.stderr).toBe('');
    expect(old.code).toBe(0);
    const a = JSON.parse(old.stdout) as ElectronicRecordDto;
    expect(a.name).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    expect(a.name).toContain('南通市烟草专卖局稽查一中队市场检查记录（甲店+通烟立〔2024〕第7号）（记录人：陈立）');
    expect(a).toMatchObject({ isLate: false, isDue: true, files: [{ name: 'DSJ_0001.mp4', sha256: createHash('sha256').update('body camera recording').digest('hex') }] });

    // Ended 30 hours ago, uploaded now: late, with its reason; human output says so.
    const late = await cli([...register(['--party', '乙店', '--ended', ago(0, 30), '--late-reason', '异地执法'])], u.officer);
    expect(late.code).toBe(0);
    expect(late.stdout).toMatch(/上传时间.*（逾期，应于 .* 前；原因：异地执法）/);
    expect(late.stdout).toContain('保存期限  6 月，至 ');

    const lateList = await cli(['--json', 'erecords', 'list', '--view', 'late'], u.archivist);
    expect((JSON.parse(lateList.stdout) as ElectronicRecordDto[]).map((r) => r.party)).toEqual(['乙店']);
    const due = await cli(['erecords', 'list', '--view', 'due'], u.archivist);
    expect(due.stdout).toContain('甲店');
    expect(due.stdout).not.toContain('乙店');
    expect(due.stdout).toContain('共 1 件');

    // Bad input: exit 2 with the field's Chinese message; nothing registered.
    const badSquad = await cli([...register(['--party', '丙店', '--ended', ago(0, 1)]).map((x) => (x === '稽查一中队' ? '稽查组' : x))], u.officer);
    expect(badSquad.code).toBe(2);
    expect(badSquad.stderr).toContain('应以“中队”或“室”结尾');
    expect((await cli(['erecords', 'register', '--class', 'yearly', '--activity', '市场检查', '--squad', 'x中队', '--party', 'p', '--recorder', 'r', '--ended', ago(0, 1)], u.officer)).code).toBe(2);
    const medium = await cli(['erecords', 'register', '--class', 'case-evidence-medium', '--activity', '案件查办', '--squad', '稽查一中队', '--party', '丁店', '--case', '通烟立〔2024〕第8号', '--recorder', '陈立', '--ended', ago(0, 2)], u.officer);
    expect(medium.code).toBe(2);
    expect(medium.stderr).toContain('当事人签字确认');

    // Not due: refused by name; the case officer may not ask at all.
    expect((await cli(['erecords', 'dispose-request', '2', '--reason', '保存期满'], u.archivist)).stderr).toContain('尚未到期');
    expect((await cli(['erecords', 'dispose-request', a.id, '--reason', '保存期满'], u.officer)).code).toBe(3);
    const asked = await cli(['erecords', 'dispose-request', a.id, '--reason', '保存期满'], u.archivist);
    expect(asked.stderr).toBe('');
    expect(asked.stdout).toContain('已提交销毁申请 1（1 件）');

    // The requester cannot approve; an archivist lacks the permission anyway; the head can.
    expect((await cli(['erecords', 'approve', '1'], u.archivist)).code).toBe(3);
    const noCert = await cli(['erecords', 'certificate', '1', '--out', path.join(staging, 'early.pdf')], u.archivist);
    expect(noCert.code).toBe(2);
    expect(noCert.stderr).toContain('尚未审批');
    const approved = await cli(['erecords', 'approve', '1', '--note', '同意'], u.head);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/已批准并执行销毁申请 1：销毁 1 件电子记录，销毁证明 DZJL-XH-\d{4}-0001/);

    const disposals = JSON.parse((await cli(['--json', 'erecords', 'disposals'], u.head)).stdout) as DisposalDto[];
    expect(disposals).toMatchObject([{ id: '1', status: 'approved', decidedBy: 'wangke', requestedBy: 'liufang', certificate: { number: expect.stringMatching(/^DZJL-XH-/) } }]);
    const disposedList = await cli(['--json', 'erecords', 'list', '--view', 'disposed'], u.archivist);
    expect(JSON.parse(disposedList.stdout)).toMatchObject([{ id: a.id, status: 'disposed', files: [{ id: '', sha256: a.files[0]!.sha256 }] }]);
    const stored = path.join(u.dataDir, 'files', a.files[0]!.sha256.slice(0, 2), a.files[0]!.sha256);
    expect(fs.existsSync(stored)).toBe(false);
    expect(fs.readFileSync(video, 'utf8')).toBe('body camera recording');

    // The certificate in the store is a signed PDF (pdfsig), and the reject of a decided request is refused.
    const pdf = path.join(u.dataDir, 'files', disposals[0]!.certificate!.pdf.sha256.slice(0, 2), disposals[0]!.certificate!.pdf.sha256);
    expect(spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout).toMatch(/Signature is Valid/);
    const verified = await cli(['verify', pdf], u.archivist);
    expect(verified.code).toBe(0);
    expect((await cli(['erecords', 'reject', '1', '--reason', '晚了'], u.head)).code).toBe(2);

  });

  it('copies the signed certificate out through the file route, never over an existing file', async () => {
    const u = await unitWithPeople();
    const staging = tempDir('erecords-cli-');
    const video = path.join(staging, 'a.mp4');
    fs.writeFileSync(video, 'recording');
    const r = JSON.parse((await cli(['--json', ...register(['--party', '甲店', '--ended', ago(7), '--uploaded', ago(7, -1), video])], u.officer)).stdout) as ElectronicRecordDto;
    expect((await cli(['erecords', 'dispose-request', r.id, '--reason', '保存期满'], u.archivist)).code).toBe(0);
    expect((await cli(['erecords', 'approve', '1'], u.head)).code).toBe(0);
    const [d] = JSON.parse((await cli(['--json', 'erecords', 'disposals'], u.head)).stdout) as DisposalDto[];
    const out = path.join(staging, '销毁证明.pdf');
    const exported = await cli(['erecords', 'certificate', '1', '--out', out], u.archivist);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain(`已导出销毁证明 ${d!.certificate!.number}`);
    expect(createHash('sha256').update(fs.readFileSync(out)).digest('hex')).toBe(d!.certificate!.pdf.sha256);
    expect((await cli(['erecords', 'certificate', '1', '--out', out], u.archivist)).stderr).toContain('已存在，未覆盖');
  });

  it('a rejection keeps the records', async () => {
    const u = await unitWithPeople();
    const r = JSON.parse((await cli(['--json', ...register(['--party', '甲店', '--ended', ago(7), '--uploaded', ago(7, -1)])], u.officer)).stdout) as ElectronicRecordDto;
    expect((await cli(['erecords', 'dispose-request', r.id, '--reason', '保存期满'], u.archivist)).code).toBe(0);
    expect((await cli(['erecords', 'reject', '1'], u.head)).code).toBe(2);
    const rejected = await cli(['erecords', 'reject', '1', '--reason', '有投诉未办结'], u.head);
    expect(rejected.stdout).toContain('已不予批准销毁申请 1，1 件记录继续保存');
    const list = await cli(['erecords', 'disposals'], u.head);
    expect(list.stdout).toContain('不予批准');
    expect(JSON.parse((await cli(['--json', 'erecords', 'list', '--view', 'due'], u.archivist)).stdout)).toMatchObject([{ id: r.id, status: 'kept' }]);
  });
});
