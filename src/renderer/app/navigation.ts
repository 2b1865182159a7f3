import type { Permission } from '../../contract';

export type Area =
  | 'cases'
  | 'dossiers'
  | 'borrowing'
  | 'approvals'
  | 'reading'
  | 'rules'
  | 'scans'
  | 'users'
  | 'signing'
  | 'terminals'
  | 'policy'
  | 'explain'
  | 'audit'
  | 'verify'
  | 'media'
  | 'mediaRequests'
  | 'wipe'
  | 'certificates'
  | 'mediaRules'
  | 'erecords';

/** Areas the menu can offer; the reading room opens only by address (from 我的借阅 or an archived case). */
export type MenuArea = Exclude<Area, 'reading'>;

export interface MenuEntry {
  area: MenuArea;
  label: string;
  /**
   * The permission the screen's first call needs; the core reports each session's permissions.
   * null: any signed-in user may use it.
   */
  permission: Permission | readonly Permission[] | null;
}

/**
 * What the menu offers. The core decides every call; this only hides screens whose calls would be
 * refused, so that nobody lands on a wall of 无权限 messages.
 */
export const MENU: readonly MenuEntry[] = [
  { area: 'cases', label: '案件', permission: 'cases.read' },
  { area: 'dossiers', label: '卷宗', permission: 'cases.read' },
  // Archived dossiers are read only on a grant of the archive department (DB3206/T 1060 §4.10.2).
  { area: 'borrowing', label: '我的借阅', permission: 'access.request' },
  { area: 'approvals', label: '借阅审批', permission: 'access.approve' },
  // The archive department keeps the unit's dossier rules (rules.update needs 接收归档).
  { area: 'rules', label: '组卷规则', permission: 'dossiers.archive' },
  { area: 'scans', label: '扫描件转 PDF', permission: 'records.write' },
  { area: 'users', label: '人员与角色', permission: 'people.read' },
  // The unit's certificate is the system administrator's to look after (三员分立).
  { area: 'signing', label: '签章证书', permission: 'people.manage' },
  // Designated reading terminals (DB3206/T 1060 §4.10.2) are the security administrator's.
  { area: 'terminals', label: '查阅终端', permission: 'terminals.manage' },
  // Who may read before archiving (§4.10.1) is access control: the security administrator's.
  { area: 'policy', label: '访问策略', permission: 'access.settings' },
  { area: 'audit', label: '审计日志', permission: 'audit.read' },
  // Why the policy allows or refuses: for the security administrator and the auditor (after the log it explains).
  { area: 'explain', label: '策略查询', permission: 'access.explain' },
  // Storage media as assets (DB3206/T 1060 §6.1.3): the register, checkout, wiping and its evidence.
  { area: 'media', label: '存储介质台账', permission: 'media.read' },
  // Asking, approving, keeping or wiping media: the screen has nothing for someone who only reads the register.
  { area: 'mediaRequests', label: '领用与审批', permission: ['media.request', 'media.approve', 'media.manage', 'media.wipe'] },
  // Only the information-security officer sanitizes media (§6.1.3 d).
  { area: 'wipe', label: '清除向导', permission: 'media.wipe' },
  { area: 'certificates', label: '清除证书', permission: 'media.read' },
  { area: 'mediaRules', label: '介质规则', permission: 'media.settings' },
  // Electronic records and their retention (§6.1.2 Table 2, §4.7.3).
  { area: 'erecords', label: '电子记录', permission: 'erecords.read' },
  { area: 'verify', label: '验证 PDF', permission: null },
];

export function menuFor(permissions: readonly Permission[]): MenuEntry[] {
  return MENU.filter((entry) => {
    if (entry.permission === null) return true;
    const anyOf: readonly Permission[] = typeof entry.permission === 'string' ? [entry.permission] : entry.permission;
    return anyOf.some((p) => permissions.includes(p));
  });
}

/**
 * Screens that open by address even when the menu hides them: any signed-in user may read the unit's
 * dossier rules (rules.get), so the screen shows them read-only rather than sending the user away; the
 * reading room is reached from 我的借阅 or, for the archive department, from an archived case, and the
 * core decides at reading.open whether this person may read here.
 */
const OPEN_BY_ADDRESS: readonly Area[] = ['rules', 'reading'];

export function isOpenByAddress(area: Area): boolean {
  return OPEN_BY_ADDRESS.includes(area);
}
