import { PRE_ARCHIVE_READER_ROLES, ROLE_LABELS, type Role } from '../../../contract';

export const PRE_ARCHIVE_ROLE_OPTIONS = PRE_ARCHIVE_READER_ROLES.map((role) => ({
  value: role,
  label: role === 'department-head' ? `${ROLE_LABELS[role]}（仅本部门案件）` : ROLE_LABELS[role],
}));

export interface ExplainValues {
  username: string;
  action: string;
  caseNumber: string;
  terminalId?: string;
}

/** The explain request as sent: a blank terminal means the caller's own. */
export function explainRequest(values: ExplainValues) {
  const terminalId = (values.terminalId ?? '').trim();
  return {
    username: (values.username ?? '').trim(),
    action: values.action as 'view',
    caseNumber: (values.caseNumber ?? '').trim(),
    ...(terminalId ? { terminalId } : {}),
  };
}

export type PreArchiveRole = (typeof PRE_ARCHIVE_READER_ROLES)[number];

/** The chosen roles as the settings take them: only those the unit may let read before archiving. */
export function preArchiveReadersOf(roles: readonly Role[] | undefined): PreArchiveRole[] {
  return PRE_ARCHIVE_READER_ROLES.filter((role) => (roles ?? []).includes(role));
}
