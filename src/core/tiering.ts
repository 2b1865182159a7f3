import v8 from 'node:v8';

/**
 * V8's default: a function is optimized (TurboFan) after about 3 × 67 584 units of interpreted
 * work. The core's jobs are short bursts of much JavaScript run a few hundred times (pdfkit per
 * page, fontkit's font tables, the CFF subset): in a 300-page dossier compile V8's background
 * threads spent ~0.6 s of CPU optimizing code that then ran for a second, on a two-core machine
 * where the writer and hashing threads need that core (decision 0019). Ten times the budget:
 * code that runs long (a 1 000-page conversion, a large audit verification) is still optimized.
 */
export const INTERRUPT_BUDGET = 10 * 67_584;

let applied = false;

/** Process-wide and once: the hosts (app, CLI, web host) all start through createCore. */
export function tierUpLater(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
