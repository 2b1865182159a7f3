import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/createCore';
import type { Core } from '../../src/core/types';
import { renderBridgeScript } from '../../src/web/bridge';
import { SESSION_COOKIE, readCookie, startWebHost, type WebHost } from '../../src/web/server';
import { parseStagingTarget, pathsInside, safeStagingName } from '../../src/web/staging';
import { PASSWORD, tempDir } from '../helpers/core';

describe('staging names', () => {
  it('keeps ordinary Chinese names and cleans hostile ones', () => {
    expect(safeStagingName('第2页.jpg')).toBe('第2页.jpg');
    expect(safeStagingName('a/b\\c:d*e?.png')).toBe('a_b_c_d_e_.png');
    expect(safeStagingName('..')).toBeNull();
    expect(safeStagingName('.')).toBeNull();
    expect(safeStagingName('.hidden.jpg')).toBe('hidden.jpg');
    expect(safeStagingName('name. . ')).toBe('name');
    expect(safeStagingName('CON.txt')).toBe('_CON.txt');
    expect(safeStagingName('x\u0000y.jpg')).toBe('x_y.jpg');
    expect(safeStagingName('///')).toBeNull();
    const long = safeStagingName(`${'页'.repeat(300)}.jpeg`)!;
    expect(long).toHaveLength(120);
    expect(long.endsWith('.jpeg')).toBe(true);
  });

  it('parses upload targets: a UUID batch, then a name or a folder and a name', () => {
    const batch = '0b5f3c1e-2a4d-4c6e-8f10-1a2b3c4d5e6f';
    expect(parseStagingTarget([batch, '001.jpg'])).toEqual({ batch, folder: null, name: '001.jpg' });
    expect(parseStagingTarget([batch, '询问笔录', '001.jpg'])).toEqual({ batch, folder: '询问笔录', name: '001.jpg' });
    expect(parseStagingTarget(['not-a-uuid', '001.jpg'])).toBeNull();
    expect(parseStagingTarget([batch, '..', '001.jpg'])).toBeNull();
    expect(parseStagingTarget([batch])).toBeNull();
    expect(parseStagingTarget([batch, 'a', 'b', 'c.jpg'])).toBeNull();
  });

  it('finds the staged paths a request names, at any depth', () => {
    const dir = path.join('/data', 'staging', 'abc');
    const found = pathsInside({ inputs: [path.join(dir, 'b1', 'x.jpg'), '/elsewhere/y.jpg'], deep: { p: path.join(dir, 'b2') } }, dir);
    expect([...found]).toEqual([path.join(dir, 'b1', 'x.jpg'), path.join(dir, 'b2')]);
    expect(pathsInside({ p: `${dir}-other/x` }, dir).size).toBe(0);
  });
});

let core: Core;
let host: WebHost;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir('dossier-staging-');
  fs.mkdirSync(path.join(dataDir, 'staging', 'left-over'), { recursive: true });
  core = createCore({ dataDir, scryptCost: 1024 });
  const rendererDir = tempDir('dossier-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  host = await startWebHost({ core, port: 0, rendererDir, maxUploadBytes: 1024, maxStagedBytes: 1500 });
});

afterAll(async () => {
  await host?.close();
  core?.close();
});

