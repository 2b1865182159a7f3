import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_MARGIN_MS, startIdleWatch } from '../../src/renderer/app/idleWatch';

const IDLE_MS = 30 * 60_000;

describe('idle watch', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  function setUp(isEnded: boolean) {
    let lastCall = 0;
    const asked = vi.fn(async () => isEnded);
    const ended = vi.fn();
    const watch = startIdleWatch(IDLE_MS, {
      now: () => Date.now(),
      lastCallAt: () => lastCall,
      isSessionEnded: asked,
      onEnded: ended,
    });
    const callNow = () => {
      lastCall = Date.now();
      watch.reschedule();
    };
    return { watch, asked, ended, callNow };
  }

  it('asks the core only after the idle limit has passed, and then reports the end', async () => {
    const { asked, ended } = setUp(true);
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(asked).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(IDLE_MARGIN_MS);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('starts counting again from each call', async () => {
    const { asked, callNow } = setUp(true);
    await vi.advanceTimersByTimeAsync(IDLE_MS - 60_000);
    callNow();
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(asked).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(IDLE_MARGIN_MS);
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('stays signed in when the core says the session is alive', async () => {
    const { asked, ended } = setUp(false);
    await vi.advanceTimersByTimeAsync(IDLE_MS + IDLE_MARGIN_MS);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(ended).not.toHaveBeenCalled();
    // It keeps watching, counting from its own check rather than asking again at once.
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(asked).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(IDLE_MARGIN_MS);
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('does nothing once stopped (signed out)', async () => {
    const { watch, asked } = setUp(true);
    watch.stop();
    await vi.advanceTimersByTimeAsync(2 * IDLE_MS);
    expect(asked).not.toHaveBeenCalled();
  });
});
