import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { Caller, SessionSlot } from '../core/types';
import { readCookie } from './http';

export const SESSION_COOKIE = 'dossier_web';

/** One session slot per browser, keyed by an unguessable HttpOnly cookie the page script never sees. */
export class SessionSlots {
  private readonly sessions = new Map<string, SessionSlot>();

  /**
   * @param maxSessions most slots kept at once; the least recently used one is forgotten first.
   * @param onForget called with the id of each slot forgotten that way (its staged uploads go too).
   */
  constructor(
    private readonly maxSessions: number,
    private readonly onForget: (id: string) => void,
  ) {}

  sessionFor(req: http.IncomingMessage, res: http.ServerResponse): { id: string; caller: Caller } {
    const id = readCookie(req.headers.cookie, SESSION_COOKIE);
    let slot = id ? this.sessions.get(id) : undefined;
    if (id && slot) {
      // Map order doubles as recency, so eviction drops the browser idle the longest.
      this.sessions.delete(id);
      this.sessions.set(id, slot);
      return { id, caller: { channel: 'web', session: slot } };
    }
    const newId = randomBytes(32).toString('base64url');
    slot = { token: null };
    this.sessions.set(newId, slot);
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
      this.onForget(oldest);
    }
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${newId}; HttpOnly; SameSite=Strict; Path=/`);
    return { id: newId, caller: { channel: 'web', session: slot } };
  }

  callerFor(req: http.IncomingMessage, res: http.ServerResponse): Caller {
    return this.sessionFor(req, res).caller;
  }
}
