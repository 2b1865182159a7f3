import type { Handlers } from '../context';
import { CoreError } from '../errors';

export const jobHandlers: Pick<Handlers, 'jobs.list' | 'jobs.cancel'> = {
  'jobs.list': {
    kind: 'read',
    access: 'signed-in',
    run: (ctx) =>
      ctx.jobs
        .list()
        .filter((j) => j.startedBy === ctx.user!.username)
        .map((j) => ({ jobId: j.jobId, kind: j.kind, startedBy: j.startedBy, ...j.progress })),
  },

  /**
   * Only whoever started a job may stop it: one person's cancel must not undo another's work. A cancel
   * may overtake its job's start (the id is the caller's); it is then kept for that caller's start.
   */
  'jobs.cancel': {
    kind: 'change',
    access: 'signed-in',
    run: (ctx, req) => {
      ctx.audit.target = `job:${req.jobId}`;
      const job = ctx.jobs.list().find((j) => j.jobId === req.jobId);
      if (!job) {
        // The caller's own id, cancelled before its start arrived: the job ends at its first check.
        ctx.jobs.cancelBeforeStart(req.jobId, ctx.user!.username);
        ctx.audit.detail = '取消尚未开始的任务';
        return null;
      }
      if (job.startedBy !== ctx.user!.username) throw new CoreError('forbidden', '只能取消自己发起的任务。');
      ctx.jobs.cancel(req.jobId);
      ctx.audit.detail = `取消 ${job.kind}`;
      return null;
    },
  },
};
