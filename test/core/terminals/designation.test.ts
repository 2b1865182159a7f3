import { afterEach, describe, expect, it } from 'vitest';
import { UNREGISTERED_TERMINAL_ID } from '../../../src/contract';
import type { Caller } from '../../../src/core/types';
import { PASSWORD, newCaller, setUpUnit, value, type TestUnit } from '../../helpers/core';
import { browserKey } from './browserKey';

const ORIGIN = 'http://127.0.0.1:4780';
let unit: TestUnit;
afterEach(() => unit?.close());

async function webCaller(u: TestUnit, username: string): Promise<Caller> {
  const caller = newCaller('web');
  value(await u.core.client(caller).auth.login({ username, password: PASSWORD }));
  return caller;
}

async function prove(u: TestUnit, caller: Caller) {
  const key = await browserKey();
  const { challenge } = u.core.terminals.challenge(caller);
  return { key, result: u.core.terminals.prove(caller, { publicKey: key.publicKey, challenge, signature: await key.sign(ORIGIN, challenge) }, ORIGIN, 'Chromium 测试') };
}

describe('the register of terminals and their designation (DB3206/T 1060 §4.10.2)', () => {
  it('registers the installation at start; only the security administrator designates, and it is audited', async () => {
    unit = await setUpUnit();
    const security = await unit.signIn('anquan', ['security-admin']);
    const installation = unit.core.terminals.installation;
    expect(value(await unit.admin.terminals.current())).toEqual({ id: installation.id, fingerprint: installation.fingerprint, kind: 'installation', isDesignated: false });

    // The system administrator (三员分立) may not; nor may anyone designate a terminal never seen.
    const refused = await unit.admin.terminals.designate({ terminalId: installation.id, designated: true, note: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await security.terminals.designate({ terminalId: 'T-000000000000', designated: true, note: '' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await security.terminals.designate({ terminalId: 'nonsense', designated: true, note: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    const listed = value(await security.terminals.list());
    expect(listed.map((t) => [t.id, t.kind, t.isDesignated])).toEqual([[installation.id, 'installation', false]]);

    const designated = value(await security.terminals.designate({ terminalId: installation.id.toLowerCase(), designated: true, note: '档案室查阅机' }));
    expect(designated).toMatchObject({ isDesignated: true, designatedBy: 'anquan', designationNote: '档案室查阅机' });
    expect(value(await unit.admin.terminals.current()).isDesignated).toBe(true);
    value(await security.terminals.designate({ terminalId: installation.id, designated: false, note: '机器移出档案室' }));
    expect(value(await unit.admin.terminals.current()).isDesignated).toBe(false);

    const auditor = await unit.signIn('shenji', ['auditor']);
    const entries = value(await auditor.audit.list({ action: 'terminals.designate' })).items;
    expect(entries.map((e) => [e.actor, e.outcome, e.target])).toEqual([
      ['anquan', 'ok', `terminal:${installation.id}`],
      ['anquan', 'ok', `terminal:${installation.id}`],
      ['anquan', 'failed', ''],
      ['anquan', 'failed', 'terminal:T-000000000000'],
      // Refused before the handler ran, so the pipeline logs it without a target.
      ['admin', 'denied', ''],
    ]);
    expect(entries[0]!.detail).toContain('撤销查阅终端指定');
    expect(entries[0]!.detail).toContain('机器移出档案室');
    expect(entries[1]!.detail).toContain(installation.fingerprint);
  });

  it('binds a web session to the browser key it proved; calls carry that terminal, and it can be designated', async () => {
    unit = await setUpUnit();
    const security = await unit.signIn('anquan', ['security-admin']);
    const caller = await webCaller(unit, 'admin');
    const before = value(await unit.core.client(caller).terminals.current());
    expect(before).toEqual({ id: UNREGISTERED_TERMINAL_ID, fingerprint: null, kind: 'unregistered', isDesignated: false });

    const { result } = await prove(unit, caller);
    expect(result.ok).toBe(true);
    const proved = value(result);
    expect(proved.id).toBe(`T-${proved.fingerprint!.slice(0, 12)}`);
    expect(proved.id).not.toBe(unit.core.terminals.installation.id);
    const web = unit.core.client(caller);
    expect(value(await web.terminals.current())).toMatchObject({ id: proved.id, kind: 'browser', isDesignated: false });

    value(await security.terminals.designate({ terminalId: proved.id, designated: true, note: '阅览室 1 号机' }));
    expect(value(await web.terminals.current()).isDesignated).toBe(true);
    // The installation's own calls are not the browser's: designating one does not designate the other.
    expect(value(await unit.admin.terminals.current()).isDesignated).toBe(false);

    value(await web.users.list());
    const auditor = await unit.signIn('shenji', ['auditor']);
    const byWeb = value(await auditor.audit.list({ action: 'terminals.designate' })).items;
    expect(byWeb[0]!.terminalId).toBe(unit.core.terminals.installation.id);
    const logins = value(await auditor.audit.list({ action: 'auth.login' })).items.filter((e) => e.channel === 'web');
    expect(logins.map((e) => e.terminalId)).toEqual([UNREGISTERED_TERMINAL_ID]);
  });

  it('refuses a wrong signature, a replayed, foreign or expired challenge, and rebinding to another key', async () => {
    unit = await setUpUnit();
    const caller = await webCaller(unit, 'admin');
    const key = await browserKey();
    const other = await browserKey();

    const c1 = unit.core.terminals.challenge(caller).challenge;
    const wrong = unit.core.terminals.prove(caller, { publicKey: key.publicKey, challenge: c1, signature: await other.sign(ORIGIN, c1) }, ORIGIN, '');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('签名与公钥不符') } });
    // The challenge went with the failed attempt.
    const replayed = unit.core.terminals.prove(caller, { publicKey: key.publicKey, challenge: c1, signature: await key.sign(ORIGIN, c1) }, ORIGIN, '');
    expect(replayed).toMatchObject({ ok: false, error: { message: expect.stringContaining('无效或已使用') } });

    const c2 = unit.core.terminals.challenge(caller).challenge;
    const otherHost = unit.core.terminals.prove(caller, { publicKey: key.publicKey, challenge: c2, signature: await key.sign('http://127.0.0.1:1', c2) }, ORIGIN, '');
    expect(otherHost.ok).toBe(false);

    const someoneElse = newCaller('web');
    const c3 = unit.core.terminals.challenge(someoneElse).challenge;
    expect(unit.core.terminals.prove(caller, { publicKey: key.publicKey, challenge: c3, signature: await key.sign(ORIGIN, c3) }, ORIGIN, '').ok).toBe(false);

    const c4 = unit.core.terminals.challenge(caller).challenge;
    unit.clock.advanceMinutes(2);
    expect(unit.core.terminals.prove(caller, { publicKey: key.publicKey, challenge: c4, signature: await key.sign(ORIGIN, c4) }, ORIGIN, '')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('超时') },
    });
    expect(value(await unit.core.client(caller).terminals.current()).kind).toBe('unregistered');

    const c5 = unit.core.terminals.challenge(caller).challenge;
    expect(unit.core.terminals.prove(caller, { publicKey: key.publicKey, challenge: c5, signature: await key.sign(ORIGIN, c5) }, ORIGIN, '').ok).toBe(true);
    const c6 = unit.core.terminals.challenge(caller).challenge;
    const rebind = unit.core.terminals.prove(caller, { publicKey: other.publicKey, challenge: c6, signature: await other.sign(ORIGIN, c6) }, ORIGIN, '');
    expect(rebind).toMatchObject({ ok: false, error: { message: expect.stringContaining('已绑定另一个终端') } });
  });

  it('never treats a web call as the installation, whatever its slot says', async () => {
    unit = await setUpUnit();
    const caller = await webCaller(unit, 'admin');
    const app = { channel: 'app' as const, session: { token: null } };
    value(await unit.core.client(app).auth.login({ username: 'admin', password: PASSWORD }));
    expect(value(await unit.core.client(app).terminals.current()).kind).toBe('installation');
    expect(value(await unit.core.client(caller).terminals.current()).kind).toBe('unregistered');
  });
});
