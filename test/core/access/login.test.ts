import { afterEach, describe, expect, it } from 'vitest';
import { newCaller, PASSWORD, setUpUnit, value, type TestUnit } from '../../helpers/core';

let unit: TestUnit;
afterEach(() => unit?.close());

describe('unit set-up', () => {
  it('records the unit and its first system administrator, once', async () => {
    unit = await setUpUnit();
    const status = value(await unit.core.client(newCaller()).setup.status());
    expect(status).toMatchObject({ isSetUp: true, unit: { compilingUnit: '南通市烟草专卖局', fondsNumber: 'J032' }, terminalId: unit.core.terminalId });
    expect(value(await unit.admin.auth.session())).toMatchObject({ user: { roles: ['system-admin'] }, permissions: ['people.read', 'people.manage'] });
    const archivist = await unit.signIn('liu', ['archivist']);
    expect(value(await archivist.auth.session())?.permissions).toEqual(['cases.read', 'cases.import', 'records.write', 'fixity.run', 'dossiers.compile', 'dossiers.archive', 'access.approve', 'media.read', 'media.request', 'erecords.read', 'erecords.write', 'erecords.dispose']);
    const again = await unit.core.client(newCaller()).setup.initialize({
      compilingUnit: '别的单位',
      fondsNumber: 'X1',
      admin: { username: 'root2', displayName: '某人', department: '办公室', password: PASSWORD },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'already-set-up' } });
  });

  it('answers everything but set-up with not-set-up before it', async () => {
    const { createCore } = await import('../../../src/core/createCore');
    const { tempDir } = await import('../../helpers/core');
    const core = createCore({ dataDir: tempDir(), scryptCost: 1024 });
    const c = core.client(newCaller());
    expect(value(await c.setup.status()).isSetUp).toBe(false);
    expect(await c.auth.login({ username: 'admin', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'not-set-up' } });
    core.close();
  });
});

