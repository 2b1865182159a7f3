import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import type { JobControl } from '../../jobs/jobs';
import { throwIfCancelled } from '../../jobs/jobs';
import { ataState, inspectAta, issueAta, type AtaInspection } from './ataSanitize';
import { hashRegions, regionsFor, verifyChanged, type RegionBefore } from './changedVerify';
import type { DriveBus } from './driveBus';
import type { DriveInspection, DriveState } from './driveDrivers';
import { pause } from './driveTool';
import { inspectNvme, issueNvme, nvmeState } from './nvmeSanitize';
import type { WipeTarget } from './targetSafety';
import type { VerifyOutcome } from './verify';
import { checkpointRun, getRun, saveRunState, setRunStatus, type WipeRunRow } from './wipeRuns';

/** Between status polls: a sanitize takes minutes to hours, and each poll is one admin command. */
export const POLL_MS = 1000;

/** What an unfinished drive-sanitize run keeps in wipe_runs.result, so a resume can poll or re-issue and still verify. */
export interface DriveRunState {
  drive?: { bus: DriveBus; serial: string; tool: DriveInspection['tool']; actionLabel: string; shown: string; issuedAt: string | null; password?: string };
  before?: RegionBefore[];
}

export interface DriveSanitizeOutcome {
  outcome: VerifyOutcome;
  tool: DriveInspection['tool'];
  actionLabel: string;
  shown: string;
}

export const stateOf = (run: WipeRunRow): DriveRunState => JSON.parse(run.result) as DriveRunState;

export const NOT_STOPPABLE = '驱动器上的擦除一经开始无法中途停止，会自行完成（NVMe 驱动器断电后再上电也会继续）';

/**
 * NIST SP 800-88 Rev. 1 Table A-8, Purge by the drive's own command. Order, each step recorded in
 * wipe_runs before the next: read the regions to verify and keep only their SHA-256; record that the
 * command is about to be sent; send it; poll the drive until it reports done or failed; read the same
 * regions again (`verifyChanged`). A resume after a crash polls the drive first: still working → wait;
 * otherwise the command is sent again (harmless: it erases what is already erased), and verification
 * decides in every case, since the before-hashes were saved before anything was sent.
 */
export async function runDriveSanitize(ctx: Context, runId: number, target: WipeTarget, bus: DriveBus, verification: 'full' | 'sample', control: JobControl): Promise<DriveSanitizeOutcome> {
  const dev = target.realPath;
  let run = getRun(ctx.db, runId);
  const state = stateOf(run);
  // ATA Security Erase needs a user password; kept in the run until it is done so that a locked drive can be erased again.
  const password = state.drive?.password ?? randomBytes(12).toString('hex');
  const inspection = bus === 'nvme' ? await inspectNvme(dev) : await inspectAta(dev, password);
  if (state.drive && state.drive.serial !== inspection.serial) {
    throw new CoreError('forbidden', `“${dev}”上的驱动器序列号（${inspection.serial}）与上次清除时的（${state.drive.serial}）不同，拒绝继续。请核对设备。`, 'device');
  }
  const statusOf = (): Promise<DriveState> => (bus === 'nvme' ? nvmeState(dev) : ataState(dev));
  const total = 3 * target.size;
  const flags = target.type === 'block' ? fs.constants.O_RDONLY | fs.constants.O_EXCL : fs.constants.O_RDONLY;
  try {
    if (run.status !== 'verifying') {
      checkpointRun(ctx.db, runId, 0, 0, 'running');
      if (!state.before) {
        state.before = await withFd(dev, flags, (fd) => hashRegions(fd, target.size, regionsFor(target.size, verification), control.signal, (d) => control.progress(d, total, '清除前读取校验区段（只保留 SHA-256 摘要）')));
      }
      state.drive = { bus, serial: inspection.serial, tool: inspection.tool, actionLabel: inspection.actionLabel, shown: inspection.shown, issuedAt: state.drive?.issuedAt ?? null, ...(bus === 'ata' && !inspection.isPolled ? { password } : {}) };
      saveRunState(ctx.db, runId, state);
      const now = state.drive.issuedAt && inspection.isPolled ? await statusOf() : null;
      if (!now || now.state === 'idle' || now.state === 'failed') {
        throwIfCancelled(control.signal);
        state.drive.issuedAt = new Date().toISOString();
        saveRunState(ctx.db, runId, state);
        control.progress(target.size, total, `${inspection.actionLabel}：已发出命令，${NOT_STOPPABLE}`);
        if (bus === 'nvme') await issueNvme(inspection);
        else await issueAta(dev, inspection as AtaInspection, password);
      }
      if (inspection.isPolled) {
        const end = await pollUntilDone(statusOf, control, (f) => control.progress(target.size + Math.round(f * target.size), total, `${inspection.actionLabel}：${NOT_STOPPABLE}`));
        if (end.state === 'failed') {
          delete state.drive.password;
          setRunStatus(ctx.db, runId, 'failed', { ...state, error: end.detail });
          throw new CoreError('bad-request', `驱动器报告${inspection.actionLabel}失败（${end.detail}）。介质未清除，仍为待清除状态，未签发证明；请按厂商说明检查驱动器，或改用全盘覆写、交付销毁。`, 'device');
        }
      }
      delete state.drive.password;
      saveRunState(ctx.db, runId, state);
      checkpointRun(ctx.db, runId, 1, 0, 'verifying');
    }
    const before = state.before!;
    const outcome = await withFd(dev, flags, (fd) => verifyChanged(fd, target.size, before, control.signal, (d) => control.progress(2 * target.size + d, total, '回读校验（与清除前的摘要比较）')));
    if (!outcome.isVerified) {
      setRunStatus(ctx.db, runId, 'failed', { ...state, verification: outcome });
      throw new CoreError('bad-request', outcome.detail);
    }
    return { outcome, tool: inspection.tool, actionLabel: inspection.actionLabel, shown: inspection.shown };
  } catch (error) {
    run = getRun(ctx.db, runId);
    if (control.signal.aborted && (run.status === 'running' || run.status === 'verifying')) setRunStatus(ctx.db, runId, run.status === 'verifying' ? 'verifying' : 'cancelled');
    throw error;
  }
}

/**
 * The result of a cancel once the command was sent: the job reports a plain cancel, but the officer
 * must learn that the drive goes on erasing (NVMe and ATA Sanitize cannot be aborted).
 */
export function cancelledAfterIssue(run: WipeRunRow): CoreError | null {
  if (run.status !== 'cancelled' || !stateOf(run).drive?.issuedAt) return null;
  return new CoreError('bad-request', `已停止等待。${NOT_STOPPABLE}；再次执行清除会查询驱动器状态并完成校验。`);
}

async function pollUntilDone(statusOf: () => Promise<DriveState>, control: JobControl, progress: (fraction: number) => void): Promise<DriveState> {
  for (;;) {
    const s = await statusOf();
    if (s.state === 'done' || s.state === 'failed') return s;
    if (s.state === 'in-progress') progress(s.fraction);
    throwIfCancelled(control.signal);
    await pause(POLL_MS, control.signal);
    throwIfCancelled(control.signal);
  }
}

/**
 * Closing the last descriptor of a Linux block device drops its page cache, so the read after the
 * sanitize sees the drive, not what was cached by the read before it.
 */
async function withFd<T>(file: string, flags: number, f: (fd: number) => Promise<T>): Promise<T> {
  const fd = fs.openSync(file, flags);
  try {
    return await f(fd);
  } finally {
    fs.closeSync(fd);
  }
}
