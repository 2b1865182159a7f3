import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/contract';
import type { Caller, Core, ServedFile } from '../../src/core/types';
import { handleAppProtocol } from '../../src/main/appProtocol';
import { APP_CSP } from '../../src/main/security/csp';

type Handler = (request: Request) => Promise<Response>;

let dir: string;
let rendererRoot: string;
let storedPath: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
  rendererRoot = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>执法案卷归档工作站</title>');
  fs.writeFileSync(path.join(rendererRoot, 'assets', 'index.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the bundle');
  storedPath = path.join(dir, 'stored.pdf');
  fs.writeFileSync(storedPath, Buffer.from('0123456789'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function setup(caller: Caller | null = { channel: 'app', session: { token: 't' } }, devOrigin: string | null = null) {
  let handler: Handler | undefined;
  const protocol = {
    isProtocolHandled: () => false,
    unhandle: vi.fn(),
    handle: (_scheme: string, h: Handler) => {
      handler = h;
    },
  };
  const openFile = vi.fn((fileId: string, _caller: Caller): Envelope<ServedFile> =>
    fileId === 'f1'
      ? { ok: true, value: { path: storedPath, name: '卷宗.pdf', mediaType: 'application/pdf', size: 10 } }
      : { ok: false, error: { code: 'forbidden', message: '您没有查阅该文件的授权' } },
  );
  const core = { openFile } as unknown as Core;
  handleAppProtocol(protocol as never, { core, rendererRoot, callerOfSession: () => caller, devOrigin });
  const get = (url: string, init?: RequestInit) => handler!(new Request(url, init));
  return { get, openFile };
}

describe('app protocol: bundle', () => {
  it('serves index.html with the CSP', async () => {
    const { get } = setup();
    const response = await get('app://bundle/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await response.text()).toContain('执法案卷归档工作站');
  });

  it('serves scripts as JavaScript and deep routes as index.html', async () => {
    const { get } = setup();
    expect((await get('app://bundle/assets/index.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await get('app://bundle/cases/12')).text()).toContain('<title>');
  });

  it('gives 404 for missing files and anything outside the bundle', async () => {
    const { get } = setup();
    expect((await get('app://bundle/assets/missing.js')).status).toBe(404);
    const traversal = await get('app://bundle/assets/..%2f..%2fsecret.txt');
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain('outside the bundle');
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });

  it('only reads', async () => {
    const { get } = setup();
    expect((await get('app://bundle/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('app protocol: stored files', () => {
  it('serves a file the core allows, for the session’s caller', async () => {
    const { get, openFile } = setup();
    const response = await get('app://bundle/files/f1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.text()).toBe('0123456789');
    expect(openFile).toHaveBeenCalledWith('f1', { channel: 'app', session: { token: 't' } }, { intent: 'view', continuation: false });
  });

  it('asks the core for a download when the page asks to save, and marks later ranges as continuations', async () => {
    const { get, openFile } = setup();
    const saved = await get('app://bundle/files/f1?download=1');
    expect(saved.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(openFile).toHaveBeenLastCalledWith('f1', expect.anything(), { intent: 'download', continuation: false });
    await get('app://bundle/files/f1', { headers: { Range: 'bytes=4-6' } });
    expect(openFile).toHaveBeenLastCalledWith('f1', expect.anything(), { intent: 'view', continuation: true });
    await get('app://bundle/files/f1', { headers: { Range: 'bytes=0-3' } });
    expect(openFile).toHaveBeenLastCalledWith('f1', expect.anything(), { intent: 'view', continuation: false });
  });

  it('serves byte ranges', async () => {
    const { get } = setup();
    const response = await get('app://bundle/files/f1', { headers: { Range: 'bytes=2-4' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await response.text()).toBe('234');
    expect((await get('app://bundle/files/f1', { headers: { Range: 'bytes=50-' } })).status).toBe(416);
  });

  it('passes the core’s refusal on with its Chinese message', async () => {
    const { get } = setup();
    const response = await get('app://bundle/files/f2');
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('您没有查阅该文件的授权');
  });

  it('lets only the dev server’s page read files cross-origin, and only in development', async () => {
    const packaged = await setup().get('app://bundle/files/f1');
    expect(packaged.headers.get('access-control-allow-origin')).toBeNull();
    const dev = await setup(undefined, 'http://localhost:5173').get('app://bundle/files/f1');
    expect(dev.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(dev.headers.get('vary')).toBe('Origin');
  });

  it('answers a failing core with a Chinese 500 instead of a network error', async () => {
    const { get, openFile } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    openFile.mockImplementationOnce(() => {
      throw new Error('database is locked');
    });
    const response = await get('app://bundle/files/f1');
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/工作站内部错误/);
    warn.mockRestore();
  });

  it('refuses when the session belongs to no window', async () => {
    const { get, openFile } = setup(null);
    expect((await get('app://bundle/files/f1')).status).toBe(403);
    expect(openFile).not.toHaveBeenCalled();
  });
});
