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

  /** Only whoever started a job may stop it: one person's cancel must not undo another's work. */
  'jobs.cancel': {
    kind: 'change',
    access: 'signed-in',
    run: (ctx, req) => {
      ctx.audit.target = `job:${req.jobId}`;
      const job = ctx.jobs.list().find((j) => j.jobId === req.jobId);
      if (!job) throw new CoreError('not-found', '该任务已结束或不存在。');
      if (job.startedBy !== ctx.user!.username) throw new CoreError('forbidden', '只能取消自己发起的任务。');
      ctx.jobs.cancel(req.jobId);
      ctx.audit.detail = `取消 ${job.kind}`;
      return null;
    },
  },
};
