import { ACCESS_ACTION_LABELS, type AccessAction, type Role } from '../../contract';

/**
 * The access policy as one pure decision: who may do what to a case's records, where and under which
 * grant (DB3206/T 1060 §4.10). Default deny: every allow below names the rule that gives it; anything
 * no rule gives is refused. The table of every role × action × case state × terminal × grant is in
 * test/core/access/policy.table.md, written for a person to read and check.
 */

export { ACCESS_ACTION_LABELS, ACCESS_ACTIONS, type AccessAction } from '../../contract';

export type CaseState = '办理中' | '已结案' | '已归档';

/** The person asking, with what the caller knows of them. */
export interface AccessSubject {
  username: string;
  roles: readonly Role[];
  department: string;
}

/** The case whose records are asked for. `handlers` are usernames of its 承办人. */
export interface AccessCase {
  state: CaseState;
  department: string;
  handlers: readonly string[];
}

/** A borrowing grant of the archive department (§4.10.2) as it stands at the moment of asking. */
export type AccessGrant =
  | { status: 'none' }
  | { status: 'valid'; print: boolean; export: boolean }
  | { status: 'expired' }
  | { status: 'revoked' };

export interface AccessContext {
  /** The terminal the request comes from is designated for reading archived dossiers (§4.10.2). */
  designatedTerminal: boolean;
  grant: AccessGrant;
  /** For `approve`: who asked for the grant being approved (nobody approves their own request). */
  requestedBy?: string;
}

export interface AccessSettings {
  /**
   * Who, besides the case's handlers, may read a case before it is archived (§4.10.1 "授权人员"):
   * a unit setting. A department head only for the cases of their own department.
   */
  preArchiveReaders: readonly Role[];
}

export const DEFAULT_ACCESS_SETTINGS: AccessSettings = { preArchiveReaders: ['department-head', 'legal-reviewer', 'leader'] };

/** Why a request was refused; the fixture table uses these codes. */
export type DenyCode = 'role' | 'state' | 'terminal' | 'grant' | 'expired' | 'revoked' | 'flag' | 'self';

export type AccessDecision = { allow: true; reason: string } | { allow: false; code: DenyCode; reason: string };

/** Roles of 三员分立: they administer the system and never see case data. */
const ADMIN_ROLES: readonly Role[] = ['system-admin', 'security-admin'];
const CASE_ACTIONS: readonly AccessAction[] = ['view', 'print', 'export', 'edit', 'compile', 'archive'];

const allow = (reason: string): AccessDecision => ({ allow: true, reason });
const deny = (code: DenyCode, reason: string): AccessDecision => ({ allow: false, code, reason });

/**
 * Decides one request. Pure: same facts, same answer, so that every transport and every file access
 * can ask it and the table test covers what they all do.
 */
