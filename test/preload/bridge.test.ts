import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type ArchiveEvent } from '../../src/contract';
import * as mainChannels from '../../src/main/ipc/channels';
import { buildBridge } from '../../src/preload/bridge';
import * as preloadChannels from '../../src/preload/channels';

type Listener = (event: ArchiveEvent) => void;

function setup() {
  const listeners = new Set<Listener>();
  const invoke = vi.fn(async (method: string, request: unknown) => ({ ok: true, value: { method, request } }));
  const subscribe = vi.fn((listener: Listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
  const pathForFile = vi.fn((file: { name: string }) => (file.name === 'remote.jpg' ? '' : `/scans/${file.name}`));
  const bridge = buildBridge(invoke, subscribe, pathForFile);
  const emit = (event: ArchiveEvent) => listeners.forEach((listener) => listener(event));
  return { bridge, invoke, subscribe, listeners, emit };
}

describe('buildBridge', () => {
  it('exposes exactly the method list plus onEvent and file staging', () => {
    const { bridge } = setup();
    const exposed = Object.entries(bridge).flatMap(([ns, value]) =>
      typeof value !== 'object' ? [ns] : Object.keys(value as object).map((verb) => `${ns}.${verb}`),
    );
    expect(exposed.sort()).toEqual([...METHOD_NAMES, 'onEvent', 'stageFiles', 'canStageFolders'].sort());
    expect(bridge.canStageFolders).toBe(true);
  });

  it('stages dropped files (and folders) as their own paths, and refuses a file that is not on disk', async () => {
    const { bridge, invoke } = setup();
    expect(await bridge.stageFiles([{ name: '001.jpg', size: 3 }, { name: '询问笔录', size: 0 }])).toEqual({
      ok: true,
      value: ['/scans/001.jpg', '/scans/询问笔录'],
    });
    const refused = await bridge.stageFiles([{ name: '001.jpg', size: 3 }, { name: 'remote.jpg', size: 3 }]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(refused.ok ? '' : refused.error.message).toContain('remote.jpg');
    expect(invoke).not.toHaveBeenCalled();
  });

  it('leaks no IPC objects or channel names', () => {
    const { bridge } = setup();
    const keys = Object.keys(bridge);
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'on', 'require', 'process']) expect(keys).not.toContain(forbidden);
  });

  it('calls invoke with the method name and request', async () => {
    const { bridge, invoke } = setup();
    const result = await bridge.cases.get({ caseId: 'c1' } as never);
    expect(invoke).toHaveBeenCalledWith('cases.get', { caseId: 'c1' });
    expect(result).toEqual({ ok: true, value: { method: 'cases.get', request: { caseId: 'c1' } } });
    await bridge.auth.session();
    expect(invoke).toHaveBeenLastCalledWith('auth.session', {});
  });

  it('turns a failed IPC call into a Chinese internal-error envelope', async () => {
    const { bridge, invoke } = setup();
    invoke.mockRejectedValueOnce(new Error("No handler registered for 'archive:invoke'"));
    const result = await bridge.auth.session();
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(result.ok ? '' : result.error.message).toMatch(/工作站主进程/);
  });

  it('delivers events and unsubscribes', () => {
    const { bridge, emit, listeners } = setup();
    const seen: ArchiveEvent[] = [];
    const unsubscribe = bridge.onEvent((event) => seen.push(event));
    const event: ArchiveEvent = { type: 'session.ended', reason: 'idle' };
    emit(event);
    expect(seen).toEqual([event]);
    unsubscribe();
    expect(listeners.size).toBe(0);
    emit(event);
    expect(seen).toHaveLength(1);
  });

  it('keeps one throwing listener from silencing the others', () => {
    const { bridge, emit } = setup();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    bridge.onEvent(() => {
      throw new Error('boom');
    });
    bridge.onEvent((event) => seen.push(event.type));
    emit({ type: 'job.finished', jobId: 'j', outcome: 'ok', message: '完成' });
    expect(seen).toEqual(['job.finished']);
    errors.mockRestore();
  });

  it('rejects a non-function listener', () => {
    const { bridge } = setup();
    expect(() => bridge.onEvent('nope' as never)).toThrow(TypeError);
  });
});

describe('channels', () => {
  it('agree between main and preload', () => {
    expect(preloadChannels).toEqual(mainChannels);
  });
});
