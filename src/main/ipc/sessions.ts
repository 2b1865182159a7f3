import type { Caller } from '../../core/types';

/**
 * One session slot per window. The token lives here in main and never reaches the page, so script
 * in the renderer cannot read or replay it; closing a window forgets its slot.
 */
export class WindowCallers {
  readonly #callers = new Map<number, Caller>();

  register(webContentsId: number): Caller {
    const caller: Caller = { channel: 'app', session: { token: null } };
    this.#callers.set(webContentsId, caller);
    return caller;
  }

  /**
   * A second window of the same login (the reading room's kiosk window): it gets the very same slot,
   * so a logout in either ends both. Null when the first window is unknown.
   */
  share(existingWebContentsId: number, webContentsId: number): Caller | null {
    const caller = this.#callers.get(existingWebContentsId);
    if (!caller) return null;
    this.#callers.set(webContentsId, caller);
    return caller;
  }

  get(webContentsId: number): Caller | null {
    return this.#callers.get(webContentsId) ?? null;
  }

  /** Forgets the window and returns its caller, so a signed-in session can be logged out. */
  release(webContentsId: number): Caller | null {
    const caller = this.#callers.get(webContentsId) ?? null;
    this.#callers.delete(webContentsId);
    return caller;
  }

  ids(): number[] {
    return [...this.#callers.keys()];
  }
}
