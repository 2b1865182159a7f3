import type { CaseState, CaseSummary, Page } from '../../contract';
import type { Db } from '../store/db';

export interface CaseQuery {
  search: string;
  state?: CaseState;
  offset: number;
  limit: number;
  /** Only the cases this SQL condition admits (access/listFilter.ts); none means all. */
  visible?: { sql: string; params: Record<string, unknown> };
}

/** FTS5 phrase syntax: the text inside double quotes, with quotes doubled. */
const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Any substring of case number, party name or cause. Three characters or more go through the
 * trigram index; one or two (a surname like 张三 typed as 张) cannot, and are matched by scanning,
 * which stays in the tens of milliseconds at 100 000 cases (see `npm run bench`).
 */
export function searchCases(db: Db, q: CaseQuery): Page<CaseSummary> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const text = q.search.trim();
  if (text) {
    if ([...text].length >= 3) {
      where.push('c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH @phrase)');
      params.phrase = ftsPhrase(text);
    } else {
      where.push('(instr(lower(c.case_number), @text) OR instr(c.party_name, @text) OR instr(c.cause, @text))');
      params.text = text.toLowerCase();
    }
  }
  if (q.state) {
    where.push('c.state = @state');
    params.state = q.state;
  }
  if (q.visible) {
    where.push(q.visible.sql);
    Object.assign(params, q.visible.params);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM cases c ${clause}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT c.id, c.case_number, c.cause, c.party_name, c.procedure, c.state, c.department, c.opened_on, c.closed_on,
              (SELECT count(*) FROM records r WHERE r.case_id = c.id AND r.removed_at IS NULL) AS record_count
       FROM cases c ${clause} ORDER BY c.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as {
    id: number;
    case_number: string;
    cause: string;
    party_name: string;
    procedure: CaseSummary['procedure'];
    state: CaseState;
    department: string;
    opened_on: string | null;
    closed_on: string | null;
    record_count: number;
  }[];
  return {
    total,
    items: rows.map((r) => ({
      id: String(r.id),
      caseNumber: r.case_number,
      cause: r.cause,
      partyName: r.party_name,
      procedure: r.procedure,
      state: r.state,
      department: r.department,
      openedOn: r.opened_on,
      closedOn: r.closed_on,
      recordCount: r.record_count,
    })),
  };
}
