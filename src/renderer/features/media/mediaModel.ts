/** Pure rules of the media screens (DB3206/T 1060 §6.1.3); tested in test/renderer/features/media/. */

import type { MediaRequestDto, MediaRequestKind, MediaRequestStatus, MediumDto, MediumStatus, WipePlanDto } from '../../../contract';

export const MEDIA_KEY = ['media'] as const;
export const MEDIA_REQUESTS_KEY = ['media', 'requests'] as const;
export const MEDIA_SETTINGS_KEY = ['media', 'settings'] as const;

export const MEDIUM_STATUS_COLORS: Record<MediumStatus, string> = {
  'in-stock': 'green',
  requested: 'gold',
  'checked-out': 'blue',
  'awaiting-wipe': 'orange',
  wiped: 'cyan',
  'awaiting-destruction': 'volcano',
  destroyed: 'default',
  lost: 'red',
};

export const REQUEST_KIND_LABELS: Record<MediaRequestKind, string> = { checkout: '领用', wipe: '清除' };

export const REQUEST_STATUS_LABELS: Record<MediaRequestStatus, string> = {
  pending: '审批中',
  approved: '已批准',
  rejected: '不予批准',
  withdrawn: '已撤回',
  completed: '已办结',
};

export const REQUEST_STATUS_COLORS: Record<MediaRequestStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
  completed: 'blue',
};

/** Decimal units, as capacities are printed on the media themselves. */
export function formatCapacity(bytes: number | null): string {
  if (bytes === null) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = unit === 0 ? String(value) : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2).replace(/\.?0+$/, '');
  return `${text} ${units[unit]}`;
}

/** The form's 容量（GB） as bytes; null when left empty. */
export function capacityFromGb(gb: number | null | undefined): number | null {
  if (gb === null || gb === undefined || !Number.isFinite(gb)) return null;
  return Math.round(gb * 1e9);
}

/**
 * Whether a tag fits the unit's pattern (§6.1.3 a), as the core will judge it: the tag upper-cased
 * and trimmed as the schema does. null when the pattern itself cannot be read (the core decides then).
 */
export function fitsTagPattern(pattern: string, tag: string): boolean | null {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return null;
  }
  return re.test(tag.trim().toUpperCase());
}

export type StepState = 'done' | 'waiting' | 'later' | 'rejected';

/** Where each step of a request's chain stands, for the chain shown beside it. */
export function stepStates(request: MediaRequestDto): StepState[] {
  // A rejection stops the chain at the first step nobody took.
  const open = request.steps.findIndex((s) => !s.at);
  return request.steps.map((step, i) => {
    if (step.at) return 'done';
    if (request.status === 'rejected' && i === open) return 'rejected';
    if (request.status === 'pending' && request.nextStep === i) return 'waiting';
    return 'later';
  });
}

export function isOwnRequest(request: MediaRequestDto, username: string): boolean {
  return request.requestedBy === username;
}

export function canWithdraw(request: MediaRequestDto, username: string): boolean {
  return request.status === 'pending' && isOwnRequest(request, username);
}

/** A checkout whose chain is complete (filed with the information centre) waits to be handed over. */
export function awaitsHandover(request: MediaRequestDto): boolean {
  return request.kind === 'checkout' && request.status === 'approved';
}

/** Media a person may ask to check out: in stock and not set aside. */
export function isCheckoutable(medium: Pick<MediumDto, 'status'>): boolean {
  return medium.status === 'in-stock';
}

/** A wipe may be asked for a medium that is neither gone, nor already on its way to wiping or destruction. */
export function isWipeRequestable(medium: Pick<MediumDto, 'status'>): boolean {
  return medium.status === 'in-stock' || medium.status === 'checked-out' || medium.status === 'wiped';
}

/** Media the wizard works on: approved for wiping, or (涉密, optical) for destruction. */
export function isWizardCandidate(medium: Pick<MediumDto, 'status'>): boolean {
  return medium.status === 'awaiting-wipe' || medium.status === 'awaiting-destruction';
}

export type StatusChange = 'lost' | 'in-stock' | 'awaiting-destruction';

export const STATUS_CHANGE_LABELS: Record<StatusChange, string> = {
  lost: '登记遗失',
  'in-stock': '找回入库',
  'awaiting-destruction': '转待销毁',
};

/** The status changes outside checkout and wiping that make sense from where the medium stands. */
export function statusChangesFor(status: MediumStatus): StatusChange[] {
  if (status === 'lost') return ['in-stock'];
  if (status === 'destroyed') return [];
  const changes: StatusChange[] = ['lost'];
  if (status === 'in-stock' || status === 'wiped' || status === 'awaiting-wipe') changes.push('awaiting-destruction');
  return changes;
}

/** What the wizard runs for a plan: the hand-off to certified destruction, or the software method. */
export type WizardPath = 'destruction' | 'wipe' | 'files' | 'crypto';

export function defaultPath(plan: WipePlanDto): WizardPath {
  if (!plan.isSoftwareSufficient || plan.method === 'destruction') return 'destruction';
  if (plan.method === 'file-level') return 'files';
  if (plan.method === 'crypto-erase') return 'crypto';
  return 'wipe';
}

/** The paths a plan offers: its own method first, then the alternatives the core named. */
export function pathsFor(plan: WipePlanDto): WizardPath[] {
  const first = defaultPath(plan);
  if (first === 'destruction') return ['destruction'];
  const paths: WizardPath[] = [first];
  for (const method of plan.alternatives) {
    const p: WizardPath = method === 'file-level' ? 'files' : method === 'crypto-erase' ? 'crypto' : method === 'destruction' ? 'destruction' : 'wipe';
    if (!paths.includes(p)) paths.push(p);
  }
  return paths;
}

/** Paths typed one a line, blank lines dropped. */
export function linesToPaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** How far an interrupted run got, for 继续. */
export function resumedPercent(resumable: NonNullable<WipePlanDto['resumable']>): number {
  if (!(resumable.bytesTotal > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((resumable.bytesDone / resumable.bytesTotal) * 100)));
}

export type RequestTab = 'mine' | 'actionable' | 'custody' | 'all';

export interface RequestRoles {
  canRequest: boolean;
  canApprove: boolean;
  canManage: boolean;
  canWipe: boolean;
}

/**
 * The tabs of 领用与审批 for what the roles do: their own requests, the steps waiting for them, the
 * custodian's hand-overs and returns; the whole list only for those who keep, approve or wipe media
 * (the core refuses it to others).
 */
export function requestTabs(roles: RequestRoles): { key: RequestTab; label: string }[] {
  return [
    ...(roles.canRequest ? [{ key: 'mine' as const, label: '我的申请' }] : []),
    ...(roles.canApprove ? [{ key: 'actionable' as const, label: '待我审批' }] : []),
    ...(roles.canManage ? [{ key: 'custody' as const, label: '交付与归还' }] : []),
    ...(roles.canManage || roles.canApprove || roles.canWipe ? [{ key: 'all' as const, label: '全部申请' }] : []),
  ];
}

/** Whoever approves lands on what waits for them; everyone else on their first tab; null: no tab at all. */
export function defaultRequestTab(roles: RequestRoles): RequestTab | null {
  if (roles.canApprove) return 'actionable';
  return requestTabs(roles)[0]?.key ?? null;
}
