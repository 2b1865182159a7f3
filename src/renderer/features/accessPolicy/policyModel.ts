import { ROLE_LABELS, type AccessExplainDto, type Role } from '../../../contract';

/** The roles that a unit may let read its cases before archiving (the contract's accessSettingsUpdateSchema). */
export const PRE_ARCHIVE_ROLES = ['department-head', 'legal-reviewer', 'leader'] as const satisfies readonly Role[];

export const PRE_ARCHIVE_ROLE_OPTIONS = PRE_ARCHIVE_ROLES.map((role) => ({
  value: role,
  label: role === 'department-head' ? `${ROLE_LABELS[role]}（仅本部门案件）` : ROLE_LABELS[role],
}));

/** Chinese names of the actions the policy is asked about (the policy's own wording). */
export const EXPLAIN_ACTION_LABELS: Record<string, string> = {
  view: '查阅',
  print: '打印',
  export: '导出',
  edit: '修改',
  compile: '组卷',
  archive: '接收归档',
  approve: '审批借阅',
  administer: '系统管理',
};

export const DENY_CODE_LABELS: Record<string, string> = {
  role: '角色不允许',
  state: '案件状态不允许',
  terminal: '非指定查阅终端',
  grant: '没有借阅授权',
  expired: '借阅授权已到期',
  revoked: '借阅授权已撤销',
  flag: '借阅授权不含此项',
  self: '不能审批本人的申请',
};

export const GRANT_FACT_LABELS: Record<AccessExplainDto['facts']['grant'], string> = {
  none: '无',
  valid: '有效',
  expired: '已到期',
  revoked: '已撤销',
};

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

export type PreArchiveRole = (typeof PRE_ARCHIVE_ROLES)[number];

/** The chosen roles as the settings take them: only those the unit may let read before archiving. */
export function preArchiveReadersOf(roles: readonly Role[] | undefined): PreArchiveRole[] {
  return PRE_ARCHIVE_ROLES.filter((role) => (roles ?? []).includes(role));
}
