import { useEffect } from 'react';
import { isUnauthenticated } from '../components/apiErrors';
import { call, getLastCallAt, onCall } from './api';
import { sessionEnded } from './bus';
import { startIdleWatch } from './idleWatch';

/** Returns to the login screen once the core has ended this window's session for idleness. */
export function useIdleWatch(idleMinutes: number): void {
  useEffect(() => {
    if (!(idleMinutes > 0)) return;
    const watch = startIdleWatch(idleMinutes * 60_000, {
      now: () => Date.now(),
      lastCallAt: getLastCallAt,
      isSessionEnded: async () => {
        try {
          return (await call('auth.session')) === null;
        } catch (error) {
          return isUnauthenticated(error);
        }
      },
      onEnded: () => sessionEnded.emit('idle'),
    });
    const stopListening = onCall(watch.reschedule);
    return () => {
      stopListening();
      watch.stop();
    };
  }, [idleMinutes]);
}
