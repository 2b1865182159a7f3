import { cancelledError } from '../../jobs/jobs';

export interface PoolHooks<W> {
  /** Starts one worker (a tesseract.js thread takes ~0.5–1 s: it is kept for the next page). */
  create(): Promise<W>;
  /** Stops a worker and resolves once it is gone: cancel and close wait for this. */
  destroy(worker: W): Promise<void>;
  /** A worker that failed (its thread died) is replaced rather than handed the next page. */
  isUsable?(worker: W): boolean;
}

interface Job<W> {
  task: (worker: W) => Promise<unknown>;
  signal?: AbortSignal;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot<W> {
  worker?: W;
  busy: boolean;
}

/**
 * A fixed number of workers, started on first need, each running one page at a time. Cancelling a
 * page stops its worker (tesseract.js cannot interrupt a recognition in progress, and a native
 * process must not outlive its job) and frees the slot only once the worker is gone, so there are
 * never more workers than `size` and a cancelled job leaves none behind.
 */
export class WorkerPool<W> {
  private readonly slots: Slot<W>[];
  private readonly queue: Job<W>[] = [];
  private closed = false;
  private readonly stopping = new Set<Promise<void>>();
  /** Interrupts for the pages in progress, so that close() ends them too. */
  private readonly running = new Set<(error: unknown) => void>();
  private readonly executing = new Set<Promise<void>>();

  readonly size: number;

  constructor(
    size: number,
    private readonly hooks: PoolHooks<W>,
    private readonly closedError: () => Error,
  ) {
    this.size = Number.isFinite(size) ? Math.max(1, Math.floor(size)) : 1;
    this.slots = Array.from({ length: this.size }, () => ({ busy: false }));
  }

  run<T>(task: (worker: W) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(this.closedError());
    if (signal?.aborted) return Promise.reject(cancelledError());
    return new Promise<T>((resolve, reject) => {
      const job: Job<W> = { task, signal, resolve: resolve as (v: unknown) => void, reject };
      const onQueuedAbort = () => {
        const i = this.queue.indexOf(job);
        if (i >= 0) {
          this.queue.splice(i, 1);
          reject(cancelledError());
        }
      };
      signal?.addEventListener('abort', onQueuedAbort, { once: true });
      job.resolve = (v) => {
        signal?.removeEventListener('abort', onQueuedAbort);
        resolve(v as T);
      };
      job.reject = (e) => {
        signal?.removeEventListener('abort', onQueuedAbort);
        reject(e);
      };
      this.queue.push(job);
      this.pump();
    });
  }

  /** Workers alive now (started and not yet stopped). */
  get liveWorkers(): number {
    return this.slots.filter((s) => s.worker !== undefined).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(this.closedError());
    for (const interrupt of this.running) interrupt(this.closedError());
    const workers = this.slots.flatMap((s) => (s.worker === undefined ? [] : [s.worker]));
    for (const slot of this.slots) slot.worker = undefined;
    await Promise.allSettled(workers.map((w) => this.hooks.destroy(w)));
    // Pages whose worker was still starting or stopping finish their clean-up before close resolves.
    await Promise.allSettled([...this.executing]);
    await Promise.allSettled([...this.stopping]);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.closed || !this.queue.length) return;
      if (!slot.busy) {
        const done: Promise<void> = this.execute(slot, this.queue.shift()!).finally(() => this.executing.delete(done));
        this.executing.add(done);
      }
    }
  }

  private async execute(slot: Slot<W>, job: Job<W>): Promise<void> {
    slot.busy = true;
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    // 'starting': replacing or creating the slot's worker; 'running': the page is on `worker`.
    let phase: 'starting' | 'running' = 'starting';
    let worker: W | undefined;
    let cancelRequested = false;
    // Resolves once a cancelled page's worker is gone; the slot is reused only after that.
    let stopped: Promise<void> | undefined;
    // A terminated tesseract.js worker never settles its pending recognition: race it with this.
    let interrupt!: (error: unknown) => void;
    const interrupted = new Promise<never>((_, reject) => (interrupt = reject));
    interrupted.catch(() => undefined);
    const onClose = (error: unknown) => {
      interrupt(error);
      settle(() => job.reject(error));
    };
    const onAbort = () => {
      if (cancelRequested) return;
      cancelRequested = true;
      // While starting, the start-up path below stops the new worker and then reports the cancel.
      if (phase !== 'running' || worker === undefined) return;
      interrupt(cancelledError());
      const victim = worker;
      if (slot.worker === victim) slot.worker = undefined;
      stopped = this.track(this.hooks.destroy(victim));
      // The caller hears of the cancel once the worker is gone: nothing is left running by then.
      void stopped.then(() => settle(() => job.reject(cancelledError())));
    };
    this.running.add(onClose);
    job.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (job.signal?.aborted) return settle(() => job.reject(cancelledError()));
      if (slot.worker !== undefined && this.hooks.isUsable?.(slot.worker) === false) {
        const broken = slot.worker;
        slot.worker = undefined;
        await this.track(this.hooks.destroy(broken));
      }
      if (slot.worker === undefined) {
        const created = await this.hooks.create();
        if (cancelRequested || this.closed) {
          // Cancelled or closed while the worker was starting: it never serves anyone.
          await this.track(this.hooks.destroy(created));
          settle(() => job.reject(this.closed ? this.closedError() : cancelledError()));
          return;
        }
        slot.worker = created;
      } else if (cancelRequested) {
        return settle(() => job.reject(cancelledError()));
      }
      worker = slot.worker;
      phase = 'running';
      const value = await Promise.race([job.task(worker), interrupted]);
      settle(() => job.resolve(value));
    } catch (error) {
      // A cancelled page is reported by onAbort once its worker is gone, not by the interrupt.
      if (!stopped) settle(() => job.reject(error));
    } finally {
      job.signal?.removeEventListener('abort', onAbort);
      this.running.delete(onClose);
      if (stopped) await stopped;
      slot.busy = false;
      this.pump();
    }
  }

  private track(p: Promise<void>): Promise<void> {
    const tracked = p.catch(() => undefined).finally(() => this.stopping.delete(tracked));
    this.stopping.add(tracked);
    return tracked;
  }
}
