import { useEffect } from 'react';
import { call, getLastCallAt, onCall } from './api';
import { sessionEnded } from './bus';
import { isUnauthenticated } from '../components/apiErrors';

/**
 * The core ends a session after `idleMinutes` without a call, but it cannot tell the window. Once
 * that time has passed since this window's last call, ask the core whether the session is still
 * there; asking any earlier would itself keep it alive.
 */
export function useIdleWatch(idleMinutes: number): void {
  useEffect(() => {
    if (!(idleMinutes > 0)) return;
    const idleMs = idleMinutes * 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isActive = true;

    const schedule = () => {
      clearTimeout(timer);
      const due = getLastCallAt() + idleMs + 2_000 - Date.now();
      timer = setTimeout(check, Math.max(due, 1_000));
    };
    const check = async () => {
      if (Date.now() - getLastCallAt() < idleMs) {
        schedule();
        return;
      }
      try {
        const session = await call('auth.session');
        if (isActive && session === null) sessionEnded.emit('idle');
      } catch (error) {
        if (isActive && isUnauthenticated(error)) sessionEnded.emit('idle');
      }
    };

    schedule();
    const stop = onCall(schedule);
    return () => {
      isActive = false;
      clearTimeout(timer);
      stop();
    };
  }, [idleMinutes]);
}
