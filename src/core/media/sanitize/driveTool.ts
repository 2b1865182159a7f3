import { execFile } from 'node:child_process';
import { CoreError } from '../../errors';
import { throwIfCancelled } from '../../jobs/jobs';

/** Queries (version, identify, status) answer at once; a minute means the drive or the tool hangs. */
export const QUERY_TIMEOUT_MS = 60_000;

/** How a command is shown in the result and on the certificate; secrets are replaced before this. */
export function shownCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map((a) => (/^[\w./=:-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Runs hdparm or nvme-cli with `execFile`, never through a shell, so a device path is always one
 * argument whatever it contains. The tool's stderr goes into the Chinese error, since that is where
 * the drive's refusal (frozen, locked, unsupported) is said. `shown` is the command without secrets.
 */
export function runTool(file: string, args: readonly string[], opts: { timeoutMs: number; signal?: AbortSignal; shown?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    // LC_ALL=C: the output is parsed, so it must not be translated.
    execFile(file, [...args], { timeout: opts.timeoutMs, signal: opts.signal, maxBuffer: 16 << 20, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if (opts.signal) {
        try {
          throwIfCancelled(opts.signal);
        } catch (cancelled) {
          return reject(cancelled);
        }
      }
      const why = (stderr || stdout || error.message).trim().split('\n').slice(-3).join(' ');
      const timedOut = error.killed && !opts.signal?.aborted ? `（${Math.round(opts.timeoutMs / 1000)} 秒内未结束）` : '';
      reject(new CoreError('bad-request', `驱动器命令“${opts.shown ?? shownCommand(file, args)}”执行失败${timedOut}：${why}`, 'device'));
    });
  });
}

/** Waits between status polls; a cancel ends the wait at once. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
