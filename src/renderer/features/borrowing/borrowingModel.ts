import type { AccessRequestDto, AccessRequestStatus, GrantDto, GrantState } from '../../../contract';
import { formatDateTime } from '../../components/format';

/**
 * What a borrowing request (DB3206/T 1060 §4.10.2) lets each person do next, as plain rules over the
 * request the core returned. The core decides every call; these only offer the actions that can work.
 */

export const REQUEST_STATUS_LABELS: Record<AccessRequestStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '未批准',
  withdrawn: '已撤回',
};

export const REQUEST_STATUS_COLORS: Record<AccessRequestStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export const GRANT_STATE_LABELS: Record<GrantState, string> = {
  'not-started': '未开始',
  active: '生效中',
  expired: '已到期',
  revoked: '已撤销',
};

export const GRANT_STATE_COLORS: Record<GrantState, string> = {
  'not-started': 'blue',
  active: 'green',
  expired: 'default',
  revoked: 'red',
};

/** The default period asked for, in days; a single grant runs at most MAX_GRANT_DAYS (the contract's). */
export const DEFAULT_DAYS = 7;

/** Only a request still waiting for the archive department can be taken back. */
export function canWithdraw(request: AccessRequestDto): boolean {
  return request.status === 'pending';
}

/** Reading needs a grant in force; the pledge is asked before the first view. */
export function canRead(request: AccessRequestDto): boolean {
  return request.status === 'approved' && request.grant?.state === 'active';
}

export function needsPledge(request: AccessRequestDto): boolean {
  return canRead(request) && !request.grant?.pledge;
}

/** 申请续借: the reader asks again for a grant that is running or has run out (a revoked one is not renewed by asking). */
export function canAskRenewal(request: AccessRequestDto): boolean {
  const state = request.grant?.state;
  return request.status === 'approved' && (state === 'active' || state === 'expired');
}

/** The archive department may revoke a grant that is in force or has not started yet. */
export function canRevoke(request: AccessRequestDto): boolean {
  const state = request.grant?.state;
  return request.status === 'approved' && (state === 'active' || state === 'not-started');
}

/** The archive department may extend any grant it has not revoked (from its end, or from now once ended). */
export function canRenewGrant(request: AccessRequestDto): boolean {
  return request.status === 'approved' && request.grant !== null && request.grant.state !== 'revoked';
}

/** Nobody approves their own request (DOMAIN.md "Access"); the core refuses it too. */
export function isOwnRequest(request: AccessRequestDto, username: string): boolean {
  return request.requestedBy === username;
}

export interface ApproveValues {
  days: number;
  print: boolean;
  export: boolean;
  note: string;
  confirmPassword: string;
}

/**
 * The approval as sent: the archive department may shorten the period and leave out print or export,
 * never give more than was asked.
 */
export function approveRequest(request: AccessRequestDto, values: ApproveValues) {
  const days = Number.isFinite(values.days) ? Math.min(Math.max(1, Math.trunc(values.days)), request.days) : request.days;
  return {
    requestId: request.id,
    days,
    print: request.wantPrint && Boolean(values.print),
    export: request.wantExport && Boolean(values.export),
    note: (values.note ?? '').trim(),
    confirmPassword: values.confirmPassword ?? '',
  };
}

/** What a renewal request starts from: the same purpose and the flags of the grant being renewed. */
export function renewalDefaults(request: AccessRequestDto): { purpose: string; days: number; print: boolean; export: boolean } {
  return {
    purpose: request.purpose,
    days: request.days,
    print: request.grant?.print ?? request.wantPrint,
    export: request.grant?.export ?? request.wantExport,
  };
}

export function grantPeriod(grant: GrantDto): string {
  return `${formatDateTime(grant.startsAt)} 至 ${formatDateTime(grant.endsAt)}`;
}

/** What a grant allows besides viewing, in words. */
export function grantScope(flags: { print: boolean; export: boolean }): string {
  const extras = [flags.print ? '打印' : null, flags.export ? '导出' : null].filter(Boolean);
  return extras.length ? `查阅、${extras.join('、')}` : '仅查阅';
}

/** The caller's request whose grant is in force for the case, if any (the newest first). */
export function readableRequestFor(requests: readonly AccessRequestDto[], caseId: string): AccessRequestDto | null {
  const readable = requests.filter((r) => r.caseId === caseId && canRead(r));
  readable.sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''));
  return readable[0] ?? null;
}
