import { appendAudit } from '../audit/log';
import type { Handlers } from '../context';
import { CoreError } from '../errors';
import { checkFixity } from './fixity';

export const fixityHandlers: Pick<Handlers, 'fixity.run'> = {
  /** Each run and each finding is in the audit log; findings as their own entries so they can be filtered. */
  'fixity.run': {
    kind: 'change',
    access: 'fixity.run',
    runAsync: async (ctx) => {
      ctx.audit.target = 'file-store';
      const startedAt = ctx.nowIso;
      const { jobId, done } = ctx.jobs.start('fixity', ctx.user!.username, '校验存储文件', (control) =>
        checkFixity(ctx.db, ctx.vault, control, (finding) =>
          ctx.db.transaction(() =>
            appendAudit(ctx.db, {
              at: new Date().toISOString(),
              actor: ctx.user!.username,
              action: 'fixity.finding',
              target: `file:${finding.fileId}`,
              terminalId: ctx.terminalId,
              channel: ctx.caller.channel,
              outcome: 'failed',
              detail: finding.message,
            }),
          )(),
        ),
        ctx.requestedJobId,
      );
      const outcome = await done;
      if (outcome.outcome !== 'ok' || !outcome.value) throw new CoreError('bad-request', outcome.message);
      const { checked, bytes, findings } = outcome.value;
      ctx.audit.detail = `校验 ${checked} 个文件（${(bytes / 2 ** 20).toFixed(1)} MB），${findings.length ? `发现 ${findings.length} 处问题` : '全部完好'}`;
      return { jobId, checked, bytes, findings, startedAt, finishedAt: new Date().toISOString() };
    },
  },
};
