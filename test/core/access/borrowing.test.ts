import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PLEDGE_VERSION, type ArchiveApi } from '../../../src/contract';
import { currentGrant } from '../../../src/core/access/grants';
import { createCore } from '../../../src/core/createCore';
import type { Core } from '../../../src/core/types';
import { newCaller, PASSWORD, sampleCase, setUpUnit, TestClock, tempDir, value } from '../../helpers/core';
import { signedFixtureCase } from '../dossier/unit';

/**
 * Borrowing archived dossiers (DB3206/T 1060 §4.10.2, §4.10.3). Archiving a case costs a signing key,
 * signed records and the 四性检测, so it is done once; every test works on a copy of that folder
 * with a clock of its own.
 */
const ARCHIVED = '通烟立〔2024〕第12号';
const OPEN_CASE = '通烟立〔2024〕第7号';
const DAY_MINUTES = 24 * 60;

let golden: string;
let goldenCaseId: string;

beforeAll(async () => {
  const unit = await setUpUnit(tempDir(), { signingKey: true });
  const as = (username: string, roles: Parameters<typeof unit.signIn>[1], department?: string) => unit.signIn(username, roles, department);
  const archivist = await as('liu', ['archivist'], '档案室');
  await as('wang', ['archivist'], '档案室');
  // Both roles: asks like a reader, works in the archive department; must not approve her own request.
  await as('duo', ['archivist', 'reader'], '档案室');
  const officer = await as('chen', ['case-officer']);
  await as('zhao', ['reader']);
  await as('qian', ['reader']);
  await as('shenji', ['auditor']);
  const security = await as('anquan', ['security-admin']);

  const { caseId } = await signedFixtureCase({ core: unit.core, dir: unit.dir, admin: unit.admin, archivist, officer }, { withService: true });
  value(await archivist.dossiers.update({ caseId, filingNumber: '20240001' }));
  expect(value(await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD })).passed).toBe(true);
  value(await officer.cases.create(sampleCase(OPEN_CASE)));
  // The CLI and app of this installation: designated as the archive room's reading terminal.
  value(await security.terminals.designate({ terminalId: unit.core.terminalId, designated: true, note: '档案室查阅机' }));
  unit.close();
  golden = unit.dir;
  goldenCaseId = caseId;
}, 120_000);

afterAll(() => {
  if (golden) fs.rmSync(golden, { recursive: true, force: true });
});

interface Copy {
  core: Core;
  dir: string;
  clock: TestClock;
  as(username: string, channel?: 'cli' | 'web'): Promise<ArchiveApi>;
}

let open: Copy | undefined;
afterEach(() => {
  open?.core.close();
  open = undefined;
});

async function copyOfArchive(): Promise<Copy> {
  const dir = tempDir();
  fs.cpSync(golden, dir, { recursive: true });
  const clock = new TestClock(new Date('2024-06-03T01:00:00Z'));
  const core = createCore({ dataDir: dir, scryptCost: 1024, now: clock.now });
  open = {
    core,
    dir,
    clock,
    async as(username, channel = 'cli') {
      const client = core.client(newCaller(channel));
      value(await client.auth.login({ username, password: PASSWORD }));
      return client;
    },
  };
  return open;
}

const ask = { caseNumber: ARCHIVED, purpose: '复核行政处罚案件', days: 10, print: true, export: true };

