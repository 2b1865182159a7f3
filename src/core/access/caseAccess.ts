import type { Context } from '../context';
import { CoreError } from '../errors';
import { isDesignatedTerminal } from '../terminals/register';
import { accessSettings } from './accessSettings';
import { currentGrant, type CurrentGrant } from './grants';
import { decideAccess, type AccessAction, type AccessCase, type AccessDecision, type AccessSubject, type CaseState } from './policy';

/** What the policy needs to know about a case: its state, department and the people of the case. */
export interface CaseFacts extends AccessCase {
  id: number;
  caseNumber: string;
}

/**
 * The people of a case before archiving (§4.10.1): its handlers linked to user accounts, and the
 * user who registered or imported it (who works the case in the system). Usernames.
 */
export function caseFacts(db: Context['db'], caseId: number): CaseFacts {
  const row = db.prepare('SELECT id, case_number, state, department, registered_by FROM cases WHERE id = ?').get(caseId) as
    | { id: number; case_number: string; state: CaseState; department: string; registered_by: string | null }
    | undefined;
  if (!row) throw new CoreError('not-found', '案件不存在，可能已被删除。');
  const linked = db
    .prepare('SELECT u.username FROM case_handlers h JOIN users u ON u.id = h.user_id WHERE h.case_id = ? ORDER BY h.position')
    .all(caseId) as { username: string }[];
  const people = [...new Set([...linked.map((h) => h.username), ...(row.registered_by ? [row.registered_by] : [])])];
  return { id: row.id, caseNumber: row.case_number, state: row.state, department: row.department, handlers: people };
}

export interface CaseAccessAnswer {
  decision: AccessDecision;
  facts: CaseFacts;
  subject: AccessSubject;
  terminal: { id: string; designated: boolean };
  grant: CurrentGrant;
}

/**
 * Asks the one policy (policy.ts) about the caller, or about another person and terminal
 * (access.explain), with the facts as they stand now. Every transport and every file access comes
 * through here or through `requireCaseAccess`.
 */
/** What asking needs of a call: the store, the clock, who and where. The file route has no full Context. */
export type AccessEnv = Pick<Context, 'db' | 'now' | 'user' | 'terminal'>;

export function askCaseAccess(
  ctx: AccessEnv,
  caseId: number,
  action: AccessAction,
  who: { subject: AccessSubject; terminal: { id: string; fingerprint: string | null } } = callerOf(ctx),
  requestedBy?: string,
): CaseAccessAnswer {
  const facts = caseFacts(ctx.db, caseId);
  const designated = isDesignatedTerminal(ctx.db, who.terminal.id, who.terminal.fingerprint);
  const grant = currentGrant(ctx.db, who.subject.username, caseId, ctx.now);
  const decision = decideAccess(who.subject, action, facts, { designatedTerminal: designated, grant: grant.grant, requestedBy }, accessSettings(ctx.db));
  return { decision, facts, subject: who.subject, terminal: { id: who.terminal.id, designated }, grant };
}

/**
 * The caller may do `action` on the case, or a refusal is thrown with the policy's reason in
 * Chinese; the pipeline logs it as denied (issue 5 item 7: every refusal in the audit log).
 */
export function requireCaseAccess(ctx: Context, caseId: number, action: AccessAction): CaseAccessAnswer {
  const answer = askCaseAccess(ctx, caseId, action);
  if (!ctx.audit.target) ctx.audit.target = `case:${answer.facts.caseNumber}`;
  if (!answer.decision.allow) throw new CoreError('forbidden', `案件“${answer.facts.caseNumber}”：${answer.decision.reason}`);
  return answer;
}

function callerOf(ctx: AccessEnv): { subject: AccessSubject; terminal: { id: string; fingerprint: string | null } } {
  if (!ctx.user) throw new CoreError('unauthenticated', '尚未登录或登录已超时，请重新登录。');
  return { subject: { username: ctx.user.username, roles: ctx.user.roles, department: ctx.user.department }, terminal: { id: ctx.terminal.id, fingerprint: ctx.terminal.fingerprint } };
}