function request(options: { method?: string; path: string; cookie?: string | null; type?: string; body?: Buffer | string }) {
  return new Promise<{ status: number; json: any; cookie: string | null }>((resolve, reject) => {
    const headers: Record<string, string> = { Origin: host.url };
    if (options.cookie) headers.Cookie = `${SESSION_COOKIE}=${options.cookie}`;
    if (options.type) headers['Content-Type'] = options.type;
    const req = http.request({ host: '127.0.0.1', port: host.port, method: options.method ?? 'POST', path: options.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const set = res.headers['set-cookie']?.[0];
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'), cookie: set ? readCookie(set.split(';')[0], SESSION_COOKIE) : null });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const BATCH = '6a1c7a52-52a4-4f4e-9b0b-7f4f35d8e0a1';
const upload = (cookie: string | null, rest: string, body: Buffer | string) =>
  request({ path: `/staging/${rest}`, cookie, type: 'application/octet-stream', body });

describe('POST /staging (the web host half of stageFiles)', () => {
  let cookie: string | null = null;

  it('clears uploads left by an earlier run, and refuses a browser that is not signed in', async () => {
    expect(fs.existsSync(path.join(dataDir, 'staging', 'left-over'))).toBe(false);
    const res = await upload(null, `${BATCH}/001.jpg`, 'x');
    expect(res.status).toBe(401);
    expect(res.json.error.message).toContain('登录');
  });

  it('streams a signed-in browser’s file into its session folder and returns the absolute path', async () => {
    const setup = await request({
      path: '/api/setup.initialize',
      type: 'application/json',
      body: JSON.stringify({ compilingUnit: '南通市烟草专卖局', fondsNumber: 'J032', admin: { username: 'admin', displayName: '管理员', department: '办公室', password: PASSWORD } }),
    });
    expect(setup.json.ok).toBe(true);
    cookie = setup.cookie;

    const res = await upload(cookie, `${BATCH}/${encodeURIComponent('第1页.jpg')}`, Buffer.from('scan bytes'));
    expect(res.status).toBe(200);
    const staged: string = res.json.value.path;
    expect(path.isAbsolute(staged)).toBe(true);
    expect(staged.startsWith(path.join(dataDir, 'staging') + path.sep)).toBe(true);
    expect(path.basename(staged)).toBe('第1页.jpg');
    expect(fs.readFileSync(staged, 'utf8')).toBe('scan bytes');
    expect(staged).not.toContain(cookie!);

    const inFolder = await upload(cookie, `${BATCH}/${encodeURIComponent('询问笔录')}/002.jpg`, 'y');
    expect(inFolder.json.value.path).toBe(path.join(path.dirname(staged), '询问笔录'));
  });

  it('refuses other verbs and types, unusable names and files over the limits, keeping nothing partial', async () => {
    expect((await request({ method: 'PUT', path: `/staging/${BATCH}/a.jpg`, cookie, type: 'application/octet-stream', body: 'x' })).status).toBe(405);
    expect((await request({ path: `/staging/${BATCH}/a.jpg`, cookie, type: 'multipart/form-data', body: 'x' })).status).toBe(415);
    expect((await upload(cookie, `${BATCH}/..`, 'x')).status).toBe(400);
    expect((await upload(cookie, `not-a-batch/a.jpg`, 'x')).status).toBe(400);
    const tooLarge = await upload(cookie, `${BATCH}/big.jpg`, Buffer.alloc(2000));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.error.message).toContain('文件过大');
    // 10 + 1 bytes are staged; 1024 more would pass the per-file limit but not the session's 1500.
    const other = '7b2d8b63-63b5-4a5f-8c1c-8a5a46e9f1b2';
    expect((await upload(cookie, `${other}/a.jpg`, Buffer.alloc(1000))).status).toBe(200);
    const overSession = await upload(cookie, `${other}/b.jpg`, Buffer.alloc(1000));
    expect(overSession.status).toBe(413);
    expect(overSession.json.error.message).toContain('合计上限');
    const batchDir = fs.readdirSync(path.join(dataDir, 'staging'))[0]!;
    const names = fs.readdirSync(path.join(dataDir, 'staging', batchDir, other));
    expect(names).toEqual(['a.jpg']);
  });

  it('removes a batch once a call has named it, and the whole session folder on sign-out', async () => {
    const first = await upload(cookie, `${BATCH}/003.jpg`, 'z');
    const staged: string = first.json.value.path;
    const verify = await request({ path: '/api/pdf.verify', cookie, type: 'application/json', body: JSON.stringify({ path: staged }) });
    expect(verify.json.ok).toBe(true);
    expect(fs.existsSync(path.dirname(staged))).toBe(false);

    const kept = (await upload(cookie, `${BATCH}/004.jpg`, 'w')).json.value.path as string;
    expect(fs.existsSync(kept)).toBe(true);
    await request({ path: '/api/auth.logout', cookie, type: 'application/json', body: '{}' });
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
  });
});

describe('the generated bridge’s stageFiles', () => {
  it('uploads each file into one batch (inside the folder when given) and returns the distinct paths', async () => {
    const window: Record<string, any> = {};
    const posted: { url: string; body: unknown }[] = [];
    const fetch = async (url: string, init: { body: unknown; headers: Record<string, string> }) => {
      posted.push({ url, body: init.body });
      expect(init.headers['Content-Type']).toBe('application/octet-stream');
      const folder = url.split('/').length === 5 ? decodeURIComponent(url.split('/')[3]!) : null;
      return { json: async () => ({ ok: true, value: { path: folder ? `/s/${folder}` : `/s/${decodeURIComponent(url.split('/').at(-1)!)}` } }) };
    };
    vm.runInNewContext(renderBridgeScript(['a.b']), { window, fetch, crypto: { randomUUID: () => BATCH }, EventSource: class {} });
    expect(window.archive.canStageFolders).toBe(false);
    const files = [{ name: '第1页.jpg' }, { name: '第2页.jpg' }];
    expect(await window.archive.stageFiles(files)).toEqual({ ok: true, value: ['/s/第1页.jpg', '/s/第2页.jpg'] });
    expect(posted.map((p) => p.url)).toEqual([`/staging/${BATCH}/${encodeURIComponent('第1页.jpg')}`, `/staging/${BATCH}/${encodeURIComponent('第2页.jpg')}`]);
    expect(posted[0]!.body).toBe(files[0]);
    expect(await window.archive.stageFiles(files, '询问笔录')).toEqual({ ok: true, value: ['/s/询问笔录'] });
  });
});
