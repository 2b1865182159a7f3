import { describe, expect, it } from 'vitest';
import type { ArchiveEvent } from '../../../src/contract';
import { CoreError } from '../../../src/core/errors';
import { JobRunner, throwIfCancelled } from '../../../src/core/jobs/jobs';

const tick = () => new Promise((r) => setTimeout(r, 5));

function runner() {
  const events: ArchiveEvent[] = [];
  return { events, jobs: new JobRunner((e) => events.push(e), 0) };
}

describe('jobs', () => {
  it('reports progress and ends with exactly one finished event', async () => {
    const { events, jobs } = runner();
    const { jobId, done } = jobs.start('scan', 'chen', '转换', async (c) => {
      for (let i = 1; i <= 3; i++) {
        await tick();
        c.progress(i, 3, `第 ${i} 页`);
      }
      return 42;
    });
    expect(jobs.list()).toMatchObject([{ jobId, kind: 'scan', startedBy: 'chen' }]);
    expect(await done).toMatchObject({ outcome: 'ok', value: 42 });
    expect(events.filter((e) => e.type === 'job.progress').map((e) => (e as { done: number }).done)).toEqual([1, 2, 3]);
    expect(events.filter((e) => e.type === 'job.finished')).toEqual([{ type: 'job.finished', jobId, outcome: 'ok', message: '已完成' }]);
    expect(jobs.list()).toEqual([]);
  });

  it('cancels: the work sees the signal and the job ends cancelled', async () => {
    const { events, jobs } = runner();
    let cleanedUp = false;
    const { jobId, done } = jobs.start('fixity', 'chen', '校验', async (c) => {
      try {
        for (;;) {
          await tick();
          throwIfCancelled(c.signal);
        }
      } finally {
        cleanedUp = true;
      }
    });
    await tick();
    expect(jobs.cancel(jobId)).toBe(true);
    expect(await done).toMatchObject({ outcome: 'cancelled', message: expect.stringContaining('已取消') });
    expect(cleanedUp).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'job.finished', outcome: 'cancelled' });
    expect(jobs.cancel(jobId)).toBe(false);
  });

  it('honours a cancel that overtook its start, only from the one who starts it', async () => {
    const { jobs } = runner();
    const id = '6f1d2c3b-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
    jobs.cancelBeforeStart(id, 'chen');
    let sawSignal = false;
    const work = async (c: { signal: AbortSignal }) => {
      sawSignal = c.signal.aborted;
      throwIfCancelled(c.signal);
      return 1;
    };
    expect(await jobs.start('compile', 'chen', '组卷', work, id).done).toMatchObject({ outcome: 'cancelled' });
    expect(sawSignal).toBe(true);
    // Used up: the same id started again (it never is, ids are UUIDs) is not cancelled by it.
    expect(await jobs.start('compile', 'chen', '组卷', work, id).done).toMatchObject({ outcome: 'ok' });

    // Someone else's cancel for an id does not stop the job of the person who starts it.
    const other = '7a1d2c3b-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
    jobs.cancelBeforeStart(other, 'wang');
    expect(await jobs.start('compile', 'chen', '组卷', work, other).done).toMatchObject({ outcome: 'ok' });

    // Forgotten after five minutes.
    const late = '8b1d2c3b-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
    jobs.cancelBeforeStart(late, 'chen', Date.now() - 6 * 60_000);
    jobs.cancelBeforeStart('9c1d2c3b-1a2b-4c3d-8e4f-5a6b7c8d9e0f', 'chen');
    expect(await jobs.start('compile', 'chen', '组卷', work, late).done).toMatchObject({ outcome: 'ok' });
  });

  it('turns a failure into a Chinese message and keeps the runner usable', async () => {
    const { jobs } = runner();
    expect(await jobs.start('scan', 'chen', 'x', async () => Promise.reject(new CoreError('bad-request', '文件 a.jpg 已损坏'))).done).toMatchObject({
      outcome: 'failed',
      message: '文件 a.jpg 已损坏',
    });
    expect(await jobs.start('scan', 'chen', 'x', async () => Promise.reject(new Error('EIO'))).done).toMatchObject({
      outcome: 'failed',
      message: '操作失败：EIO',
    });
    expect(await jobs.start('scan', 'chen', 'x', async () => 'ok').done).toMatchObject({ outcome: 'ok' });
  });

  it('throttles progress events but always sends the last one', async () => {
    const events: ArchiveEvent[] = [];
    const jobs = new JobRunner((e) => events.push(e), 10_000);
    await jobs.start('scan', 'chen', 'x', async (c) => {
      for (let i = 1; i <= 100; i++) c.progress(i, 100, 'p');
    }).done;
    expect(events.filter((e) => e.type === 'job.progress').map((e) => (e as { done: number }).done)).toEqual([1, 100]);
  });

  it('shows a new step at once, whatever the throttle: 写入 PDF 第 N 页 then 签章', async () => {
    const events: ArchiveEvent[] = [];
    const jobs = new JobRunner((e) => events.push(e), 10_000);
    await jobs.start('scan', 'chen', 'x', async (c) => {
      for (let i = 1; i <= 50; i++) c.progress(i, 50, `写入 PDF 第 ${i} 页`);
      c.progress(0, 1, '签章');
    }).done;
    expect(events.filter((e) => e.type === 'job.progress').map((e) => (e as { label: string }).label)).toEqual(['写入 PDF 第 1 页', '写入 PDF 第 50 页', '签章']);
  });
});
