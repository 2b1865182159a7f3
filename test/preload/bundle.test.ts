import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { resolveConfig } from 'electron-vite';
import { build, mergeConfig, type InlineConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src/contract';

// A sandboxed preload runs as a classic script whose `require` knows only 'electron' (and a few
// polyfills). This builds it with the project's electron.vite.config.ts and runs the bundle that way.
const root = path.resolve(import.meta.dirname, '../..');
let outDir: string;
let code: string;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preload-bundle-'));
  const resolved = await resolveConfig({ root, configFile: path.join(root, 'electron.vite.config.ts'), logLevel: 'silent' }, 'build');
  const preload = resolved.config?.preload as InlineConfig;
  await build(mergeConfig(preload, { root, logLevel: 'silent', configFile: false, build: { outDir, emptyOutDir: true } }));
  code = fs.readFileSync(path.join(outDir, 'index.cjs'), 'utf8');
}, 60_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('the built preload', () => {
  it('is CommonJS that requires nothing but electron', () => {
    expect(code).not.toMatch(/^\s*import\s/m);
    const required = new Set([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]));
    expect([...required]).toEqual(['electron']);
  });

  it('exposes window.archive, and only that, built from the method list', async () => {
    const exposed: Record<string, any> = {};
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: null };
        },
        on() {},
        removeListener() {},
      },
      webUtils: { getPathForFile: (file: { name: string }) => `/scans/${file.name}` },
    };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console, process: { env: {} } });

    expect(Object.keys(exposed)).toEqual(['archive']);
    const names = Object.entries(exposed.archive).flatMap(([ns, value]) =>
      typeof value !== 'object' ? [ns] : Object.keys(value as object).map((verb) => `${ns}.${verb}`),
    );
    expect(names.sort()).toEqual([...METHOD_NAMES, 'onEvent', 'stageFiles', 'canStageFolders'].sort());
    expect(await exposed.archive.stageFiles([{ name: '001.jpg', size: 1 }])).toEqual({ ok: true, value: ['/scans/001.jpg'] });
    await exposed.archive.cases.list({ page: 1 });
    expect(invoked).toEqual([['archive:invoke', 'cases.list', { page: 1 }]]);
  });
});
