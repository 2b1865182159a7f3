import type { Permission } from '../../contract';

export type Area = 'cases' | 'users' | 'audit';

export interface MenuEntry {
  area: Area;
  label: string;
  /** The permission the screen's first call needs; the core reports each session's permissions. */
  permission: Permission;
}

/**
 * What the menu offers. The core decides every call; this only hides screens whose calls would be
 * refused, so that nobody lands on a wall of 无权限 messages.
 */
export const MENU: readonly MenuEntry[] = [
  { area: 'cases', label: '案件', permission: 'cases.read' },
  { area: 'users', label: '人员与角色', permission: 'people.read' },
  { area: 'audit', label: '审计日志', permission: 'audit.read' },
];

export function menuFor(permissions: readonly Permission[]): MenuEntry[] {
  return MENU.filter((entry) => permissions.includes(entry.permission));
}
