import { afterEach, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../src/core/createCore';
import { newCaller, setUpUnit, value, type TestUnit } from '../helpers/core';

let unit: TestUnit;
afterEach(() => unit?.close());

describe('the pipeline', () => {
  it('answers an unknown method with bad-request, never throwing', async () => {
    unit = await setUpUnit();
    const r = await unit.core.invoke('cases.drop' as never, {}, newCaller());
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('未知的操作') } });
  });

  it('audits every change and every view, with the transport it came through', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    const before = (await unit.signIn('shen', ['auditor']));
    const count = async () => value(await before.audit.list({})).total;
    const n0 = await count();
    value(await officer.cases.list({}));
    expect(await count()).toBe(n0); // reads are not logged...
    await officer.cases.get({ caseNumber: 'nope' });
    expect(await count()).toBe(n0 + 1); // ...views are, even when they fail
  });

  it('lets every change method be audited: no change method is public except set-up and login', () => {
    const publicChanges = Object.entries(HANDLERS)
      .filter(([, spec]) => spec.kind === 'change' && spec.access === 'public')
      .map(([m]) => m)
      .sort();
    expect(publicChanges).toEqual(['auth.login', 'setup.initialize']);
  });

  it('refuses calls without a session as unauthenticated', async () => {
    unit = await setUpUnit();
    const anon = unit.core.client(newCaller('web'));
    expect(await anon.users.list()).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringContaining('请重新登录') } });
    expect(value(await anon.auth.session())).toBeNull();
  });

  it('keeps each transport caller’s session apart', async () => {
    unit = await setUpUnit();
    await unit.signIn('chen', ['case-officer']);
    const other = unit.core.client(newCaller('app'));
    expect(await other.cases.list({})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
