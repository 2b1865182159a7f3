import type { ParsedRequestOf } from '../../../contract';
import { MEDIUM_STATUS_LABELS } from '../../../contract';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { recordMediumEvent } from '../history';
import { withStoredFile, type StoredRow } from '../files';
import { statusAfterWipeApproval } from '../rules';
import { getMediumById, type MediumRow } from '../store';
import { fileCheckout, type FiledRecord } from './filing';
import { getRequestRow, refusalFor, REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS, stepsOf, waitingStep, type RequestRow, type StepRow } from './store';

interface Turn {
  row: RequestRow;
  medium: MediumRow;
  step: StepRow;
  isLast: boolean;
}

/** The waiting step and whether the caller may take it; refusals are `forbidden`, logged as denied. */
function turnOf(ctx: Context, requestId: string, what: string): Turn {
  const row = getRequestRow(ctx.db, requestId);
  const medium = getMediumById(ctx.db, row.medium_id);
  ctx.audit.target = `medium:${medium.tag}`;
  const steps = stepsOf(ctx.db, row.id);
  const step = waitingStep(row, steps);
  if (!step) throw new CoreError('conflict', `${REQUEST_KIND_LABELS[row.kind]} ${row.id} 已${REQUEST_STATUS_LABELS[row.status]}，不能再${what}。请刷新列表。`, 'requestId');
  const refusal = refusalFor(ctx.db, ctx.user!, row, step, medium);
  if (refusal) throw new CoreError('forbidden', `${REQUEST_KIND_LABELS[row.kind]} ${row.id}：${refusal}`, 'requestId');
  return { row, medium, step, isLast: step.step === steps.length - 1 };
}

function takeStep(ctx: Context, t: Turn, note: string): void {
  const changed = ctx.db
    .prepare('UPDATE media_request_steps SET done_by = ?, done_at = ?, note = ? WHERE request_id = ? AND step = ? AND done_by IS NULL')
    .run(ctx.user!.username, ctx.nowIso, note, t.row.id, t.step.step).changes;
  if (changed !== 1) throw new CoreError('conflict', `“${t.step.label}”已由他人办理，请刷新列表。`, 'requestId');
  recordMediumEvent(ctx.db, t.medium.id, { at: ctx.nowIso, actor: ctx.user!.username, action: t.step.label, detail: [`${REQUEST_KIND_LABELS[t.row.kind]} ${t.row.id} 第 ${t.step.step + 1} 步通过`, note].filter(Boolean).join('：') });
}

/**
 * One step of the chain (§6.1.3 c 逐级审批), password asked again by the pipeline. The last step of a
 * checkout files it with the information centre (备案): the signed PDF/A is made before the
 * transaction that takes the step, so a failure to sign leaves the request exactly as it was. The
 * last step of a wipe sends the medium to wiping, or to destruction when software cannot suffice.
 */
export async function approveStep(ctx: Context, req: ParsedRequestOf<'media.approve'>): Promise<void> {
  const turn = turnOf(ctx, req.requestId, '审批');
  const filed: FiledRecord | null = turn.isLast && turn.row.kind === 'checkout' ? await fileCheckout(ctx, turn, req.note) : null;
  try {
    if (filed) withStoredFile(ctx, filed.tmpPath, filed.name, 'application/pdf', (stored) => settle(ctx, req, turn, stored));
    else settle(ctx, req, turn, null);
  } finally {
    filed?.dispose();
  }
}

