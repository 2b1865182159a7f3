import fs from 'node:fs';
import path from 'node:path';
import { isStateSecret, type ParsedRequestOf, type WipeResultDto } from '../../../contract';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { asJob } from '../../jobs/asJob';
import type { JobControl } from '../../jobs/jobs';
import { unitSigner } from '../../signing/unitSigner';
import { recordMediumEvent } from '../history';
import { checkMediumAt, IDENTITY_TRAILER_BYTES, writeIdentityAt } from '../identity';
import { getMediumByTag, type MediumRow } from '../store';
import { certify } from './certificate';
import { overwriteRange } from './overwrite';
import { OVERWRITE_PASSES, wipePlan, type OverwriteMethod } from './plan';
import { driveSanitizeSupport } from './driveSanitize';
import { checkWitness, requireApprovedWipe, type ApprovedRequest } from './preconditions';
import { checkWipeTarget, type WipeTarget } from './targetSafety';
import { getRun, checkpointRun, setRunStatus, startRun, unfinishedRun, type WipeRunRow } from './wipeRuns';
import { verifyFull, verifySample, type VerifyOutcome } from './verify';
import { isGenuine } from './genuine';
import { driveBusOf, TOOL_OF, type DriveBus } from './driveBus';
import { cancelledAfterIssue, runDriveSanitize, stateOf } from './driveSanitizeRun';
import { DRIVE_SANITIZE_LIMITS } from './plan';

/** Media being wiped by this process now: a second wipe of the same medium would race the first's checkpoints. */
const inProgress = new Set<number>();

/** The data folder the vault lives in (`<dataDir>/files`): its disk and its files are never wiped. */
export const dataDirOf = (ctx: Context) => path.dirname(ctx.vault.root);

/** The overwrite method media.wipe runs for this kind: the plan's, or one pass where the plan prefers crypto erase. */
function overwriteMethodFor(medium: MediumRow): OverwriteMethod {
  return medium.kind === 'usb-flash' || medium.kind === 'memory-card' ? 'overwrite-pattern-complement' : 'overwrite-1';
}

/**
 * Whole-medium wipe (issue 6 item 5; DB3206/T 1060 §6.1.3 d; NIST SP 800-88 Rev. 1 Table A-5, A-8):
 * every check that can refuse runs before a byte is written; then the passes stream over the medium
 * with checkpoints in wipe_runs, the result is read back, the identity record is written again, and
 * the certificate is issued in the same transaction that marks the medium 已清除.
 */
export async function wipeMedium(ctx: Context, req: ParsedRequestOf<'media.wipe'>): Promise<WipeResultDto & { jobId: string }> {
  const medium = getMediumByTag(ctx.db, req.tag);
  ctx.audit.target = `medium:${medium.tag}`;
  if (isStateSecret(medium.classification) || medium.kind === 'optical') {
    throw new CoreError('bad-request', `${medium.tag} 为${medium.kind === 'optical' ? '光盘' : `${medium.classification}级涉密载体`}，软件清除不足以使其安全（NIST SP 800-88；DB3206/T 1060 §6.1.3 d），只能登记交付销毁。`, 'tag');
  }
  const request = requireApprovedWipe(ctx, medium, ['awaiting-wipe']);
  const witness = checkWitness(ctx, req.witness, req.witnessPassword);
  const target = checkWipeTarget(req.device, dataDirOf(ctx));
  // The resolved path, the one that will be opened: a symlink changed after this check changes nothing.
  const check = checkMediumAt(ctx, target.realPath, { expectTag: medium.tag });
  const drive = driveSanitizeFor(medium, target);
  const driveResume = drive ? resumableDriveRun(ctx, medium, target) : undefined;
  // A drive sanitize erases the identity record with everything else; its run, tied to the drive's serial, stands in for it on resume.
  if (!isGenuine(check, medium) && !driveResume?.sentCommand) throw new CoreError('forbidden', `目标不是 ${medium.tag}：${check.message}`, 'device');
  // The certificate and the identity record need the unit's key: fail now, not after an hour of writing.
  unitSigner(ctx, '签发清除证明');

  if (inProgress.has(medium.id)) throw new CoreError('conflict', `${medium.tag} 正在清除中，请等待当前任务结束或取消后再试。`, 'tag');
  if (drive) return wipeByDrive(ctx, { medium, request, witness, target, bus: drive, verification: req.verification, resumes: driveResume?.run });
  const method = overwriteMethodFor(medium);
  const passes = OVERWRITE_PASSES[method];
  const previous = unfinishedRun(ctx.db, medium.id);
  const resumes = previous && previous.device === target.realPath && previous.bytes_total === target.size && previous.method === method ? previous : undefined;
  const runId =
    resumes?.id ??
    startRun(ctx.db, {
      mediumId: medium.id,
      requestId: request.id,
      method,
      device: target.realPath,
      bytesTotal: target.size,
      passes: passes.length,
      verification: req.verification,
      startedBy: ctx.user!.username,
      witness: witness.username,
      at: ctx.nowIso,
    });
  if (resumes) ctx.db.prepare('UPDATE wipe_runs SET verification = ?, witness = ? WHERE id = ?').run(req.verification, witness.username, resumes.id);
  const resumedFromBytes = resumes ? resumes.pass * bodyOf(target) + resumes.bytes_done : null;

  inProgress.add(medium.id);
  try {
    const { jobId, value } = await asJob(ctx, 'wipe', `清除介质 ${medium.tag}`, (control) => runPasses(ctx, getRun(ctx.db, runId), target, method, req.verification, control));
    // Should certifying fail after this, the run stays `verifying`: a new media.wipe re-verifies and certifies.
    return { ...(await finish(ctx, medium, request, witness, runId, target, { method, passes: passes.length }, value, resumedFromBytes)), jobId };
  } finally {
    inProgress.delete(medium.id);
  }
}

