import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { bindingFolderName } from '../../src/main/native/bindingPath';

// Boots the real main process module against the real core, with a stand-in for Electron (whose
// binary cannot be downloaded here) and node_modules' Node build of better-sqlite3 standing in for
// the Electron build, placed where main looks for it.
const stub = vi.hoisted(() => {
  const state = {
    handlers: new Map<string, (...args: any[]) => any>(),
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    appEvents: new Map<string, (...args: any[]) => any>(),
    windows: [] as any[],
    errors: [] as string[],
    appPath: '',
    exitCode: undefined as number | undefined,
    loaded: '',
  };
  const fakeSession = {
    protocol: {
      isProtocolHandled: (scheme: string) => state.protocols.has(scheme),
      handle: (scheme: string, handler: any) => state.protocols.set(scheme, handler),
      unhandle: (scheme: string) => state.protocols.delete(scheme),
    },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
    setDisplayMediaRequestHandler() {},
    on() {},
    webRequest: { onHeadersReceived() {}, onBeforeRequest() {} },
  };
  class BrowserWindow {
    webContents = { id: 1, mainFrame: { url: 'app://bundle/index.html', parent: null }, on() {} };
    constructor(readonly options: any) {
      state.windows.push(this);
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      state.loaded = url;
      return Promise.resolve();
    }
  }
  return { state, fakeSession, BrowserWindow };
});

vi.mock('electron', () => ({
  app: {
    isPackaged: false,
    getAppPath: () => stub.state.appPath,
    whenReady: () => Promise.resolve(),
    on: (event: string, handler: any) => stub.state.appEvents.set(event, handler),
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    exit: (code: number) => {
      stub.state.exitCode = code;
    },
    quit() {},
  },
  protocol: { registerSchemesAsPrivileged() {} },
  dialog: { showErrorBox: (title: string, message: string) => stub.state.errors.push(`${title}: ${message}`) },
  Menu: { setApplicationMenu() {} },
  // Stands in for the OS key store: reversible, and visibly not the clear text.
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (s: string) => Buffer.from(`sealed:${Buffer.from(s).toString('hex')}`),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice('sealed:'.length), 'hex').toString(),
  },
  session: { fromPartition: () => stub.fakeSession },
  ipcMain: {
    handle: (channel: string, handler: any) => stub.state.handlers.set(channel, handler),
    removeHandler: (channel: string) => stub.state.handlers.delete(channel),
  },
  webContents: { fromId: () => undefined },
  BrowserWindow: stub.BrowserWindow,
}));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'main-boot-'));
const folder = path.join(work, 'native', bindingFolderName(process.versions.electron ?? '', process.platform, process.arch));
fs.mkdirSync(folder, { recursive: true });
fs.copyFileSync(
  path.resolve(import.meta.dirname, '../../node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
  path.join(folder, 'better_sqlite3.node'),
);
stub.state.appPath = work;
process.env.DOSSIER_DATA = path.join(work, 'data');
delete process.env.ELECTRON_RENDERER_URL;

await import('../../src/main/index');
await vi.waitFor(() => expect(stub.state.windows).toHaveLength(1));

afterAll(async () => {
  stub.state.appEvents.get('will-quit')?.({ preventDefault() {} });
  await vi.waitFor(() => expect(stub.state.exitCode).toBe(0));
  fs.rmSync(work, { recursive: true, force: true });
});

describe('main process boot', () => {
  it('opens one hardened window on the app bundle without errors', () => {
    expect(stub.state.errors).toEqual([]);
    expect(stub.state.loaded).toBe('app://bundle/index.html');
    expect(stub.state.windows[0].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(stub.state.windows[0].options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('carries IPC calls from the window to the core and back', async () => {
    const window = stub.state.windows[0];
    const invoke = stub.state.handlers.get('archive:invoke')!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    // safeStorage is available here, so the core seals the signing key with the OS key store.
    expect(await invoke(event, 'setup.status', {})).toMatchObject({ ok: true, value: { isSetUp: false, keyProtection: 'os' } });
    expect(await invoke(event, 'cases.list', {})).toMatchObject({ ok: false });
    expect(await invoke({ ...event, senderFrame: { url: 'https://evil.example/', parent: null } }, 'setup.status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('serves stored files only through the core’s authorization', async () => {
    const response = await stub.state.protocols.get('app')!(new Request('app://bundle/files/unknown'));
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});
