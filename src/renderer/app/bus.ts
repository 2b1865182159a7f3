/**
 * Query and mutation caches live outside React; these two channels carry what they learn (a
 * failure to show, a session that ended) to the components that can act on it.
 */
type Listener<T> = (value: T) => void;

function channel<T>() {
  const listeners = new Set<Listener<T>>();
  return {
    emit(value: T) {
      for (const listener of listeners) listener(value);
    },
    subscribe(listener: Listener<T>) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type SessionEndReason = 'idle' | 'logout' | 'unauthenticated';

export const failures = channel<unknown>();
export const sessionEnded = channel<SessionEndReason>();