/**
 * The drive's own sanitize (NIST SP 800-88 Rev. 1 Table A-8, Purge) replaces the overwrite for an SSD
 * that is an NVMe or ATA block device, when this process can send the command (hdparm/nvme, root).
 */
function driveSanitizeFor(medium: MediumRow, target: WipeTarget): DriveBus | null {
  if (medium.kind !== 'ssd') return null;
  const bus = driveBusOf(target);
  const support = driveSanitizeSupport();
  return bus && support.available && support.tools.includes(TOOL_OF[bus]) ? bus : null;
}

function resumableDriveRun(ctx: Context, medium: MediumRow, target: WipeTarget): { run: WipeRunRow; sentCommand: boolean } | undefined {
  const run = unfinishedRun(ctx.db, medium.id);
  if (!run || run.method !== 'drive-sanitize' || run.device !== target.realPath || run.bytes_total !== target.size) return undefined;
  return { run, sentCommand: Boolean(stateOf(run).drive?.issuedAt) };
}

async function wipeByDrive(
  ctx: Context,
  w: { medium: MediumRow; request: ApprovedRequest; witness: { username: string; displayName: string }; target: WipeTarget; bus: DriveBus; verification: 'full' | 'sample'; resumes: WipeRunRow | undefined },
): Promise<WipeResultDto & { jobId: string }> {
  const { medium, target } = w;
  const runId =
    w.resumes?.id ??
    startRun(ctx.db, {
      mediumId: medium.id,
      requestId: w.request.id,
      method: 'drive-sanitize',
      device: target.realPath,
      bytesTotal: target.size,
      passes: 1,
      verification: w.verification,
      startedBy: ctx.user!.username,
      witness: w.witness.username,
      at: ctx.nowIso,
    });
  // The regions to verify were chosen and hashed when the run began: a resume keeps that choice.
  if (w.resumes) ctx.db.prepare('UPDATE wipe_runs SET witness = ? WHERE id = ?').run(w.witness.username, runId);
  inProgress.add(medium.id);
  try {
    const { jobId, value } = await asJob(ctx, 'wipe', `驱动器安全擦除 ${medium.tag}`, (control) => runDriveSanitize(ctx, runId, target, w.bus, w.verification, control)).catch((error: unknown) => {
      throw cancelledAfterIssue(getRun(ctx.db, runId)) ?? error;
    });
    const how = {
      method: 'drive-sanitize' as const,
      passes: 1,
      tool: { name: value.tool.name, version: value.tool.version },
      verification: `${value.actionLabel}。发出的命令：${value.shown}。${value.outcome.detail}`,
      limits: DRIVE_SANITIZE_LIMITS,
    };
    return { ...(await finish(ctx, medium, w.request, w.witness, runId, target, how, value.outcome, null)), jobId };
  } finally {
    inProgress.delete(medium.id);
  }
}

/** The part of the medium before its identity trailer: overwritten first, pass after pass. */
const bodyOf = (t: WipeTarget) => t.size - IDENTITY_TRAILER_BYTES;

/**
 * The passes from the run's checkpoint on. The identity trailer (last 64 KiB) is overwritten only after
 * every pass has covered the body, so a run interrupted at any point before that is still recognised as
 * the registered medium by its identity record, which is what lets a resume be checked like a start.
 */