describe('access.request: at a designated terminal, for an archived case (§4.10.2)', () => {
  it('records the request with its case, 档号 and asker; refuses elsewhere, before archiving and twice', async () => {
    const u = await copyOfArchive();
    const zhao = await u.as('zhao');

    // An unregistered browser is not a designated terminal: refused and logged as denied with the case.
    const web = await u.as('zhao', 'web');
    const elsewhere = await web.access.request(ask);
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('§4.10.2') } });

    const early = await zhao.access.request({ ...ask, caseNumber: OPEN_CASE });
    expect(early).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('§4.10.1') } });
    expect(await zhao.access.request({ ...ask, caseNumber: '通烟立〔2024〕第999号' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // The archive department keeps the archive; it has no borrowing of its own to ask for.
    expect(await (await u.as('liu')).access.request(ask)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const made = value(await zhao.access.request(ask));
    expect(made).toMatchObject({
      caseId: goldenCaseId,
      caseNumber: ARCHIVED,
      archivalCode: 'J032-XZCF-2024-0001',
      requestedBy: 'zhao',
      requestedByName: 'zhao',
      requestedAt: '2024-06-03T01:00:00.000Z',
      terminalId: u.core.terminalId,
      purpose: '复核行政处罚案件',
      days: 10,
      wantPrint: true,
      wantExport: true,
      renews: null,
      status: 'pending',
      decidedBy: null,
      grant: null,
    });
    expect(made.cause).not.toBe('');
    // By case id as well; but one pending request per person and case.
    expect(await zhao.access.request({ caseId: goldenCaseId, purpose: '再次申请', days: 3, print: false, export: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // 续借 only of one's own approved grant for the same case.
    expect(await (await u.as('qian')).access.request({ ...ask, renews: made.id })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'renews' } });
    expect(await (await u.as('qian')).access.request({ ...ask, renews: '404' })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'renews' } });

    const auditor = await u.as('shenji');
    const log = value(await auditor.audit.list({ action: 'access.request' })).items;
    expect(log.map((e) => [e.actor, e.outcome, e.target])).toEqual([
      ['qian', 'failed', `case:${ARCHIVED}`],
      ['qian', 'failed', `case:${ARCHIVED}`],
      ['zhao', 'failed', `case:${ARCHIVED}`],
      ['zhao', 'ok', `case:${ARCHIVED}`],
      ['liu', 'denied', ''],
      ['zhao', 'failed', ''],
      ['zhao', 'failed', `case:${OPEN_CASE}`],
      ['zhao', 'denied', `case:${ARCHIVED}`],
    ]);
    expect(log[3]!.detail).toContain('借阅目的：复核行政处罚案件；期限 10 天；打印、导出');
  });
});

describe('access.approve: the archive department, never the asker, password asked again', () => {
  it('refuses the asker, a non-archivist and a wrong password; narrows but never widens', async () => {
    const u = await copyOfArchive();
    const duo = await u.as('duo');
    const liu = await u.as('liu');
    const own = value(await duo.access.request(ask));

    const self = await duo.access.approve({ requestId: own.id, confirmPassword: PASSWORD });
    expect(self).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('不能审批本人') } });
    const officer = await u.as('chen');
    expect(await officer.access.approve({ requestId: own.id, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await liu.access.approve({ requestId: own.id, confirmPassword: 'not-my-password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'confirmPassword' } });
    expect(await liu.access.approve({ requestId: own.id } as never)).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'confirmPassword' } });
    const denied = value(await (await u.as('shenji')).audit.list({ action: 'access.approve' })).items;
    expect(denied.map((e) => [e.actor, e.outcome])).toEqual([
      ['liu', 'failed'],
      ['liu', 'denied'],
      ['chen', 'denied'],
      ['duo', 'denied'],
    ]);
    expect(denied[1]!.detail).toContain('登录密码不正确');
    expect(denied[3]!.target).toBe(`case:${ARCHIVED}`);

    // Wider than asked: more days, or print/export that were not asked for.
    const zhao = await u.as('zhao');
    const viewOnly = value(await zhao.access.request({ ...ask, days: 5, print: false, export: false }));
    expect(await liu.access.approve({ requestId: viewOnly.id, days: 6, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'days' } });
    expect(await liu.access.approve({ requestId: viewOnly.id, print: true, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'print' } });
    expect(await liu.access.approve({ requestId: viewOnly.id, export: true, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'export' } });
    expect(value(await zhao.access.get({ requestId: viewOnly.id })).status).toBe('pending');

    // Narrower: fewer days, without export.
    const approved = value(await liu.access.approve({ requestId: own.id, days: 4, export: false, note: '仅限本案复核', confirmPassword: PASSWORD }));
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: 'liu',
      decidedAt: '2024-06-03T01:00:00.000Z',
      decisionNote: '仅限本案复核',
      grant: { startsAt: '2024-06-03T01:00:00.000Z', endsAt: '2024-06-07T01:00:00.000Z', print: true, export: false, state: 'active', overdue: false, renewals: 0, revokedAt: null, pledge: null },
    });
    expect(await liu.access.approve({ requestId: own.id, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const ok = value(await (await u.as('shenji')).audit.list({ action: 'access.approve' })).items.find((e) => e.outcome === 'ok')!;
    expect(ok).toMatchObject({ actor: 'liu', outcome: 'ok', target: `case:${ARCHIVED}` });
    expect(ok.detail).toContain('4 天');
  });
});

