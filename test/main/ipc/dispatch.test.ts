import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type Envelope } from '../../../src/contract';
import type { Caller } from '../../../src/core/types';
import { createDispatch, type SenderInfo } from '../../../src/main/ipc/dispatch';
import { WindowCallers } from '../../../src/main/ipc/sessions';

function setup(devServerUrl: string | null = null) {
  const callers = new WindowCallers();
  const caller = callers.register(7);
  const invoke = vi.fn(async (_method: string, request: unknown, _caller: Caller): Promise<Envelope<unknown>> => ({
    ok: true,
    value: request,
  }));
  const log = vi.fn();
  const dispatch = createDispatch({ invoke, callerFor: (id) => callers.get(id), trusted: { devServerUrl }, log });
  return { dispatch, invoke, caller, log };
}

const fromApp: SenderInfo = { frameUrl: 'app://bundle/index.html', isMainFrame: true, webContentsId: 7 };

describe('createDispatch', () => {
  it('passes a known method to the core with the window’s own caller', async () => {
    const { dispatch, invoke, caller } = setup();
    const result = await dispatch(fromApp, 'cases.list', { query: '烟' });
    expect(result).toEqual({ ok: true, value: { query: '烟' } });
    expect(invoke).toHaveBeenCalledWith('cases.list', { query: '烟' }, caller);
    expect(caller.channel).toBe('app');
  });

  it('sends an empty request when the renderer sends none', async () => {
    const { dispatch, invoke } = setup();
    await dispatch(fromApp, 'auth.session', undefined);
    expect(invoke).toHaveBeenCalledWith('auth.session', {}, expect.anything());
  });

  it('refuses senders outside the app origin without reaching the core', async () => {
    const { dispatch, invoke, log } = setup();
    for (const frameUrl of ['https://evil.example/', 'file:///tmp/x.html', 'http://localhost:5173/', 'app://other/', null]) {
      const result = await dispatch({ ...fromApp, frameUrl }, 'auth.login', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(invoke).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('refuses sub-frames, even of the app origin', async () => {
    const { dispatch, invoke } = setup();
    expect(await dispatch({ ...fromApp, isMainFrame: false }, 'cases.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('accepts the dev server only when it is the configured one', async () => {
    const { dispatch, invoke } = setup('http://localhost:5173');
    const dev = { ...fromApp, frameUrl: 'http://localhost:5173/#/cases' };
    expect(await dispatch(dev, 'cases.list', {})).toMatchObject({ ok: true });
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('refuses windows main did not create', async () => {
    const { dispatch, invoke } = setup();
    expect(await dispatch({ ...fromApp, webContentsId: 8 }, 'cases.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses names outside the method list', async () => {
    const { dispatch, invoke } = setup();
    for (const method of ['cases.drop', '__proto__', 'constructor', 42, undefined, { toString: () => 'cases.list' }]) {
      expect(await dispatch(fromApp, method, {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(invoke).not.toHaveBeenCalled();
  });

  it('accepts every method of the list', async () => {
    const { dispatch } = setup();
    for (const method of METHOD_NAMES) expect(await dispatch(fromApp, method, {})).toMatchObject({ ok: true });
  });

  it('turns a throwing core into an internal error envelope', async () => {
    const { dispatch, invoke } = setup();
    invoke.mockRejectedValueOnce(new Error('disk I/O error'));
    const result = await dispatch(fromApp, 'cases.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('disk I/O');
  });
});

describe('WindowCallers', () => {
  it('gives each window its own session slot and forgets it on release', () => {
    const callers = new WindowCallers();
    const a = callers.register(1);
    const b = callers.register(2);
    a.session.token = 'secret';
    expect(b.session.token).toBeNull();
    expect(callers.get(1)).toBe(a);
    expect(callers.ids()).toEqual([1, 2]);
    expect(callers.release(1)).toBe(a);
    expect(callers.get(1)).toBeNull();
    expect(callers.release(1)).toBeNull();
    expect(callers.ids()).toEqual([2]);
  });
});
