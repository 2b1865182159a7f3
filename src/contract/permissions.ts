/**
 * What a session may do, as the core decides it from the person's roles. The UI shows only what a
 * session may do; the core still checks every call.
 */
export const PERMISSIONS = [
  'people.read',
  'people.manage',
  'roles.assign',
  'audit.read',
  'cases.read',
  'cases.write',
  'cases.import',
  'records.write',
  'fixity.run',
  'dossiers.compile',
  'dossiers.archive',
  'terminals.manage',
  'access.request',
  'access.approve',
  'access.explain',
  'access.settings',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'people.read': '查看人员',
  'people.manage': '管理人员',
  'roles.assign': '分配角色',
  'audit.read': '查看审计日志',
  'cases.read': '查看案件',
  'cases.write': '登记和修改案件',
  'cases.import': '导入案件',
  'records.write': '登记文书',
  'fixity.run': '校验存储文件',
  'dossiers.compile': '组卷（立卷）',
  'dossiers.archive': '接收归档',
  'terminals.manage': '指定查阅终端',
  'access.request': '申请借阅',
  'access.approve': '审批借阅',
  'access.explain': '查询访问策略',
  'access.settings': '设置访问策略',
};
