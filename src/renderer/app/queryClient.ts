import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiFailure } from '../../contract';
import { isUnauthenticated } from '../components/apiErrors';
import { failures, sessionEnded } from './bus';

export const SESSION_KEY = ['auth.session'] as const;
export const SETUP_KEY = ['setup.status'] as const;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthenticated(error)) sessionEnded.emit('unauthenticated');
        else failures.emit(error);
      },
    }),
    mutationCache: new MutationCache({
      // Mutations show their own errors next to the form; only a lost session is handled here.
      onError: (error) => {
        if (isUnauthenticated(error)) sessionEnded.emit('unauthenticated');
      },
    }),
    defaultOptions: {
      queries: {
        // A refusal from the core will not change on retry; only transport hiccups are retried.
        retry: (count, error) => !(error instanceof ApiFailure) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 15_000,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * Forget everything the previous user could see before the next one signs in. The session query is
 * updated in place, not removed: the boot screen observes it, and a removed query would leave that
 * observer watching a detached copy.
 */
export function resetForSession(client: QueryClient, session: unknown): void {
  const kept = new Set<unknown>([SETUP_KEY[0], SESSION_KEY[0]]);
  client.removeQueries({ predicate: (query) => !kept.has(query.queryKey[0]) });
  client.setQueryData(SESSION_KEY, session);
}
