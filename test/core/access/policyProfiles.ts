import type { AccessCase, AccessGrant, AccessSubject } from '../../../src/core/access/policy';

/**
 * The people and the case of the access table (policy.table.md). Each profile is a role plus how the
 * person stands to the case: the rules before archiving depend on it (DB3206/T 1060 §4.10.1).
 */
export const TABLE_CASE_DEPARTMENT = '专卖监督管理科';

/** The case, in each of its states; 张承办 handles it. */
export function tableCase(state: AccessCase['state']): AccessCase {
  return { state, department: TABLE_CASE_DEPARTMENT, handlers: ['zhang', 'li'] };
}

export const TABLE_PROFILES: Record<string, AccessSubject> = {
  系统管理员: { username: 'sysadmin', roles: ['system-admin'], department: '办公室' },
  安全保密管理员: { username: 'secadmin', roles: ['security-admin'], department: '办公室' },
  安全审计员: { username: 'auditor', roles: ['auditor'], department: '办公室' },
  档案管理员: { username: 'archivist', roles: ['archivist'], department: '档案室' },
  '承办人（本案）': { username: 'zhang', roles: ['case-officer'], department: TABLE_CASE_DEPARTMENT },
  '承办人（他案）': { username: 'wang', roles: ['case-officer'], department: TABLE_CASE_DEPARTMENT },
  '部门负责人（本部门）': { username: 'head', roles: ['department-head'], department: TABLE_CASE_DEPARTMENT },
  '部门负责人（其他部门）': { username: 'otherhead', roles: ['department-head'], department: '内部专卖管理监督科' },
  法制审核员: { username: 'legal', roles: ['legal-reviewer'], department: '法规科' },
  局领导: { username: 'leader', roles: ['leader'], department: '局领导' },
  查阅人: { username: 'reader', roles: ['reader'], department: '营销中心' },
  信息安全员: { username: 'infosec', roles: ['security-officer'], department: '信息中心' },
  信息中心: { username: 'infocentre', roles: ['info-centre'], department: '信息中心' },
};

/** The table's grant columns. */
export const TABLE_GRANTS: Record<string, AccessGrant> = {
  无授权: { status: 'none' },
  仅查阅: { status: 'valid', print: false, export: false },
  可打印导出: { status: 'valid', print: true, export: true },
  已过期: { status: 'expired' },
  已撤销: { status: 'revoked' },
};

export const TABLE_TERMINALS: Record<string, boolean> = { 指定终端: true, 非指定终端: false };

/** Cell notation: ✓ allowed, or ✗ and why. */
export const DENY_MARKS = {
  '✗角色': 'role',
  '✗状态': 'state',
  '✗终端': 'terminal',
  '✗授权': 'grant',
  '✗过期': 'expired',
  '✗撤销': 'revoked',
  '✗未含': 'flag',
  '✗本人': 'self',
} as const;
