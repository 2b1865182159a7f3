/** Events pushed from the core to the UI. */
export type ArchiveEvent =
  | { type: 'job.progress'; jobId: string; label: string; done: number; total: number }
  | { type: 'job.finished'; jobId: string; outcome: 'ok' | 'failed' | 'cancelled'; message: string }
  | { type: 'session.ended'; reason: 'idle' | 'logout' };
