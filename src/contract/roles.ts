/**
 * Roles of the workstation. 三员分立 (system-admin, security-admin, auditor) follows the usual
 * separation of duties for information systems handling enforcement records; DB3206/T 1060 §4.10.
 */
export const ROLES = [
  'system-admin',
  'security-admin',
  'auditor',
  'archivist',
  'case-officer',
  'department-head',
  'legal-reviewer',
  'leader',
  'reader',
  'security-officer',
  'info-centre',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  'system-admin': '系统管理员',
  'security-admin': '安全保密管理员',
  auditor: '安全审计员',
  archivist: '档案管理员',
  'case-officer': '承办人',
  'department-head': '部门负责人',
  'legal-reviewer': '法制审核员',
  leader: '局领导',
  reader: '查阅人',
  'security-officer': '信息安全员',
  'info-centre': '信息中心',
};