function settle(ctx: Context, req: ParsedRequestOf<'media.approve'>, turn: Turn, filed: StoredRow | null): void {
  ctx.db.transaction(() => {
    const t = turnOf(ctx, req.requestId, '审批');
    if (t.step.step !== turn.step.step) throw new CoreError('conflict', '申请在您审批期间已有变化，请刷新后重试。', 'requestId');
    takeStep(ctx, t, req.note);
    if (!t.isLast) {
      ctx.audit.detail = `${REQUEST_KIND_LABELS[t.row.kind]} ${t.row.id}：${t.step.label}通过`;
      return;
    }
    if (t.row.kind === 'checkout') {
      const stored = filed!;
      ctx.db.prepare("UPDATE media_requests SET status = 'approved', decided_at = ?, filed_file_id = ? WHERE id = ?").run(ctx.nowIso, stored.fileId, t.row.id);
      recordMediumEvent(ctx.db, t.medium.id, { at: ctx.nowIso, actor: ctx.user!.username, action: '备案', detail: `领用申请 ${t.row.id} 审批完毕，已备案（${stored.ref.name}），待交付` });
      ctx.audit.detail = `领用申请 ${t.row.id}：${t.step.label}通过，审批完毕并备案`;
    } else {
      const next = statusAfterWipeApproval(t.medium.kind, t.medium.classification);
      ctx.db.prepare("UPDATE media_requests SET status = 'approved', decided_at = ? WHERE id = ?").run(ctx.nowIso, t.row.id);
      const handBack = t.medium.status === 'checked-out' ? `；领用人 ${t.medium.holder} 须将介质交回` : '';
      recordMediumEvent(ctx.db, t.medium.id, { at: ctx.nowIso, actor: ctx.user!.username, action: '清除审批完毕', detail: `清除申请 ${t.row.id} 审批完毕，${MEDIUM_STATUS_LABELS[next]}${handBack}`, toStatus: next });
      ctx.audit.detail = `清除申请 ${t.row.id}：审批完毕，介质转为${MEDIUM_STATUS_LABELS[next]}`;
    }
  })();
}

/** Whoever may take the waiting step may refuse it, with a reason; a refused checkout returns the medium to stock. */
export function rejectRequest(ctx: Context, req: ParsedRequestOf<'media.reject'>): void {
  const t = turnOf(ctx, req.requestId, '审批');
  ctx.db.prepare("UPDATE media_requests SET status = 'rejected', rejected_by = ?, reject_reason = ?, decided_at = ? WHERE id = ?").run(ctx.user!.username, req.reason, ctx.nowIso, t.row.id);
  recordMediumEvent(ctx.db, t.medium.id, {
    at: ctx.nowIso,
    actor: ctx.user!.username,
    action: '不予批准',
    detail: `${REQUEST_KIND_LABELS[t.row.kind]} ${t.row.id}（${t.step.label}）：${req.reason}`,
    ...(t.row.kind === 'checkout' ? { toStatus: 'in-stock' as const } : {}),
  });
  ctx.audit.detail = `不予批准${REQUEST_KIND_LABELS[t.row.kind]} ${t.row.id}：${req.reason}`;
}

/**
 * The asker takes their own request back: a checkout until it is handed over, a wipe while it is
 * still pending (once approved, the medium is already set aside for wiping or destruction).
 */
export function withdrawRequest(ctx: Context, requestId: string): void {
  const row = getRequestRow(ctx.db, requestId);
  const medium = getMediumById(ctx.db, row.medium_id);
  ctx.audit.target = `medium:${medium.tag}`;
  if (row.requested_by !== ctx.user!.username) throw new CoreError('forbidden', '只能撤回本人提出的申请。', 'requestId');
  const open = row.kind === 'checkout' ? ['pending', 'approved'] : ['pending'];
  if (!open.includes(row.status)) throw new CoreError('conflict', `${REQUEST_KIND_LABELS[row.kind]} ${row.id} 已${REQUEST_STATUS_LABELS[row.status]}，不能再撤回。`, 'requestId');
  ctx.db.prepare("UPDATE media_requests SET status = 'withdrawn', decided_at = ? WHERE id = ?").run(ctx.nowIso, row.id);
  recordMediumEvent(ctx.db, medium.id, {
    at: ctx.nowIso,
    actor: ctx.user!.username,
    action: '撤回申请',
    detail: `${REQUEST_KIND_LABELS[row.kind]} ${row.id}`,
    ...(row.kind === 'checkout' ? { toStatus: 'in-stock' as const } : {}),
  });
  ctx.audit.detail = `撤回${REQUEST_KIND_LABELS[row.kind]} ${row.id}`;
}
