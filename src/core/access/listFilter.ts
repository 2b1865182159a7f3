import type { AccessSettingsDto } from '../../contract';
import type { AccessSubject } from './policy';

/**
 * The case list as SQL (it must stay fast at 100 000 cases): which cases a person sees in the list.
 * It is the SQL form of the policy's 'view' before archiving (policy.ts, §4.10.1) — the people of the
 * case, the unit's authorized roles (a department head for their own department), the archive
 * department for closed cases — plus every archived case as a catalogue entry: finding an archived
 * dossier is not reading it, and a reader must find it to ask to borrow it (§4.10.2). Opening one
 * still goes through the policy. test/core/access/listFilter.test.ts holds the two together.
 */
export function visibleCasesClause(subject: AccessSubject & { userId: number }, settings: Pick<AccessSettingsDto, 'preArchiveReaders'>): { sql: string; params: Record<string, unknown> } {
  const roles = subject.roles;
  const terms = [`c.state = '已归档'`];
  const params: Record<string, unknown> = {};
  if (roles.includes('case-officer')) {
    terms.push('c.registered_by = @visUsername', 'EXISTS (SELECT 1 FROM case_handlers h WHERE h.case_id = c.id AND h.user_id = @visUserId)');
    params.visUsername = subject.username;
    params.visUserId = subject.userId;
  }
  const readers = settings.preArchiveReaders.filter((r) => roles.includes(r));
  if (readers.some((r) => r !== 'department-head')) terms.push('1');
  else if (readers.includes('department-head')) {
    terms.push('c.department = @visDepartment');
    params.visDepartment = subject.department;
  }
  if (roles.includes('archivist')) terms.push(`c.state = '已结案'`);
  return { sql: `(${terms.join(' OR ')})`, params };
}
