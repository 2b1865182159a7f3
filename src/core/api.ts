import type { ArchiveEvent, AuditOutcome, Envelope, MethodName } from '../contract';
import { REQUEST_SCHEMAS, isMethodName } from '../contract';
import { hasPermission, PERMISSION_LABELS } from './access/permissions';
import { verifyPassword } from './access/passwords';
import { resolveSession } from './access/sessions';
import { getUnit, getUserRow, toAuthUser } from './access/users';
import { appendAudit } from './audit/log';
import type { AuthUser, Context, Handlers, MethodSpec } from './context';
import { CoreError } from './errors';
import type { Db } from './store/db';
import type { SigningKeys } from './signing/keys';
import { callerTerminal } from './terminals/callerTerminal';
import type { InstallationTerminal } from './terminals/installation';
import { touchSeen } from './terminals/register';
import { currentStoredIdentity } from './signing/store';
import type { Caller } from './types';
import { describeIssue } from './validation';
import type { JobRunner } from './jobs/jobs';
import type { Vault } from './vault/vault';

export interface Pipeline {
  db: Db;
  vault: Vault;
  handlers: Handlers;
  installation: InstallationTerminal;
  scryptCost: number;
  keys: SigningKeys;
  signingKeyBits: 2048 | 3072 | 4096;
  now(): Date;
  emit(event: ArchiveEvent): void;
  jobs: JobRunner;
}

const ALWAYS_OPEN: readonly MethodName[] = ['setup.status', 'setup.initialize'];

/**
 * The one path every call takes, whatever the transport:
 * session -> validate (zod) -> set-up gate -> authenticate -> authorize -> run in a transaction with
 * its audit entry -> envelope. Refusals and failed changes are logged in a transaction of their own,
 * after the failed work rolled back. Never throws.
 */
export async function invoke(p: Pipeline, method: MethodName, request: unknown, caller: Caller): Promise<Envelope<unknown>> {
  const now = p.now();
  const undo: (() => void)[] = [];
  const terminal = callerTerminal(p.installation, caller);
  const ctx: Context = {
    db: p.db,
    vault: p.vault,
    now,
    nowIso: now.toISOString(),
    user: null,
    caller,
    terminalId: terminal.id,
    terminal,
    scryptCost: p.scryptCost,
    keys: p.keys,
    get keyProtector() {
      return p.keys.forIdentity(currentStoredIdentity(p.db));
    },
    signingKeyBits: p.signingKeyBits,
    emit: p.emit,
    jobs: p.jobs,
    onRollback: (fn) => undo.push(fn),
    audit: { target: '', detail: '' },
  };
  if (!isMethodName(method)) return { ok: false, error: { code: 'bad-request', message: `未知的操作“${String(method)}”。` } };
  const spec = p.handlers[method] as MethodSpec<MethodName>;
  // The register shows when each terminal was last used; an unregistered one has no row.
  if (terminal.kind !== 'unregistered') safely(() => touchSeen(p.db, terminal.id, now));
  try {
    ctx.user = currentUser(p, caller, now);
    const parsed = REQUEST_SCHEMAS[method].safeParse(request ?? {});
    if (!parsed.success) {
      const { message, field } = describeIssue(parsed.error);
      throw new CoreError('bad-request', message, field);
    }
    if (!ALWAYS_OPEN.includes(method) && !getUnit(p.db)) {
      throw new CoreError('not-set-up', '本单位尚未完成初始设置，请先完成设置。');
    }
    authorize(spec, ctx.user);
    if (spec.reauth) confirmPassword(p, ctx.user!, parsed.data as { confirmPassword?: string });
    if ('runAsync' in spec) {
      ctx.requestedJobId = (parsed.data as { jobId?: string } | undefined)?.jobId;
      const value = await spec.runAsync(ctx, parsed.data as never);
      stampNow(p, ctx);
      if (spec.kind !== 'read') p.db.transaction(() => record(p, ctx, method, 'ok'))();
      return { ok: true, value };
    }
    const run = () => {
      const value = spec.run(ctx, parsed.data as never);
      if (spec.kind !== 'read') record(p, ctx, method, 'ok');
      return value;
    };
    const value = spec.transactional === false ? run() : p.db.transaction(run)();
    return { ok: true, value };
  } catch (error) {
    for (const fn of undo.reverse()) safely(fn);
    stampNow(p, ctx);
    const failure = error instanceof CoreError ? error : internal(error, method);
    const outcome: AuditOutcome = ['unauthenticated', 'forbidden', 'locked'].includes(failure.code) ? 'denied' : 'failed';
    // Every refusal is logged; a failed read that was not a refusal (a typo in a search) is not.
    if (outcome === 'denied' || spec.kind !== 'read') {
      ctx.audit.detail = [ctx.audit.detail, failure.message].filter(Boolean).join('；');
      safely(() => p.db.transaction(() => record(p, ctx, method, outcome))());
    }
    return { ok: false, error: failure.toApiError() };
  }
}

/** Long work is logged when it ends, with the time it ended. */
function stampNow(p: Pipeline, ctx: Context): void {
  ctx.now = p.now();
  ctx.nowIso = ctx.now.toISOString();
}

function currentUser(p: Pipeline, caller: Caller, now: Date): AuthUser | null {
  const session = resolveSession(p.db, caller.session.token, now);
  if (session.status === 'idle') {
    caller.session.token = null;
    p.emit({ type: 'session.ended', reason: 'idle' });
    return null;
  }
  if (session.status !== 'active') return null;
  const row = getUserRow(p.db, session.userId);
  return row.is_active === 1 ? toAuthUser(p.db, row) : null;
}

function authorize(spec: MethodSpec<MethodName>, user: AuthUser | null): void {
  if (spec.access === 'public') return;
  if (!user) throw new CoreError('unauthenticated', '尚未登录或登录已超时，请重新登录。');
  if (spec.access === 'signed-in') return;
  if (!hasPermission(user.roles, spec.access)) {
    throw new CoreError('forbidden', `您的角色没有“${PERMISSION_LABELS[spec.access]}”的权限。如需办理，请联系安全保密管理员。`);
  }
}

/**
 * The password asked again for a sensitive action, so that an unattended signed-in screen cannot
 * approve, archive or change roles. A wrong one is a refusal, logged as denied.
 */
function confirmPassword(p: Pipeline, user: AuthUser, request: { confirmPassword?: string }): void {
  const row = getUserRow(p.db, user.id);
  if (request.confirmPassword && verifyPassword(request.confirmPassword, row.password_hash)) return;
  throw new CoreError('forbidden', '登录密码不正确，操作未执行。敏感操作须再次输入您本人的登录密码。', 'confirmPassword');
}

function record(p: Pipeline, ctx: Context, method: MethodName, outcome: AuditOutcome): void {
  appendAudit(p.db, {
    at: ctx.nowIso,
    actor: ctx.audit.actor ?? ctx.user?.username ?? '（未登录）',
    action: method,
    target: ctx.audit.target,
    terminalId: ctx.terminalId,
    channel: ctx.caller.channel,
    outcome,
    detail: ctx.audit.detail,
  });
}

function internal(error: unknown, method: string): CoreError {
  // The detail goes to the developer console; the user gets a sentence they can act on.
  console.error(`[core] ${method} failed:`, error);
  return new CoreError('internal', `操作未能完成（内部错误：${(error as Error)?.message ?? String(error)}）。数据未作更改，请重试或联系系统管理员。`);
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error('[core] cleanup failed:', error);
  }
}
