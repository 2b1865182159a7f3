import type { Context } from '../context';
import { CoreError } from '../errors';
import type { JobControl } from './jobs';

/** Runs long work as the caller's job (their jobId if they chose one) and returns its value or its reason. */
export async function asJob<T>(ctx: Context, kind: string, label: string, work: (control: JobControl) => Promise<T>): Promise<{ jobId: string; value: T }> {
  const { jobId, done } = ctx.jobs.start(kind, ctx.user!.username, label, work, ctx.requestedJobId);
  const outcome = await done;
  if (outcome.outcome !== 'ok' || outcome.value === undefined) throw new CoreError('bad-request', outcome.message);
  return { jobId, value: outcome.value };
}
