import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREGISTERED_TERMINAL_ID } from '../../src/contract';
import type { Core } from '../../src/core/types';
import { SESSION_COOKIE, readCookie, startWebHost, type WebHost } from '../../src/web/server';
import { PASSWORD, newCaller, setUpUnit, tempDir, value, type TestUnit } from '../helpers/core';
import { browserKey } from '../core/terminals/browserKey';

/** A browser stand-in over real HTTP: keeps its session cookie and sends same-origin headers. */
class Browser {
  private cookie: string | null = null;
  constructor(private readonly host: WebHost) {}
  async post(pathname: string, body: unknown) {
    const res = await fetch(this.host.url + pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: this.host.url, ...(this.cookie ? { Cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}) },
      body: JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = readCookie(set.split(';')[0], SESSION_COOKIE);
    return { status: res.status, json: (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } } };
  }
  call(method: string, request: unknown = {}) {
    return this.post(`/api/${method}`, request);
  }
  /** What the bridge does on load: a challenge from the host, signed with this profile's key. */
  async prove(key: Awaited<ReturnType<typeof browserKey>>, signer = key) {
    const issued = await this.post('/terminal/challenge', {});
    const challenge = issued.json.value.challenge as string;
    const signature = await signer.sign(this.host.url, challenge);
    return { challenge, signature, result: await this.post('/terminal/prove', { publicKey: key.publicKey, challenge, signature }) };
  }
}

let unit: TestUnit;
let core: Core;
let host: WebHost;

beforeAll(async () => {
  unit = await setUpUnit(tempDir('dossier-web-terminals-'));
  core = unit.core;
  value(await unit.admin.users.create({ username: 'shenji', displayName: '沈计', department: '办公室', roles: ['auditor'], password: PASSWORD }));
  const rendererDir = tempDir('dossier-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  host = await startWebHost({ core, port: 0, rendererDir });
});

afterAll(async () => {
  await host?.close();
  unit?.close();
});

async function auditedTerminals(action: string): Promise<string[]> {
  const auditor = core.client(newCaller());
  value(await auditor.auth.login({ username: 'shenji', password: PASSWORD }));
  return value(await auditor.audit.list({ action })).items.filter((e) => e.channel === 'web').map((e) => e.terminalId);
}

describe('browser terminals through the web host (decision 0012, DB3206/T 1060 §4.10.2)', () => {
  it('binds the session to the key the browser proved; its calls and audit entries carry that terminal', async () => {
    const browser = new Browser(host);
    const key = await browserKey();
    const { result } = await browser.prove(key);
    expect(result.status).toBe(200);
    expect(result.json.ok).toBe(true);
    const terminalId = result.json.value.id as string;
    expect(terminalId).toMatch(/^T-[0-9A-F]{12}$/);
    expect(terminalId).not.toBe(core.terminals.installation.id);

    expect((await browser.call('auth.login', { username: 'admin', password: PASSWORD })).json.ok).toBe(true);
    expect((await browser.call('terminals.current')).json.value).toMatchObject({ id: terminalId, kind: 'browser', isDesignated: false });
    expect((await browser.call('users.create', { username: 'web-made', displayName: '网页', department: '办公室', roles: ['reader'], password: PASSWORD })).json.ok).toBe(true);
    expect(await auditedTerminals('users.create')).toEqual([terminalId]);

    // A second browser profile is a second terminal.
    const second = new Browser(host);
    const other = (await second.prove(await browserKey())).result.json.value.id as string;
    expect(other).toMatch(/^T-[0-9A-F]{12}$/);
    expect(other).not.toBe(terminalId);
  });

  it('refuses a wrong signature and a replayed challenge; that browser stays unregistered but can work', async () => {
    const browser = new Browser(host);
    const key = await browserKey();
    const forged = await browser.prove(key, await browserKey());
    expect(forged.result.json).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The same challenge again, now with the right signature: used up.
    const replay = await browser.post('/terminal/prove', { publicKey: key.publicKey, challenge: forged.challenge, signature: await key.sign(host.url, forged.challenge) });
    expect(replay.json).toMatchObject({ ok: false, error: { message: expect.stringContaining('无效或已使用') } });

    // A good proof's challenge cannot be replayed by another session either.
    const good = await new Browser(host).prove(key);
    expect(good.result.json.ok).toBe(true);
    const thief = await browser.post('/terminal/prove', { publicKey: key.publicKey, challenge: good.challenge, signature: good.signature });
    expect(thief.json.ok).toBe(false);

    expect((await browser.call('auth.login', { username: 'admin', password: PASSWORD })).json.ok).toBe(true);
    expect((await browser.call('terminals.current')).json.value).toEqual({ id: UNREGISTERED_TERMINAL_ID, fingerprint: null, kind: 'unregistered', isDesignated: false });
    expect(await auditedTerminals('auth.login')).toContain(UNREGISTERED_TERMINAL_ID);
  });

  it('refuses malformed proofs and other verbs', async () => {
    const browser = new Browser(host);
    expect((await browser.post('/terminal/prove', { publicKey: 1 })).status).toBe(400);
    expect((await browser.post('/terminal/other', {})).status).toBe(404);
    const get = await fetch(`${host.url}/terminal/challenge`);
    expect(get.status).toBe(405);
  });
});