describe('login', () => {
  it('locks an account after five wrong passwords, for the configured time', async () => {
    unit = await setUpUnit();
    await unit.signIn('chen', ['case-officer']);
    const c = unit.core.client(newCaller());
    for (let i = 1; i <= 4; i++) {
      expect(await c.auth.login({ username: 'chen', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringContaining(`再错 ${5 - i} 次`) } });
    }
    expect(await c.auth.login({ username: 'chen', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    // Even the right password is refused while locked.
    expect(await c.auth.login({ username: 'chen', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'locked' } });
    unit.clock.advanceMinutes(16);
    expect((await c.auth.login({ username: 'chen', password: PASSWORD })).ok).toBe(true);
  });

  it('lets the system administrator unlock, and logs every attempt', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    value(await officer.auth.logout());
    const c = unit.core.client(newCaller());
    for (let i = 0; i < 5; i++) await c.auth.login({ username: 'chen', password: 'nope-nope' });
    const users = value(await unit.admin.users.list());
    const chen = users.find((u) => u.username === 'chen')!;
    expect(chen.lockedUntil).not.toBeNull();
    expect(value(await unit.admin.users.unlock({ userId: chen.id })).lockedUntil).toBeNull();
    expect((await c.auth.login({ username: 'chen', password: PASSWORD })).ok).toBe(true);
    const auditor = await unit.signIn('shen', ['auditor']);
    const attempts = value(await auditor.audit.list({ action: 'auth.login', actor: 'chen' })).items;
    expect(attempts.map((e) => e.outcome)).toEqual(['ok', 'denied', 'denied', 'denied', 'denied', 'denied', 'ok']);
  });

  it('does not tell whether a user exists', async () => {
    unit = await setUpUnit();
    const c = unit.core.client(newCaller());
    const res = await c.auth.login({ username: 'nobody', password: 'whatever1' });
    expect(res).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: '用户名或密码不正确。' } });
  });

  it('ends a session idle longer than the unit allows', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    unit.clock.advanceMinutes(29);
    expect((await officer.cases.list({})).ok).toBe(true);
    unit.clock.advanceMinutes(31);
    expect(await officer.cases.list({})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(value(await officer.auth.session())).toBeNull();
  });

  it('refuses a deactivated user and ends their sessions', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    const chen = value(await unit.admin.users.list()).find((u) => u.username === 'chen')!;
    value(await unit.admin.users.update({ userId: chen.id, isActive: false }));
    expect(await officer.cases.list({})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await unit.core.client(newCaller()).auth.login({ username: 'chen', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('people and roles', () => {
  it('lets a person hold several roles and refuses 三员 combinations', async () => {
    unit = await setUpUnit();
    const u = value(await unit.admin.users.create({ username: 'liu', displayName: '刘芳', department: '档案室', roles: ['archivist', 'reader'], password: PASSWORD }));
    expect(u.roles).toEqual(['archivist', 'reader']);
    expect(await unit.admin.users.create({ username: 'x1', displayName: 'x', department: 'd', roles: ['auditor', 'security-admin'], password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', field: 'roles' },
    });
  });

  it('refuses unknown roles, duplicate names and short passwords in Chinese, changing nothing', async () => {
    unit = await setUpUnit();
    const before = value(await unit.admin.users.list()).length;
    const bad = [
      { username: 'x2', displayName: 'x', department: 'd', roles: ['root'], password: PASSWORD },
      { username: 'admin', displayName: 'x', department: 'd', roles: ['reader'], password: PASSWORD },
      { username: 'x3', displayName: 'x', department: 'd', roles: ['reader'], password: 'short' },
      { username: 'x4', displayName: 'x'.repeat(41), department: 'd', roles: ['reader'], password: PASSWORD },
    ];
    const messages = [];
    for (const b of bad) {
      const r = await unit.admin.users.create(b as never);
      expect(r.ok).toBe(false);
      if (!r.ok) messages.push(r.error.message);
    }
    expect(messages[0]).toContain('未知角色');
    expect(messages[1]).toContain('已被使用');
    expect(messages[2]).toContain('至少 8 位');
    expect(messages[3]).toContain('不能超过40');
    expect(value(await unit.admin.users.list()).length).toBe(before);
  });

  it('keeps the system administrator out of case records and the case officer out of people', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    expect(await unit.admin.cases.list({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await officer.users.list()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await officer.users.create({ username: 'xx', displayName: 'x', department: 'd', roles: ['leader'], password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('never lets the last system administrator go', async () => {
    unit = await setUpUnit();
    const sec = await unit.signIn('sec', ['security-admin']);
    const admin = value(await unit.admin.users.list()).find((u) => u.username === 'admin')!;
    expect(await sec.users.setRoles({ userId: admin.id, roles: ['reader'], confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { field: 'roles' } });
    expect(await unit.admin.users.update({ userId: admin.id, isActive: false })).toMatchObject({ ok: false });
  });

  it('asks for the password again before roles change, and logs a wrong one as a refusal (issue 5 item 6)', async () => {
    unit = await setUpUnit();
    const sec = await unit.signIn('sec', ['security-admin']);
    await unit.signIn('wang', ['reader']);
    const wang = value(await sec.users.list()).find((u) => u.username === 'wang')!;
    // 三员分立: the system administrator made the account but does not change its roles.
    expect(await unit.admin.users.setRoles({ userId: wang.id, roles: ['leader'], confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await sec.users.setRoles({ userId: wang.id, roles: ['leader'] } as never)).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'confirmPassword' } });
    expect(await sec.users.setRoles({ userId: wang.id, roles: ['leader'], confirmPassword: 'not-my-password' })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'confirmPassword' } });
    expect(value(await sec.users.list()).find((u) => u.username === 'wang')!.roles).toEqual(['reader']);
    const auditor = await unit.signIn('audit', ['auditor']);
    const refused = value(await auditor.audit.list({ action: 'users.setRoles' })).items;
    expect(refused.map((e) => [e.actor, e.outcome])).toContainEqual(['sec', 'denied']);
    expect(value(await sec.users.setRoles({ userId: wang.id, roles: ['leader'], confirmPassword: PASSWORD })).roles).toEqual(['leader']);
  });

  it('changes a password only with the old one', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    expect(await officer.auth.changePassword({ oldPassword: 'wrong-one', newPassword: 'new-password-2' })).toMatchObject({ ok: false, error: { field: 'oldPassword' } });
    value(await officer.auth.changePassword({ oldPassword: PASSWORD, newPassword: 'new-password-2' }));
    expect((await unit.core.client(newCaller()).auth.login({ username: 'chen', password: 'new-password-2' })).ok).toBe(true);
  });
});