describe('reject, withdraw, revoke and renew: each only from the state it applies to', () => {
  it('rejects and withdraws only pending requests, by the right person', async () => {
    const u = await copyOfArchive();
    const zhao = await u.as('zhao');
    const qian = await u.as('qian');
    const liu = await u.as('liu');
    const duo = await u.as('duo');

    const first = value(await zhao.access.request(ask));
    expect(await liu.access.reject({ requestId: first.id, reason: ' ' })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'reason' } });
    const rejected = value(await liu.access.reject({ requestId: first.id, reason: '用途与本案无关' }));
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'liu', decisionNote: '用途与本案无关', grant: null });
    expect(await liu.access.reject({ requestId: first.id, reason: '再次' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await zhao.access.withdraw({ requestId: first.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const own = value(await duo.access.request(ask));
    expect(await duo.access.reject({ requestId: own.id, reason: '自己驳回' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const second = value(await zhao.access.request(ask));
    expect(await qian.access.withdraw({ requestId: second.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await zhao.access.withdraw({ requestId: second.id }))).toMatchObject({ status: 'withdrawn', decidedBy: 'zhao' });
    expect(await liu.access.approve({ requestId: second.id, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await zhao.access.get({ requestId: '999' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await zhao.access.get({ requestId: 'abc' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // Own requests for the asker, any for the archive department, nobody else's.
    expect(await qian.access.get({ requestId: second.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await liu.access.get({ requestId: second.id })).status).toBe('withdrawn');
  });

  it('renews from the end, or from now once ended; revokes; currentGrant answers valid → expired → revoked', async () => {
    const u = await copyOfArchive();
    const db = new Database(path.join(u.dir, 'archive.db'), { readonly: true });
    try {
      let zhao = await u.as('zhao');
      let liu = await u.as('liu');
      const caseId = Number(goldenCaseId);
      const grantOf = () => currentGrant(db, 'zhao', caseId, u.clock.now()).grant;

      const req = value(await zhao.access.request({ ...ask, days: 2 }));
      expect(await liu.access.renew({ requestId: req.id, days: 1, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await liu.access.revoke({ requestId: req.id, reason: '误批' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(grantOf()).toEqual({ status: 'none' });
      value(await liu.access.approve({ requestId: req.id, print: false, confirmPassword: PASSWORD }));
      expect(grantOf()).toEqual({ status: 'valid', print: false, export: true });

      // While in force: from its end (2024-06-05 01:00) on.
      const renewed = value(await liu.access.renew({ requestId: req.id, days: 3, confirmPassword: PASSWORD }));
      expect(renewed.grant).toMatchObject({ endsAt: '2024-06-08T01:00:00.000Z', renewals: 1, state: 'active' });
      expect(await liu.access.renew({ requestId: req.id, days: 3, confirmPassword: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'confirmPassword' } });

      // At its end (06-08 01:00) it has ended: the window is half-open. (Days later, everyone signs in again.)
      u.clock.advanceMinutes(5 * DAY_MINUTES);
      [zhao, liu] = [await u.as('zhao'), await u.as('liu')];
      expect(grantOf()).toEqual({ status: 'expired' });
      expect(value(await zhao.access.get({ requestId: req.id })).grant).toMatchObject({ state: 'expired', overdue: true });
      // Once ended, a renewal runs from now (06-09 01:00), not from the past end.
      u.clock.advanceMinutes(DAY_MINUTES);
      [zhao, liu] = [await u.as('zhao'), await u.as('liu')];
      const late = value(await liu.access.renew({ requestId: req.id, days: 2, confirmPassword: PASSWORD }));
      expect(late.grant).toMatchObject({ endsAt: '2024-06-11T01:00:00.000Z', renewals: 2, state: 'active', overdue: false });
      expect(grantOf()).toMatchObject({ status: 'valid' });

      const revoked = value(await liu.access.revoke({ requestId: req.id, reason: '借阅人调离' }));
      expect(revoked.grant).toMatchObject({ state: 'revoked', revokedBy: 'liu', revokeReason: '借阅人调离', revokedAt: '2024-06-09T01:00:00.000Z' });
      expect(grantOf()).toEqual({ status: 'revoked' });
      expect(await liu.access.revoke({ requestId: req.id, reason: '再次' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await liu.access.renew({ requestId: req.id, days: 1, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      // A revoked grant is not continued by a 续借 request: a new request is.
      expect(await zhao.access.request({ ...ask, renews: req.id })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'renews' } });

      // Nobody renews their own grant.
      const duo = await u.as('duo');
      const own = value(await duo.access.request(ask));
      value(await liu.access.approve({ requestId: own.id, confirmPassword: PASSWORD }));
      expect(await duo.access.renew({ requestId: own.id, days: 1, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      db.close();
    }
  });
});

describe('access.list: own requests, and the archive department’s pending and overdue lists', () => {
  it('lists overdue grants once the clock passes their end, newest first, filtered by case', async () => {
    const u = await copyOfArchive();
    const zhao = await u.as('zhao');
    const qian = await u.as('qian');
    const liu = await u.as('liu');

    const short = value(await zhao.access.request({ ...ask, days: 1 }));
    value(await liu.access.approve({ requestId: short.id, confirmPassword: PASSWORD }));
    u.clock.advanceMinutes(10);
    const long = value(await qian.access.request({ ...ask, days: 5 }));
    value(await liu.access.approve({ requestId: long.id, confirmPassword: PASSWORD }));
    u.clock.advanceMinutes(10);
    const pending = value(await qian.access.request({ ...ask, days: 3 }));

    expect(value(await liu.access.list({ scope: 'overdue', caseNumber: '' }))).toEqual([]);
    expect(value(await liu.access.list({ scope: 'pending', caseNumber: '' })).map((r) => r.id)).toEqual([pending.id]);
    expect(value(await liu.access.list({ scope: 'all', caseNumber: '' })).map((r) => r.id)).toEqual([pending.id, long.id, short.id]);
    expect(value(await qian.access.list({ scope: 'mine', caseNumber: '' })).map((r) => r.id)).toEqual([pending.id, long.id]);
    expect(value(await zhao.access.list()).map((r) => r.id)).toEqual([short.id]);
    expect(value(await liu.access.list({ scope: 'all', caseNumber: OPEN_CASE }))).toEqual([]);
    expect(value(await liu.access.list({ scope: 'all', caseNumber: ARCHIVED }))).toHaveLength(3);

    // Only the archive department sees others' requests; the auditor has none of its own.
    expect(await zhao.access.list({ scope: 'pending', caseNumber: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await zhao.access.list({ scope: 'overdue', caseNumber: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await (await u.as('shenji')).access.list()).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    u.clock.advanceMinutes(DAY_MINUTES);
    const liuAgain = await u.as('liu');
    const overdue = value(await liuAgain.access.list({ scope: 'overdue', caseNumber: '' }));
    expect(overdue.map((r) => [r.id, r.grant?.state, r.grant?.overdue])).toEqual([[short.id, 'expired', true]]);
    expect(value(await liuAgain.access.get({ requestId: long.id })).grant).toMatchObject({ state: 'active', overdue: false });

    // Revoking an overdue grant closes it: it leaves the overdue list.
    value(await liuAgain.access.revoke({ requestId: short.id, reason: '逾期未办理续借' }));
    expect(value(await liuAgain.access.list({ scope: 'overdue', caseNumber: '' }))).toEqual([]);
  });
});

describe('access.pledge: the confidentiality pledge (§4.10.3)', () => {
  it('is accepted by the grantee, for a grant in force, in the current version, once', async () => {
    const u = await copyOfArchive();
    const zhao = await u.as('zhao');
    const liu = await u.as('liu');
    const req = value(await zhao.access.request(ask));

    expect(await zhao.access.pledge({ requestId: req.id, version: PLEDGE_VERSION })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    value(await liu.access.approve({ requestId: req.id, confirmPassword: PASSWORD }));
    expect(await (await u.as('qian')).access.pledge({ requestId: req.id, version: PLEDGE_VERSION })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await zhao.access.pledge({ requestId: req.id, version: '2023-1' })).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'version' } });

    const pledged = value(await zhao.access.pledge({ requestId: req.id, version: PLEDGE_VERSION }));
    expect(pledged.grant?.pledge).toEqual({ acceptedAt: '2024-06-03T01:00:00.000Z', terminalId: u.core.terminalId, version: PLEDGE_VERSION });
    u.clock.advanceMinutes(30);
    const again = value(await zhao.access.pledge({ requestId: req.id, version: PLEDGE_VERSION }));
    expect(again.grant?.pledge).toEqual(pledged.grant?.pledge);

    const log = value(await (await u.as('shenji')).audit.list({ action: 'access.pledge' })).items;
    expect(log.map((e) => [e.actor, e.outcome])).toEqual([
      ['zhao', 'ok'],
      ['zhao', 'ok'],
      ['zhao', 'failed'],
      ['qian', 'denied'],
      ['zhao', 'failed'],
    ]);
  });
});