async function runPasses(ctx: Context, run: WipeRunRow, target: WipeTarget, method: OverwriteMethod, verification: 'full' | 'sample', control: JobControl): Promise<VerifyOutcome> {
  const passes = OVERWRITE_PASSES[method];
  const body = bodyOf(target);
  const total = passes.length * target.size + (verification === 'full' ? target.size : Math.ceil(target.size / 10));
  // O_EXCL on a block device: Linux refuses it while anything has the device mounted or claimed.
  const flags = target.type === 'block' ? fs.constants.O_RDWR | fs.constants.O_EXCL : fs.constants.O_RDWR;
  const fd = fs.openSync(target.realPath, flags);
  try {
    if (run.status !== 'verifying') {
      checkpointRun(ctx.db, run.id, run.pass, run.bytes_done, 'running');
      for (let p = run.pass; p < passes.length; p++) {
        const pass = passes[p]!;
        await overwriteRange({
          fd,
          byte: pass.byte,
          from: p === run.pass ? run.bytes_done : 0,
          end: body,
          signal: control.signal,
          checkpoint: (done) => checkpointRun(ctx.db, run.id, p, done),
          progress: (done) => control.progress(p * target.size + done, total, pass.label),
        });
      }
      // The trailer, every pass in turn: 64 KiB each, so the window without an identity record is one fsync long.
      checkpointRun(ctx.db, run.id, passes.length, 0);
      for (const pass of passes) {
        await overwriteRange({ fd, byte: pass.byte, from: body, end: target.size, signal: new AbortController().signal, checkpoint: () => undefined, progress: () => undefined });
      }
      checkpointRun(ctx.db, run.id, passes.length, 0, 'verifying');
    }
    const last = passes.at(-1)!.byte;
    const verifyFrom = passes.length * target.size;
    const progress = (done: number) => control.progress(verifyFrom + done, total, verification === 'full' ? '全盘回读校验' : '抽样回读校验');
    const outcome = verification === 'full' ? await verifyFull(fd, target.size, last, control.signal, progress) : await verifySample(fd, target.size, last, control.signal, progress);
    if (!outcome.isVerified) {
      setRunStatus(ctx.db, run.id, 'failed', { verification: outcome });
      throw new CoreError('bad-request', outcome.detail);
    }
    return outcome;
  } catch (error) {
    const now = getRun(ctx.db, run.id);
    // A cancel leaves the run resumable from its last checkpoint (media.wipePlan shows it).
    if (control.signal.aborted && (now.status === 'running' || now.status === 'verifying')) setRunStatus(ctx.db, run.id, now.status === 'verifying' ? 'verifying' : 'cancelled');
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

async function finish(
  ctx: Context,
  medium: MediumRow,
  request: ApprovedRequest,
  witness: { username: string; displayName: string },
  runId: number,
  target: WipeTarget,
  how: { method: OverwriteMethod | 'drive-sanitize'; passes: number; tool?: { name: string; version: string }; verification?: string; limits?: string[] },
  outcome: VerifyOutcome,
  resumedFromBytes: number | null,
): Promise<WipeResultDto> {
  const { method } = how;
  // The medium stays recognisable as the register's asset after its contents are gone (§6.1.3 e).
  await writeIdentityAt(ctx, medium, target.realPath);
  const support = driveSanitizeSupport();
  // The plan as run: an overwrite chosen because the target was no whole NVMe/ATA disk keeps the overwrite's limits.
  const asRun = method === 'drive-sanitize' || !support.available ? support : { ...support, available: false, how: '清除目标不是整盘 NVMe（/dev/nvme*n*）或 ATA（/dev/sd*）块设备，因此改为全盘覆写' };
  const plan = wipePlan({ tag: medium.tag, kind: medium.kind, classification: medium.classification, hasContentKey: false, driveSanitize: asRun, approvedRequestId: null, resumable: null });
  const run = getRun(ctx.db, runId);
  const input = {
    medium,
    method,
    verification: how.verification ?? outcome.detail,
    performedBy: { username: ctx.user!.username, displayName: ctx.user!.displayName },
    witness,
    destination: request.destination,
    limits: how.limits ?? (plan.method === method ? plan.limits : []),
    tool: how.tool,
  };
  return certify(ctx, input, runId, (certificate): WipeResultDto => {
    setRunStatus(ctx.db, runId, 'done', { verification: outcome, certificate: certificate.number });
    ctx.db.prepare("UPDATE media_requests SET status = 'completed', completed_at = ? WHERE id = ?").run(ctx.nowIso, request.id);
    recordMediumEvent(ctx.db, medium.id, {
      at: ctx.nowIso,
      actor: ctx.user!.username,
      action: '清除',
      detail: `${certificate.methodLabel}，校验通过，复核人 ${witness.displayName}，证明 ${certificate.number}`,
      toStatus: 'wiped',
    });
    ctx.audit.detail = `${certificate.methodLabel}，${target.size} 字节，${method === 'drive-sanitize' ? input.verification.split('。')[0] : `${how.passes} 遍`}，${run.verification === 'full' ? '全盘' : '抽样'}校验通过，复核人 ${witness.username}，证明 ${certificate.number}`;
    return {
      wipeId: String(runId),
      tag: medium.tag,
      method,
      bytes: target.size,
      passes: how.passes,
      verification: run.verification,
      isVerified: outcome.isVerified,
      verificationDetail: input.verification,
      resumedFromBytes,
      certificate,
    };
  });
}
