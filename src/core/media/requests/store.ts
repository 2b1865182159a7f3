import type { MediaRequestDto, MediaRequestKind, MediaRequestStatus, Role, WipeDestination } from '../../../contract';
import type { AuthUser } from '../../context';
import { CoreError } from '../../errors';
import type { Db } from '../../store/db';
import { fileRefById } from '../files';
import { stepRefusal } from '../rules';
import { displayNameOf, getMediumById, type MediumRow } from '../store';

export interface RequestRow {
  id: number;
  medium_id: number;
  kind: MediaRequestKind;
  requested_by: string;
  requested_at: string;
  purpose: string;
  days: number | null;
  destination: WipeDestination | null;
  status: MediaRequestStatus;
  rejected_by: string | null;
  reject_reason: string;
  decided_at: string | null;
  filed_file_id: number | null;
  completed_at: string | null;
}

export interface StepRow {
  request_id: number;
  step: number;
  role: Role;
  label: string;
  done_by: string | null;
  done_at: string | null;
  note: string;
}

export const REQUEST_KIND_LABELS: Record<MediaRequestKind, string> = { checkout: '领用申请', wipe: '清除申请' };
export const REQUEST_STATUS_LABELS: Record<MediaRequestStatus, string> = { pending: '待审批', approved: '已批准', rejected: '未获批准', withdrawn: '已撤回', completed: '已办结' };

export function getRequestRow(db: Db, requestId: string | number): RequestRow {
  const row = /^\d+$/.test(String(requestId)) ? (db.prepare('SELECT * FROM media_requests WHERE id = ?').get(Number(requestId)) as RequestRow | undefined) : undefined;
  if (!row) throw new CoreError('not-found', `介质申请 ${requestId} 不存在，请刷新列表后重试。`, 'requestId');
  return row;
}

export function stepsOf(db: Db, requestId: number): StepRow[] {
  return db.prepare('SELECT * FROM media_request_steps WHERE request_id = ? ORDER BY step').all(requestId) as StepRow[];
}

/** The first step not yet taken, while the request is pending. */
export function waitingStep(row: RequestRow, steps: readonly StepRow[]): StepRow | null {
  return row.status === 'pending' ? (steps.find((s) => s.done_by === null) ?? null) : null;
}

export function departmentOf(db: Db, username: string): string {
  const row = db.prepare('SELECT department FROM users WHERE username = ?').get(username) as { department: string } | undefined;
  return row?.department ?? '';
}

/** Why `user` may not take the waiting step of this request, or null when they may. */
export function refusalFor(db: Db, user: AuthUser, row: RequestRow, step: StepRow, medium: MediumRow): string | null {
  return stepRefusal(
    { username: user.username, roles: user.roles, department: user.department },
    { kind: row.kind, stepRole: step.role, stepLabel: step.label, asker: row.requested_by, askerDepartment: departmentOf(db, row.requested_by), mediumDepartment: medium.department },
  );
}

export function toRequestDto(db: Db, row: RequestRow, user: AuthUser | null): MediaRequestDto {
  const medium = getMediumById(db, row.medium_id);
  const steps = stepsOf(db, row.id);
  const waiting = waitingStep(row, steps);
  return {
    id: String(row.id),
    kind: row.kind,
    tag: medium.tag,
    mediumKind: medium.kind,
    classification: medium.classification,
    requestedBy: row.requested_by,
    requestedByName: displayNameOf(db, row.requested_by) ?? row.requested_by,
    requestedByDepartment: departmentOf(db, row.requested_by),
    requestedAt: row.requested_at,
    purpose: row.purpose,
    days: row.days,
    destination: row.destination,
    status: row.status,
    steps: steps.map((s) => ({ role: s.role, label: s.label, by: s.done_by, byName: displayNameOf(db, s.done_by), at: s.done_at, note: s.note })),
    nextStep: waiting ? waiting.step : null,
    canAct: waiting !== null && user !== null && refusalFor(db, user, row, waiting, medium) === null,
    rejectedBy: row.rejected_by,
    rejectReason: row.reject_reason,
    filedRecord: fileRefById(db, row.filed_file_id),
  };
}
