import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src/contract';
import { createCore } from '../../src/core/createCore';
import type { Core } from '../../src/core/types';
import { injectBridgeTag, renderBridgeScript } from '../../src/web/bridge';
import { SESSION_COOKIE, readCookie, startWebHost, type WebHost } from '../../src/web/server';
import { FIXTURE_FOLDER, PASSWORD, TestClock, tempDir } from '../helpers/core';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP, because fetch normalizes `..` in paths and will not send a forged Host header. */
function raw(
  host: WebHost,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A browser stand-in: keeps the session cookie and sends same-origin headers. */
class Browser {
  cookie: string | null = null;
  constructor(private readonly host: WebHost) {}
  async call(method: string, request: unknown = {}, extraHeaders: Record<string, string> = {}) {
    const res = await raw(this.host, {
      method: 'POST',
      path: `/api/${method}`,
      headers: {
        'Content-Type': 'application/json',
        Origin: this.host.url,
        ...(this.cookie ? { Cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}),
        ...extraHeaders,
      },
      body: JSON.stringify(request),
    });
    this.remember(res);
    return { status: res.status, headers: res.headers, json: JSON.parse(res.body) as { ok: boolean; value?: any; error?: any } };
  }
  async get(pathname: string) {
    const res = await raw(this.host, { path: pathname, headers: this.cookie ? { Cookie: `${SESSION_COOKIE}=${this.cookie}` } : {} });
    this.remember(res);
    return res;
  }
  private remember(res: RawResponse) {
    const set = res.headers['set-cookie']?.[0];
    if (set) this.cookie = readCookie(set.split(';')[0], SESSION_COOKIE);
  }
}

let core: Core;
let host: WebHost;
let rendererDir: string;
let clock: TestClock;
let outsideFile: string;

beforeAll(async () => {
  const dataDir = tempDir('dossier-web-');
  clock = new TestClock();
  core = createCore({ dataDir, scryptCost: 1024, now: clock.now });
  rendererDir = tempDir('dossier-renderer-');
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title><script type="module" crossorigin src="./assets/app.js"></script></head><body></body></html>',
  );
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  const outside = tempDir('dossier-outside-');
  outsideFile = path.join(outside, 'secret.txt');
  fs.writeFileSync(outsideFile, 'top secret');
  fs.symlinkSync(outside, path.join(rendererDir, 'escape'));
  host = await startWebHost({ core, port: 0, rendererDir, maxBodyBytes: 64 * 1024 });
});

afterAll(async () => {
  await host?.close();
  core?.close();
});

