/** Queries that a change to a borrowing request makes stale: every list of requests. */
export const ACCESS_LIST_KEY = ['access.list'] as const;
