import type { Permission, Role } from '../../contract';
import { PERMISSIONS } from '../../contract';

export { PERMISSION_LABELS, PERMISSIONS, type Permission } from '../../contract';

/**
 * What each role may do. 三员分立: the system administrator, the security administrator and the
 * auditor hold no permission on case records (DB3206/T 1060 §4.10 keeps case records to the people
 * of the case and the archive department).
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // 三员分立 (issue 5 item 6): the system administrator keeps people and settings and gives a new account
  // its first roles; changing anyone's roles afterwards is the security administrator's alone.
  'system-admin': ['people.read', 'people.manage'],
  // Designating reading terminals (DB3206/T 1060 §4.10.2 指定地点) and who may read before archiving
  // (§4.10.1 授权人员) are access control: the security administrator's.
  'security-admin': ['people.read', 'roles.assign', 'terminals.manage', 'access.explain', 'access.settings', 'media.read', 'media.settings'],
  // The auditor may ask the policy why a logged refusal happened; it shows no case content.
  auditor: ['audit.read', 'access.explain', 'media.read'],
  // The archive department accepts and archives dossiers (DB3206/T 1060 §5.5.1: 全宗号, 分类号, 案卷号 are
  // its to assign) and approves borrowing (§4.10.2); case officers bind their closed cases (立卷).
  archivist: ['cases.read', 'cases.import', 'records.write', 'fixity.run', 'dossiers.compile', 'dossiers.archive', 'access.approve', 'media.read', 'media.request', 'erecords.read', 'erecords.write', 'erecords.dispose'],
  'case-officer': ['cases.read', 'cases.write', 'cases.import', 'records.write', 'dossiers.compile', 'access.request', 'media.read', 'media.request', 'erecords.read', 'erecords.write'],
  'department-head': ['cases.read', 'access.request', 'media.read', 'media.request', 'media.approve', 'erecords.read', 'erecords.approve'],
  'legal-reviewer': ['cases.read', 'access.request', 'media.read', 'media.request'],
  leader: ['cases.read', 'access.request', 'media.read', 'media.approve', 'erecords.read', 'erecords.approve'],
  // A reader finds archived dossiers in the catalogue and asks to read them; what they read, the policy decides.
  reader: ['cases.read', 'access.request'],
  // The information-security officer keeps the media and sanitizes them (DB3206/T 1060 §6.1.3 d); the
  // information centre files checkouts (§6.1.3 c 备案) and keeps the electronic-record store (§6.1.2).
  'security-officer': ['fixity.run', 'media.read', 'media.manage', 'media.request', 'media.wipe', 'erecords.read'],
  'info-centre': ['media.read', 'media.manage', 'media.approve', 'erecords.read', 'erecords.write', 'erecords.dispose'],
};

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/** The three administrator roles of 三员分立 must be held by three different people. */
export const SEPARATED_ROLES: readonly Role[] = ['system-admin', 'security-admin', 'auditor'];

export function separationConflict(roles: readonly Role[]): string | null {
  const held = SEPARATED_ROLES.filter((r) => roles.includes(r));
  return held.length > 1 ? '三员分立：系统管理员、安全保密管理员和安全审计员须由不同人员担任，不能兼任。' : null;
}

/** Everything the roles together allow, in the contract's order. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return PERMISSIONS.filter((p) => hasPermission(roles, p));
}
