import type { Role } from '../../contract';

export type Area = 'cases' | 'users' | 'audit';

export interface MenuEntry {
  area: Area;
  label: string;
  roles: readonly Role[];
}

/**
 * What the menu offers each role. The core decides every call; this only hides screens whose calls
 * would be refused, so that nobody lands on a wall of 无权限 messages.
 */
export const MENU: readonly MenuEntry[] = [
  { area: 'cases', label: '案件', roles: ['archivist', 'case-officer', 'department-head', 'legal-reviewer', 'leader'] },
  { area: 'users', label: '人员与角色', roles: ['system-admin', 'security-admin'] },
  { area: 'audit', label: '审计日志', roles: ['auditor'] },
];

export function menuFor(roles: readonly Role[]): MenuEntry[] {
  return MENU.filter((entry) => entry.roles.some((role) => roles.includes(role)));
}
