import { describe, expect, it } from 'vitest';
import { PLEDGE_VERSION, type AccessRequestDto } from '../../src/contract';
import { createCore } from '../../src/core/createCore';
import { passphraseProtector } from '../../src/core/pdf/sign';
import { newCaller, value } from '../helpers/core';
import { signedFixtureCase } from '../core/dossier/unit';
import { ADMIN_PASSWORD, cli, KEY_PASSPHRASE, setUpUnitViaCli } from './harness';

const CASE = '通烟立〔2024〕第12号';
const PASSWORD = 'borrow-pass-2024';

/**
 * A unit set up through the CLI whose fixture case is archived and whose installation (the CLI's
 * terminal) is designated for reading (DB3206/T 1060 §4.10.2), with an archivist and two readers.
 */
async function archivedUnit() {
  const unit = await setUpUnitViaCli();
  const core = createCore({ dataDir: unit.dataDir, scryptCost: 1024, keyProtector: passphraseProtector(KEY_PASSPHRASE) });
  try {
    const admin = core.client(newCaller());
    value(await admin.auth.login({ username: 'admin', password: ADMIN_PASSWORD }));
    const signIn = async (username: string, roles: ('archivist' | 'reader' | 'security-admin')[]) => {
      value(await admin.users.create({ username, displayName: username === 'liufang' ? '刘芳' : username, department: '档案室', roles, password: PASSWORD }));
      const client = core.client(newCaller());
      value(await client.auth.login({ username, password: PASSWORD }));
      return client;
    };
    const archivist = await signIn('liufang', ['archivist']);
    await signIn('zhaoyu', ['reader']);
    await signIn('qianli', ['reader']);
    const security = await signIn('anquan', ['security-admin']);
    const { caseId } = await signedFixtureCase({ core, dir: unit.dataDir, admin, archivist, officer: archivist }, { withService: true });
    value(await archivist.dossiers.update({ caseId, filingNumber: '20240001' }));
    expect(value(await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD })).passed).toBe(true);
    value(await security.terminals.designate({ terminalId: core.terminalId, designated: true, note: '档案室查阅机' }));
  } finally {
    core.close();
  }
  return { archivist: unit.as('liufang', PASSWORD), reader: unit.as('zhaoyu', PASSWORD), other: unit.as('qianli', PASSWORD) };
}

describe('dossier access (DB3206/T 1060 §4.10.2, §4.10.3)', () => {
  it('requests, approves with the signed-in password, lists as JSON, pledges; refusals exit 2 or 3', async () => {
    const { archivist, reader, other } = await archivedUnit();

    const asked = await cli(['access', 'request', CASE, '--purpose', '复核行政处罚案件', '--days', '7', '--print'], reader);
    expect(asked.stderr).toBe('');
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('已提交借阅申请 1');
    expect(asked.stdout).toContain('打印');
    // A second pending request for the same case: conflict, exit 2, the error also on stdout as JSON.
    const twice = await cli(['--json', 'access', 'request', CASE, '--purpose', '再次', '--days', '3'], reader);
    expect(twice.code).toBe(2);
    expect(JSON.parse(twice.stdout)).toMatchObject({ error: { code: 'conflict' } });
    expect((await cli(['access', 'request', CASE, '--purpose', '超期', '--days', '31'], other)).code).toBe(2);

    // Only the archive department approves; the request is narrowed to 3 days without print.
    expect((await cli(['access', 'approve', '1'], reader)).code).toBe(3);
    const approved = await cli(['access', 'approve', '1', '--days', '3', '--no-print', '--note', '仅限查阅'], archivist);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('已批准借阅申请 1');
    expect(approved.stdout).toContain('仅查阅');

    const mine = await cli(['access', 'list', '--json'], reader);
    expect(mine.code).toBe(0);
    const rows = JSON.parse(mine.stdout) as AccessRequestDto[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: '1', caseNumber: CASE, archivalCode: 'J032-XZCF-2024-0001', status: 'approved', decidedBy: 'liufang', decisionNote: '仅限查阅', grant: { print: false, export: false, state: 'active', overdue: false } });
    expect((await cli(['access', 'list', '--scope', 'pending'], reader)).code).toBe(3);
    expect((await cli(['access', 'list', '--scope', 'later'], archivist)).code).toBe(2);
    const all = await cli(['access', 'list', '--scope', 'all'], archivist);
    expect(all.stdout).toContain('借阅中');
    expect(all.stdout).toContain('zhaoyu');
    expect(all.stdout).toContain('共 1 份申请');

    // The pledge: without --accept and without a terminal to ask on, exit 2 and say how.
    const unasked = await cli(['access', 'pledge', '1'], reader);
    expect(unasked.code).toBe(2);
    expect(unasked.stdout).toContain('本人承诺');
    expect(unasked.stderr).toContain('--accept');
    const declined = await cli(['access', 'pledge', '1'], { ...reader, prompt: async () => 'n' });
    expect(declined.code).toBe(2);
    const pledged = await cli(['--json', 'access', 'pledge', '1'], { ...reader, prompt: async () => 'y' });
    expect(pledged.code).toBe(0);
    expect((JSON.parse(pledged.stdout) as AccessRequestDto).grant?.pledge).toMatchObject({ version: PLEDGE_VERSION });
  });

  it('rejects with a reason, only pending requests, only as the archive department', async () => {
    const { archivist, reader, other } = await archivedUnit();
    expect((await cli(['access', 'request', CASE, '--purpose', '了解案情', '--days', '2'], other)).code).toBe(0);

    expect((await cli(['access', 'reject', '1'], archivist)).code).toBe(2);
    expect((await cli(['access', 'reject', '1', '--reason', '自行驳回'], other)).code).toBe(3);
    const rejected = await cli(['access', 'reject', '1', '--reason', '用途不明确'], archivist);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toContain('已不予批准借阅申请 1');
    expect((await cli(['access', 'reject', '1', '--reason', '再次'], archivist)).code).toBe(2);
    expect((await cli(['access', 'withdraw', '1'], other)).code).toBe(2);
    expect((await cli(['access', 'revoke', '1', '--reason', '无'], archivist)).code).toBe(2);
    expect((await cli(['access', 'reject', '9', '--reason', '不存在'], archivist)).code).toBe(2);

    // Withdraw: the asker only; renew needs an approved grant.
    expect((await cli(['access', 'request', CASE, '--purpose', '复核', '--days', '2'], reader)).code).toBe(0);
    expect((await cli(['access', 'withdraw', '2'], other)).code).toBe(3);
    const withdrawn = await cli(['--json', 'access', 'withdraw', '2'], reader);
    expect(withdrawn.code).toBe(0);
    expect(JSON.parse(withdrawn.stdout)).toMatchObject({ status: 'withdrawn' });
    expect((await cli(['access', 'renew', '2', '--days', '2'], archivist)).code).toBe(2);
    const listed = JSON.parse((await cli(['--json', 'access', 'list', '--scope', 'all', '--case', CASE], archivist)).stdout) as AccessRequestDto[];
    expect(listed.map((r) => [r.id, r.status])).toEqual([
      ['2', 'withdrawn'],
      ['1', 'rejected'],
    ]);
  });
});
