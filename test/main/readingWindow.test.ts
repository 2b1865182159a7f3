import { beforeEach, describe, expect, it, vi } from 'vitest';

// The kiosk wiring against a stand-in for Electron's BrowserWindow (the binary cannot be downloaded
// here); the decisions it wires are tested in security/readingRoom.test.ts.
const electron = vi.hoisted(() => {
  let nextId = 1;
  /** A small emitter: node:events cannot be imported into a hoisted mock. */
  class Emitter {
    #listeners = new Map<string, ((...args: any[]) => void)[]>();
    on(event: string, listener: (...args: any[]) => void) {
      this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: (...args: any[]) => void) {
      const wrapped = (...args: any[]) => {
        this.#listeners.set(event, (this.#listeners.get(event) ?? []).filter((l) => l !== wrapped));
        listener(...args);
      };
      return this.on(event, wrapped);
    }
    emit(event: string, ...args: any[]) {
      for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
    }
  }
  class FakeContents extends Emitter {
    readonly id = nextId++;
    url = '';
    printed: unknown[] = [];
    back = vi.fn();
    navigationHistory = { canGoBack: () => true, goBack: this.back };
    getURL() {
      return this.url;
    }
    print(options: unknown) {
      this.printed.push(options);
    }
    closeDevTools() {}
  }
  class BrowserWindow extends Emitter {
    static created: BrowserWindow[] = [];
    webContents = new FakeContents();
    isProtected = false;
    destroyed = false;
    readonly options: Record<string, unknown>;
    constructor(options: Record<string, unknown> = {}) {
      super();
      this.options = options;
      BrowserWindow.created.push(this);
    }
    setContentProtection(on: boolean) {
      this.isProtected = on;
    }
    loadURL(url: string) {
      this.webContents.url = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    focus() {}
    show() {}
    close() {
      this.destroyed = true;
      this.emit('closed');
    }
    destroy() {
      this.close();
    }
  }
  return { BrowserWindow };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }));

const { ReadingRoom } = await import('../../src/main/readingWindow');
const { WindowCallers } = await import('../../src/main/ipc/sessions');

type Fake = InstanceType<typeof electron.BrowserWindow>;

function setup() {
  const callers = new WindowCallers();
  const owner = new electron.BrowserWindow({ kind: 'main' });
  owner.webContents.url = 'app://bundle/index.html#/cases/3/dossier';
  const caller = callers.register(owner.webContents.id);
  caller.session.token = 'token';
  const log = vi.fn();
  const room = new ReadingRoom({ callers, source: { entryUrl: 'app://bundle/index.html', trusted: { devServerUrl: null }, isDev: true }, preloadPath: '/p.cjs', partition: 'persist:workstation', log });
  room.follow(owner as never);
  const goToReading = (caseId: string) => owner.webContents.emit('did-navigate-in-page', {}, `app://bundle/index.html#/reading/${caseId}`, true);
  const kiosk = () => electron.BrowserWindow.created.at(-1) as Fake;
  return { callers, owner: owner as Fake, caller, room, goToReading, kiosk, log };
}

beforeEach(() => {
  electron.BrowserWindow.created.length = 0;
});

describe('ReadingRoom', () => {
  it('opens the kiosk window at the reading route with the main window’s login, and sends the main window back', () => {
    const { callers, owner, caller, room, goToReading, kiosk } = setup();
    goToReading('3');
    const win = kiosk();
    expect(win).not.toBe(owner);
    expect(win.options).toMatchObject({ kiosk: true, webPreferences: { devTools: false, preload: '/p.cjs', partition: 'persist:workstation' } });
    expect(win.isProtected).toBe(true);
    expect(win.webContents.url).toBe('app://bundle/index.html#/reading/3');
    expect(callers.get(win.webContents.id)).toBe(caller);
    expect(room.isReadingWindow(win.webContents.id)).toBe(true);
    expect(room.isReadingWindow(owner.webContents.id)).toBe(false);
    expect(owner.webContents.back).toHaveBeenCalled();
    // Another case reuses the one window.
    goToReading('4');
    expect(electron.BrowserWindow.created.length).toBe(2);
    expect(win.webContents.url).toBe('app://bundle/index.html#/reading/4');
  });

  it('swallows Ctrl+P and the devtools keys, and prints only after an allowed reading.print', () => {
    const { room, goToReading, kiosk } = setup();
    goToReading('3');
    const win = kiosk();
    const event = { preventDefault: vi.fn() };
    win.webContents.emit('before-input-event', event, { type: 'keyDown', key: 'p', control: true, meta: false, shift: false, alt: false });
    win.webContents.emit('before-input-event', event, { type: 'keyDown', key: 'F12', control: false, meta: false, shift: false, alt: false });
    win.webContents.emit('before-input-event', event, { type: 'keyDown', key: 'ArrowRight', control: false, meta: false, shift: false, alt: false });
    expect(event.preventDefault).toHaveBeenCalledTimes(2);
    room.afterCall('reading.print', { ok: false, error: { code: 'forbidden', message: '不含打印' } }, win.webContents.id);
    expect(win.webContents.printed).toEqual([]);
    room.afterCall('reading.print', { ok: true, value: { pages: [1], watermark: 'x' } }, win.webContents.id);
    expect(win.webContents.printed).toHaveLength(1);
    expect(room.refuseFor('reading.page', 12345)).toMatchObject({ code: 'forbidden' });
    expect(room.refuseFor('reading.page', win.webContents.id)).toBeNull();
  });

  it('closes when its page leaves the reading route, keeping the login with the main window', () => {
    const { callers, caller, owner, room, goToReading, kiosk } = setup();
    goToReading('3');
    const win = kiosk();
    win.webContents.emit('did-navigate-in-page', {}, 'app://bundle/index.html#/cases/3/dossier', true);
    expect(win.destroyed).toBe(true);
    expect(callers.get(win.webContents.id)).toBeNull();
    expect(callers.get(owner.webContents.id)).toBe(caller);
    expect(caller.session.token).toBe('token');
    expect(room.isReadingWindow(win.webContents.id)).toBe(false);
  });

  it('closes with the main window', () => {
    const { owner, goToReading, kiosk } = setup();
    goToReading('3');
    const win = kiosk();
    owner.close();
    expect(win.destroyed).toBe(true);
  });
});
