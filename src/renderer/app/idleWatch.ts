/**
 * The core ends a session after `idleMinutes` without a call, but it cannot tell the window. Once
 * that time has passed since this window's last call, ask the core whether the session is still
 * there; asking any earlier would itself keep it alive.
 */
export interface IdleWatchDeps {
  now(): number;
  lastCallAt(): number;
  /** Asks the core; resolves true when the session has ended. */
  isSessionEnded(): Promise<boolean>;
  onEnded(): void;
}

/** Margin past the core's limit, so that the check lands after the session has really expired. */
export const IDLE_MARGIN_MS = 2_000;

export function startIdleWatch(idleMs: number, deps: IdleWatchDeps): { reschedule(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isStopped = false;
  // The check is itself a call that keeps the session alive, so the next one counts from it.
  let lastCheckAt = Number.NEGATIVE_INFINITY;
  const lastActivity = () => Math.max(deps.lastCallAt(), lastCheckAt);

  const reschedule = () => {
    if (isStopped) return;
    clearTimeout(timer);
    const due = lastActivity() + idleMs + IDLE_MARGIN_MS - deps.now();
    timer = setTimeout(() => void check(), Math.max(due, 1_000));
  };

  const check = async () => {
    if (isStopped) return;
    if (deps.now() - lastActivity() < idleMs) {
      reschedule();
      return;
    }
    lastCheckAt = deps.now();
    const isEnded = await deps.isSessionEnded();
    if (isStopped) return;
    if (isEnded) deps.onEnded();
    else reschedule();
  };

  reschedule();
  return {
    reschedule,
    stop: () => {
      isStopped = true;
      clearTimeout(timer);
    },
  };
}
