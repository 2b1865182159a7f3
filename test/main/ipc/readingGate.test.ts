import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/contract';
import type { Caller } from '../../../src/core/types';
import { createDispatch, type SenderInfo } from '../../../src/main/ipc/dispatch';
import { WindowCallers } from '../../../src/main/ipc/sessions';
import { readingCallRefusal, shouldPrintAfter } from '../../../src/main/security/readingRoom';

const READING_WINDOW = 9;

function setup() {
  const callers = new WindowCallers();
  const caller = callers.register(7);
  callers.share(7, READING_WINDOW);
  const invoke = vi.fn(async (_m: string, request: unknown, _c: Caller): Promise<Envelope<unknown>> => ({ ok: true, value: request }));
  const printed: number[] = [];
  const dispatch = createDispatch({
    invoke,
    callerFor: (id) => callers.get(id),
    trusted: { devServerUrl: null },
    refuseFor: (method, id) => readingCallRefusal(method, id === READING_WINDOW),
    afterCall: (method, result, id) => {
      if (shouldPrintAfter(method, result, id === READING_WINDOW)) printed.push(id);
    },
  });
  return { callers, caller, invoke, dispatch, printed };
}

const from = (webContentsId: number): SenderInfo => ({ frameUrl: 'app://bundle/index.html#/reading/1', isMainFrame: true, webContentsId });

describe('the reading room behind the IPC gate', () => {
  it('gives the kiosk window the main window’s very slot, and forgets only the window on release', () => {
    const { callers, caller } = setup();
    expect(callers.get(READING_WINDOW)).toBe(caller);
    expect(callers.share(42, 43)).toBeNull();
    callers.release(READING_WINDOW);
    expect(callers.get(READING_WINDOW)).toBeNull();
    expect(callers.get(7)).toBe(caller);
  });

  it('refuses page calls from the main window without asking the core', async () => {
    const { dispatch, invoke } = setup();
    expect(await dispatch(from(7), 'reading.page', { readingId: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoke).not.toHaveBeenCalled();
    expect(await dispatch(from(7), 'reading.close', { readingId: 'x' })).toMatchObject({ ok: true });
  });

  it('passes them from the reading window, with the shared caller, and prints only after reading.print', async () => {
    const { dispatch, invoke, caller, printed } = setup();
    expect(await dispatch(from(READING_WINDOW), 'reading.page', { readingId: 'x' })).toMatchObject({ ok: true });
    expect(invoke).toHaveBeenLastCalledWith('reading.page', { readingId: 'x' }, caller);
    expect(printed).toEqual([]);
    await dispatch(from(READING_WINDOW), 'reading.print', { readingId: 'x', pages: [1] });
    expect(printed).toEqual([READING_WINDOW]);
  });

  it('returns the core’s answer even when the follow-up fails', async () => {
    const callers = new WindowCallers();
    callers.register(7);
    const log = vi.fn();
    const dispatch = createDispatch({
      invoke: async () => ({ ok: true, value: 1 }),
      callerFor: (id) => callers.get(id),
      trusted: { devServerUrl: null },
      log,
      afterCall: () => {
        throw new Error('no printer');
      },
    });
    expect(await dispatch(from(7), 'cases.list', {})).toEqual({ ok: true, value: 1 });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('no printer'));
  });
});
