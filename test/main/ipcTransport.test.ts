import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveEvent } from '../../src/contract';
import type { Core } from '../../src/core/types';

// The wiring is exercised against a stand-in for Electron's ipcMain and webContents, since the
// Electron binary is not available here; the decisions themselves are tested in ipc/dispatch.test.ts.
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (...args: any[]) => unknown>(),
  contents: new Map<number, { isDestroyed(): boolean; getURL(): string; send: ReturnType<typeof vi.fn> }>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (...args: any[]) => unknown) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  webContents: { fromId: (id: number) => electron.contents.get(id) },
}));

const { startIpcTransport } = await import('../../src/main/ipcTransport');
const { WindowCallers } = await import('../../src/main/ipc/sessions');

function setup() {
  let emit: (event: ArchiveEvent) => void = () => {};
  const unsubscribe = vi.fn();
  const core = {
    invoke: vi.fn(async () => ({ ok: true, value: 'done' })),
    onEvent: (listener: (event: ArchiveEvent) => void) => {
      emit = listener;
      return unsubscribe;
    },
  } as unknown as Core;
  const callers = new WindowCallers();
  const stop = startIpcTransport(core, callers, { devServerUrl: null }, () => {});
  return { core, callers, stop, unsubscribe, emit: (event: ArchiveEvent) => emit(event) };
}

beforeEach(() => {
  electron.handlers.clear();
  electron.contents.clear();
});

describe('startIpcTransport', () => {
  it('answers the app’s top frame and refuses its sub-frames', async () => {
    const { core, callers } = setup();
    const caller = callers.register(1);
    const mainFrame = { url: 'app://bundle/index.html', parent: null };
    const handler = electron.handlers.get('archive:invoke')!;
    const fromTop = { sender: { id: 1, mainFrame }, senderFrame: mainFrame };
    expect(await handler(fromTop, 'cases.list', {})).toEqual({ ok: true, value: 'done' });
    expect(core.invoke).toHaveBeenCalledWith('cases.list', {}, caller);

    const fromChild = { sender: { id: 1, mainFrame }, senderFrame: { url: 'app://bundle/index.html', parent: mainFrame } };
    expect(await handler(fromChild, 'cases.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fromGone = { sender: { id: 1, mainFrame }, senderFrame: null };
    expect(await handler(fromGone, 'cases.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.invoke).toHaveBeenCalledTimes(1);
  });

  it('forwards core events to app windows only', () => {
    const { callers, emit } = setup();
    const app = { isDestroyed: () => false, getURL: () => 'app://bundle/index.html', send: vi.fn() };
    const strayed = { isDestroyed: () => false, getURL: () => 'https://evil.example/', send: vi.fn() };
    const closed = { isDestroyed: () => true, getURL: () => 'app://bundle/index.html', send: vi.fn() };
    [app, strayed, closed].forEach((contents, i) => {
      electron.contents.set(i + 1, contents);
      callers.register(i + 1);
    });
    const event: ArchiveEvent = { type: 'job.progress', jobId: 'j1', label: '编制卷宗', done: 1, total: 3 };
    emit(event);
    expect(app.send).toHaveBeenCalledWith('archive:event', event);
    expect(strayed.send).not.toHaveBeenCalled();
    expect(closed.send).not.toHaveBeenCalled();
  });

  it('stops cleanly', () => {
    const { stop, unsubscribe } = setup();
    stop();
    expect(unsubscribe).toHaveBeenCalled();
    expect(electron.handlers.has('archive:invoke')).toBe(false);
  });
});
