import { randomUUID } from 'node:crypto';
import type { ArchiveEvent } from '../../contract';
import { CoreError } from '../errors';

export interface JobProgress {
  done: number;
  total: number;
  label: string;
}

export interface JobControl {
  /** Aborted when the user cancels; long work checks it between steps and passes it down. */
  signal: AbortSignal;
  progress(done: number, total: number, label: string): void;
}

export interface JobInfo {
  jobId: string;
  kind: string;
  startedBy: string;
  progress: JobProgress;
}

export interface JobOutcome<T> {
  jobId: string;
  outcome: 'ok' | 'failed' | 'cancelled';
  value?: T;
  message: string;
}

/** The message a cancelled job ends with; work that notices the signal throws this. */
export function cancelledError(): CoreError {
  return new CoreError('bad-request', '操作已取消，未保存任何结果。');
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError();
}

/**
 * Long work (scan, OCR, compile, sign, wipe, fixity) runs as a job: it reports progress as events,
 * can be cancelled, and always ends in exactly one `job.finished` event. The work itself is
 * responsible for leaving a clean end state (temporary files removed, no half-written rows); the
 * runner guarantees the bookkeeping and that progress events are throttled to what a UI can draw.
 */
/** How long a cancel that came before its job is remembered. */
const EARLY_CANCEL_MS = 5 * 60_000;

export class JobRunner {
  private readonly running = new Map<string, { info: JobInfo; controller: AbortController; lastEmit: number }>();
  /**
   * Cancels that arrived before their job: the caller chose the id, so its cancel can overtake the
   * call that starts the work (two requests in flight). Kept briefly, by who asked.
   */
  private readonly cancelledEarly = new Map<string, { by: string; at: number }>();

  constructor(
    private readonly emit: (event: ArchiveEvent) => void,
    private readonly throttleMs = 100,
  ) {}

  /**
   * `requestedId` is the caller's own id for the job (so it can follow the job's events from the
   * start); a new UUID otherwise. An id already running is refused rather than shared.
   */
  start<T>(
    kind: string,
    startedBy: string,
    label: string,
    work: (control: JobControl) => Promise<T>,
    requestedId?: string,
  ): { jobId: string; done: Promise<JobOutcome<T>> } {
    if (requestedId && this.running.has(requestedId)) throw new CoreError('conflict', '该任务编号已有任务在运行，请重新发起操作。');
    const jobId = requestedId ?? randomUUID();
    const controller = new AbortController();
    const early = requestedId ? this.cancelledEarly.get(requestedId) : undefined;
    if (early) {
      this.cancelledEarly.delete(jobId);
      // Only its starter's cancel counts; the work then sees the signal at its first check.
      if (early.by === startedBy) controller.abort();
    }
    const entry = { info: { jobId, kind, startedBy, progress: { done: 0, total: 0, label } }, controller, lastEmit: 0, lastStep: '' };
    this.running.set(jobId, entry);
    const control: JobControl = {
      signal: controller.signal,
      progress: (done, total, stepLabel) => {
        entry.info.progress = { done, total, label: stepLabel };
        const now = Date.now();
        // A new step (the label apart from its numbers: 写入 PDF 第 N 页 → 签章) is shown at once, never throttled away.
        const step = stepLabel.replace(/\d+/g, '#');
        if (done === total || step !== entry.lastStep || now - entry.lastEmit >= this.throttleMs) {
          entry.lastEmit = now;
          entry.lastStep = step;
          this.emit({ type: 'job.progress', jobId, label: stepLabel, done, total });
        }
      },
    };
    const done = (async (): Promise<JobOutcome<T>> => {
      try {
        const value = await work(control);
        if (controller.signal.aborted) return this.finish(jobId, { jobId, outcome: 'cancelled', message: cancelledError().message });
        return this.finish(jobId, { jobId, outcome: 'ok', value, message: '已完成' });
      } catch (error) {
        if (controller.signal.aborted) return this.finish(jobId, { jobId, outcome: 'cancelled', message: cancelledError().message });
        const message = error instanceof CoreError ? error.message : `操作失败：${(error as Error)?.message ?? String(error)}`;
        return this.finish(jobId, { jobId, outcome: 'failed', message });
      }
    })();
    return { jobId, done };
  }

  cancel(jobId: string): boolean {
    const entry = this.running.get(jobId);
    if (!entry) return false;
    entry.controller.abort();
    return true;
  }

  /**
   * A cancel for a job id the caller chose and whose job has not started yet (its start is still on
   * its way). Ids are UUIDs and never reused, so a cancel for a job that already ended does nothing.
   */
  cancelBeforeStart(jobId: string, by: string, now = Date.now()): void {
    for (const [id, entry] of this.cancelledEarly) if (now - entry.at > EARLY_CANCEL_MS) this.cancelledEarly.delete(id);
    this.cancelledEarly.set(jobId, { by, at: now });
  }

  list(): JobInfo[] {
    return [...this.running.values()].map((e) => ({ ...e.info, progress: { ...e.info.progress } }));
  }

  /** On shutdown: ask every job to stop; each still cleans up after itself. */
  cancelAll(): void {
    for (const id of this.running.keys()) this.cancel(id);
  }

  private finish<T>(jobId: string, outcome: JobOutcome<T>): JobOutcome<T> {
    this.running.delete(jobId);
    this.emit({ type: 'job.finished', jobId, outcome: outcome.outcome, message: outcome.message });
    return outcome;
  }
}