export function decideAccess(
  subject: AccessSubject,
  action: AccessAction,
  target: AccessCase,
  context: AccessContext,
  settings: AccessSettings = DEFAULT_ACCESS_SETTINGS,
): AccessDecision {
  const has = (role: Role) => subject.roles.includes(role);
  const what = ACCESS_ACTION_LABELS[action];

  if (!subject.roles.length) return deny('role', '该账户没有任何角色，不能进行任何操作。请由安全保密管理员分配角色。');

  if (action === 'administer') {
    // 三员分立: the system administrator keeps people and settings, the security administrator roles,
    // terminals and media policy; the auditor only reads the audit log (not an action on cases).
    return ADMIN_ROLES.some(has) ? allow('系统管理员或安全保密管理员的管理职责') : deny('role', '只有系统管理员或安全保密管理员可以进行系统管理。');
  }

  if (action === 'approve') {
    if (!has('archivist')) return deny('role', '借阅申请只能由档案管理部门审批（DB3206/T 1060 §4.10.2）。');
    if (target.state !== '已归档') return deny('state', '案件尚未归档，无需借阅审批；归档前由承办部门按规定访问（§4.10.1）。');
    if (context.requestedBy !== undefined && context.requestedBy === subject.username) return deny('self', '不能审批本人提出的借阅申请，请由档案管理部门的其他人员审批。');
    return allow('档案管理部门审批借阅申请（§4.10.2）');
  }

  if (!CASE_ACTIONS.includes(action)) return deny('role', `没有${what}的权限。`);
  if (subject.roles.every((r) => ADMIN_ROLES.includes(r) || r === 'auditor')) {
    return deny('role', '三员（系统管理员、安全保密管理员、安全审计员）不接触案件内容。');
  }

  const isHandler = has('case-officer') && target.handlers.includes(subject.username);
  const preArchiveReader = settings.preArchiveReaders.some(
    (role) => has(role) && (role !== 'department-head' || subject.department === target.department),
  );

  if (target.state === '已归档') return archived(action, subject, context);

  // Before archiving (§4.10.1): the handling department and the people authorized for the case.
  switch (action) {
    case 'view':
    case 'print':
    case 'export':
      if (isHandler) return allow('本案承办人（§4.10.1）');
      if (preArchiveReader) return allow('本单位设定的案件授权人员（§4.10.1）');
      if (has('archivist') && target.state === '已结案') return allow('已结案卷宗移交档案管理部门组卷归档');
      return deny('role', `案件归档前，只有本案承办人和授权人员可以${what}（§4.10.1）。`);
    case 'edit':
      if (isHandler) return allow('本案承办人在归档前办理、更正记录');
      if (has('archivist') && target.state === '已结案') return allow('档案管理部门整理已结案的卷宗');
      return deny('role', '只有本案承办人可以修改案件记录；已结案的卷宗也可由档案管理部门整理。');
    case 'compile':
      if (target.state !== '已结案') return deny('state', '案件尚未结案，不能组卷。请先登记结案。');
      if (isHandler || has('archivist')) return allow('本案承办人或档案管理部门组卷（§5.5）');
      return deny('role', '只有本案承办人或档案管理部门可以组卷。');
    case 'archive':
      if (!has('archivist')) return deny('role', '只有档案管理部门可以接收归档（§5.5.1）。');
      if (target.state !== '已结案') return deny('state', '案件尚未结案，不能接收归档。');
      return allow('档案管理部门接收归档（§5.5.1）');
    default:
      return deny('role', `没有${what}的权限。`);
  }
}

/** After archiving (§4.10.2): nothing changes; reading only at a designated terminal with a grant. */
function archived(action: AccessAction, subject: AccessSubject, context: AccessContext): AccessDecision {
  if (action === 'edit' || action === 'compile' || action === 'archive') {
    return deny('state', '卷宗已归档，内容不能再更改；更正请以补充文件归档，原卷保留。');
  }
  if (!context.designatedTerminal) return deny('terminal', '已归档的卷宗只能在档案管理部门指定的查阅终端上查阅（§4.10.2）。');
  const grant = context.grant;
  // The archive department keeps the archive: its staff read at a designated terminal without a
  // grant of their own, but print and export go through a grant like anyone's.
  if (action === 'view' && subject.roles.includes('archivist')) return allow('档案管理部门在指定终端管理馆藏');
  if (grant.status === 'none') return deny('grant', '查阅已归档卷宗须先提出借阅申请，经档案管理部门批准（§4.10.2）。');
  if (grant.status === 'expired') return deny('expired', '借阅授权已到期。如需继续查阅，请申请续借。');
  if (grant.status === 'revoked') return deny('revoked', '借阅授权已被档案管理部门撤销。');
  if (action === 'view') return allow('档案管理部门批准的借阅授权，在指定终端查阅（§4.10.2）');
  if (action === 'print') return grant.print ? allow('借阅授权允许打印') : deny('flag', '本次借阅授权不含打印。如需打印，请在申请中注明并重新审批。');
  return grant.export ? allow('借阅授权允许导出') : deny('flag', '本次借阅授权不含导出。如需导出，请在申请中注明并重新审批。');
}