describe('static files and the bridge', () => {
  it('serves index.html with the bridge before the app script, a CSP and a strict session cookie', async () => {
    const res = await raw(host, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body.indexOf('<script src="/bridge.js"></script>')).toBeGreaterThan(0);
    expect(res.body.indexOf('/bridge.js')).toBeLessThan(res.body.indexOf('./assets/app.js'));
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('serves built assets with their content type', async () => {
    const res = await raw(host, { path: '/assets/app.js' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    expect(res.body).toBe('console.log("app")');
  });

  it.each([
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/..%5c..%5cetc%5cpasswd',
    '/escape/secret.txt',
    '/index.html%00.js',
    '/assets/',
    '/nothing-here.js',
  ])('refuses %s without leaking anything outside the renderer folder', async (p) => {
    const res = await raw(host, { path: p });
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('top secret');
    expect(res.body).not.toContain('root:');
  });

  it('generates a bridge that defines every method of the contract and onEvent', async () => {
    const res = await raw(host, { path: '/bridge.js' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    const window: Record<string, any> = {};
    vm.runInNewContext(res.body, { window, fetch: () => Promise.reject(new Error('offline')), EventSource: class {} });
    for (const method of METHOD_NAMES) {
      const [ns, verb] = method.split('.') as [string, string];
      expect(typeof window.archive[ns][verb], method).toBe('function');
    }
    expect(typeof window.archive.onEvent).toBe('function');
    expect(Object.isFrozen(window.archive)).toBe(true);
    const failure = await window.archive.setup.status();
    expect(failure).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(failure.error.message).toContain('无法连接工作站服务');
  });

  it('puts the bridge first even when the page has no module script', () => {
    expect(injectBridgeTag('<html><head></head><body></body></html>')).toContain('<script src="/bridge.js"></script>\n  </head>');
    expect(renderBridgeScript(['a.b'])).toContain('["a.b"]');
  });
});

describe('API calls', () => {
  it('answers a method of the contract with its envelope', async () => {
    const res = await new Browser(host).call('setup.status');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, value: { isSetUp: false } });
  });

  it.each(['nope.nothing', 'constructor', '__proto__', 'setup.status/extra', 'toString'])(
    'answers 404 to a name that is not a method: %s',
    async (name) => {
      const res = await new Browser(host).call(name);
      expect(res.status).toBe(404);
      expect(res.json.ok).toBe(false);
      expect(res.json.error.code).toBe('not-found');
    },
  );

  it('refuses other verbs, non-JSON bodies, broken JSON and oversized bodies', async () => {
    const get = await raw(host, { path: '/api/setup.status' });
    expect(get.status).toBe(405);
    const form = await raw(host, {
      method: 'POST',
      path: '/api/setup.status',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const broken = await raw(host, { method: 'POST', path: '/api/setup.status', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.message).toBe('请求内容不是有效的 JSON');
    const big = await raw(host, {
      method: 'POST',
      path: '/api/auth.login',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(100 * 1024), password: 'y' }),
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toContain('请求内容过大');
  });

  it('passes the core’s Chinese validation message through', async () => {
    const res = await new Browser(host).call('auth.login', { username: '', password: 'x' });
    expect(res.json.ok).toBe(false);
    expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('origin checks (CSRF and DNS rebinding)', () => {
  it.each(['http://evil.example', 'null', 'http://127.0.0.1:1', 'https://127.0.0.1'])('refuses the Origin %s', async (origin) => {
    const res = await new Browser(host).call('setup.status', {}, { Origin: origin });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('forbidden');
  });

  it('refuses a foreign Host, as a DNS-rebound page would send', async () => {
    const res = await raw(host, { path: '/', headers: { Host: `evil.example:${host.port}` } });
    expect(res.status).toBe(403);
    const api = await raw(host, {
      method: 'POST',
      path: '/api/setup.status',
      headers: { Host: `evil.example:${host.port}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(403);
  });

  it('refuses a request the browser marks as cross-site', async () => {
    const res = await new Browser(host).call('setup.status', {}, { Origin: host.url, 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(403);
  });

  it('accepts localhost as well as 127.0.0.1 for this port', async () => {
    const res = await new Browser(host).call('setup.status', {}, { Origin: `http://localhost:${host.port}`, Host: `localhost:${host.port}` });
    expect(res.status).toBe(200);
  });
});

describe('sessions by cookie, files and events', () => {
  let admin: Browser;
  let fileId = '';

  it('keeps one session per cookie, and a new or forged cookie gets a fresh, signed-out slot', async () => {
    admin = new Browser(host);
    const setup = await admin.call('setup.initialize', {
      compilingUnit: '南通市烟草专卖局',
      fondsNumber: 'J032',
      admin: { username: 'admin', displayName: '系统管理员', department: '办公室', password: PASSWORD },
    });
    expect(setup.json.ok).toBe(true);
    expect(admin.cookie).toBeTruthy();
    expect((await admin.call('auth.session')).json.value.user.username).toBe('admin');

    const other = new Browser(host);
    expect((await other.call('auth.session')).json.value).toBeNull();
    expect(other.cookie).not.toBe(admin.cookie);

    const forged = new Browser(host);
    forged.cookie = 'forged-cookie-value';
    const res = await forged.call('auth.session');
    expect(res.json.value).toBeNull();
    expect(forged.cookie).not.toBe('forged-cookie-value');
  });

  it('serves a stored file to a reader of cases and refuses others with JSON', async () => {
    expect((await admin.call('users.create', { username: 'chenli', displayName: '陈立', department: '专卖监督管理科', roles: ['case-officer'], password: PASSWORD })).json.ok).toBe(true);
    const officer = new Browser(host);
    expect((await officer.call('auth.login', { username: 'chenli', password: PASSWORD })).json.ok).toBe(true);
    const imported = await officer.call('cases.importFolder', { folder: FIXTURE_FOLDER });
    expect(imported.json.ok).toBe(true);
    const detail = await officer.call('cases.get', { caseId: imported.json.value.case.id });
    const file = detail.json.value.records.flatMap((r: { files: { id: string; mediaType: string; size: number }[] }) => r.files)[0];
    fileId = file.id;

    const served = await officer.get(`/files/${fileId}`);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe(file.mediaType);
    expect(Number(served.headers['content-length'])).toBe(file.size);
    expect(served.headers['x-content-type-options']).toBe('nosniff');

    const adminRes = await admin.get(`/files/${fileId}`);
    expect(adminRes.status).toBe(403);
    expect(JSON.parse(adminRes.body).error.code).toBe('forbidden');

    const anonymous = await new Browser(host).get(`/files/${fileId}`);
    expect(anonymous.status).toBe(401);

    const missing = await officer.get('/files/999999');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).ok).toBe(false);
  });

  it('streams core events to the browser', async () => {
    const watcher = new Browser(host);
    await watcher.get('/index.html');
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: host.port, path: '/events', headers: { Cookie: `${SESSION_COOKIE}=${watcher.cookie}` } },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let buffer = '';
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString('utf8');
            const line = buffer.split('\n').find((l) => l.startsWith('data: '));
            if (line) {
              req.destroy();
              resolve(line.slice('data: '.length));
            }
          });
        },
      );
      req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
    });
    await new Promise((r) => setTimeout(r, 100));
    // Idle past the unit's limit: the next call finds the session ended and the core says so.
    clock.advanceMinutes(31);
    const after = await admin.call('auth.session');
    expect(after.json.value).toBeNull();
    expect(JSON.parse(await received)).toEqual({ type: 'session.ended', reason: 'idle' });
  });
});
