import type { Classification, MediaRequestKind, MediumKind, MediumStatus, Role } from '../../contract';
import { isStateSecret, ROLE_LABELS } from '../../contract';

/** The whole tag must match the unit's pattern, however the pattern is anchored. */
export function tagMatches(pattern: string, tag: string): boolean {
  return new RegExp(`^(?:${pattern})$`, 'u').test(tag);
}

/**
 * `media.setStatus`: the changes outside checkout and wiping (§6.1.3 a). Lost from wherever the
 * medium was not yet gone; found again only from lost; back in stock after a wipe for reuse; set
 * aside for destruction from anywhere it still physically is. Checked-out media must be returned
 * (or reported lost) first, so the holder's chain of custody is never skipped.
 */
const SET_STATUS_FROM: Record<'lost' | 'in-stock' | 'awaiting-destruction', readonly MediumStatus[]> = {
  lost: ['in-stock', 'requested', 'checked-out', 'awaiting-wipe', 'wiped', 'awaiting-destruction'],
  'in-stock': ['lost', 'wiped'],
  'awaiting-destruction': ['in-stock', 'lost', 'awaiting-wipe', 'wiped'],
};

export function maySetStatus(from: MediumStatus, to: keyof typeof SET_STATUS_FROM): boolean {
  return SET_STATUS_FROM[to].includes(from);
}

/**
 * After its wipe request is fully approved, a medium waits for wiping, or for destruction when
 * software cannot make it safe: 涉密 media (§6.1.3 d; DOMAIN.md) and optical discs (NIST SP 800-88
 * Rev. 1 Table A-1: optical media can only be destroyed).
 */
export function statusAfterWipeApproval(kind: MediumKind, classification: Classification): 'awaiting-wipe' | 'awaiting-destruction' {
  return isStateSecret(classification) || kind === 'optical' ? 'awaiting-destruction' : 'awaiting-wipe';
}

export interface StepActor {
  username: string;
  roles: readonly Role[];
  department: string;
}

export interface StepContext {
  kind: MediaRequestKind;
  stepRole: Role;
  stepLabel: string;
  asker: string;
  askerDepartment: string;
  mediumDepartment: string;
}

/**
 * Whether `actor` may take the waiting step (§6.1.3 c 逐级审批), or why not: never the asker
 * (no one approves their own request); the step's role; a department-head step only by the head of
 * the department concerned — the asker's for a checkout, the medium's owner for a wipe.
 */
export function stepRefusal(actor: StepActor, s: StepContext): string | null {
  if (actor.username === s.asker) return '不能审批本人提出的申请。';
  if (!actor.roles.includes(s.stepRole)) return `此步骤（${s.stepLabel}）须由“${ROLE_LABELS[s.stepRole]}”办理。`;
  if (s.stepRole === 'department-head') {
    const department = s.kind === 'checkout' ? s.askerDepartment : s.mediumDepartment;
    if (actor.department !== department) {
      return s.kind === 'checkout' ? `此步骤须由申请人所在部门（${department}）的负责人审批。` : `此步骤须由介质所属部门（${department}）的负责人审批。`;
    }
  }
  return null;
}
