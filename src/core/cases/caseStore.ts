import type { CaseDto, CaseState, Handler, Party, Procedure } from '../../contract';
import { caseInputSchema } from '../../contract';
import type { z } from 'zod';
import { CoreError, notFound } from '../errors';
import type { Db } from '../store/db';

export type CaseInputParsed = z.output<typeof caseInputSchema>;

interface CaseRow {
  id: number;
  case_number: string;
  cause: string;
  party: string;
  source: string;
  procedure: Procedure;
  department: string;
  disposition: string;
  opened_on: string | null;
  closed_on: string | null;
  state: CaseState;
  created_at: string;
  updated_at: string;
}

export function getCaseRow(db: Db, ref: { caseId?: string; caseNumber?: string }): CaseRow {
  const row = ref.caseNumber
    ? db.prepare('SELECT * FROM cases WHERE case_number = ?').get(ref.caseNumber)
    : db.prepare('SELECT * FROM cases WHERE id = ?').get(Number(ref.caseId));
  if (!row) throw notFound(ref.caseNumber ? `案件“${ref.caseNumber}”` : '该案件');
  return row as CaseRow;
}

export function toCaseDto(db: Db, row: CaseRow): CaseDto {
  const handlers = (
    db.prepare('SELECT name, user_id FROM case_handlers WHERE case_id = ? ORDER BY position').all(row.id) as {
      name: string;
      user_id: number | null;
    }[]
  ).map((h): Handler => ({ name: h.name, userId: h.user_id === null ? null : String(h.user_id) }));
  return {
    id: String(row.id),
    caseNumber: row.case_number,
    cause: row.cause,
    party: JSON.parse(row.party) as Party,
    source: row.source,
    procedure: row.procedure,
    handlers,
    department: row.department,
    disposition: row.disposition,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkDates(c: { openedOn: string | null; closedOn: string | null }) {
  if (c.openedOn && c.closedOn && c.closedOn < c.openedOn) {
    throw new CoreError('bad-request', `结案日期（${c.closedOn}）早于立案日期（${c.openedOn}），请核对。`, 'closedOn');
  }
}

function writeHandlers(db: Db, caseId: number, handlers: Handler[]) {
  db.prepare('DELETE FROM case_handlers WHERE case_id = ?').run(caseId);
  const insert = db.prepare('INSERT INTO case_handlers (case_id, position, name, user_id) VALUES (?, ?, ?, ?)');
  handlers.forEach((h, i) => {
    if (h.userId !== null && !db.prepare('SELECT 1 FROM users WHERE id = ?').get(Number(h.userId))) {
      throw new CoreError('bad-request', `承办人“${h.name}”关联的人员不存在，请重新选择。`, `handlers.${i}.userId`);
    }
    insert.run(caseId, i + 1, h.name, h.userId === null ? null : Number(h.userId));
  });
}

/** `registeredBy`: the user who registers or imports the case, one of the people of the case (§4.10.1; caseAccess.ts). */
export function insertCase(db: Db, input: CaseInputParsed, state: CaseState, nowIso: string, registeredBy: string): CaseRow {
  checkDates(input);
  if (db.prepare('SELECT 1 FROM cases WHERE case_number = ?').get(input.caseNumber)) {
    throw new CoreError('conflict', `案件编号“${input.caseNumber}”已存在，请核对编号。`, 'caseNumber');
  }
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO cases (case_number, cause, party_kind, party_name, party, source, procedure, department, disposition,
                          opened_on, closed_on, state, created_at, updated_at, registered_by)
       VALUES (@caseNumber, @cause, @partyKind, @partyName, @party, @source, @procedure, @department, @disposition,
               @openedOn, @closedOn, @state, @now, @now, @registeredBy)`,
    )
    .run({
      ...input,
      partyKind: input.party.kind,
      partyName: input.party.name,
      party: JSON.stringify(input.party),
      state,
      now: nowIso,
      registeredBy,
    });
  const id = Number(lastInsertRowid);
  writeHandlers(db, id, input.handlers);
  return getCaseRow(db, { caseId: String(id) });
}

/**
 * 已归档 is reached only through the archive department's acceptance (DB3206/T 1060 §5.5), never by
 * editing; an archived case does not change any more.
 */
export function updateCase(
  db: Db,
  row: CaseRow,
  patch: Partial<CaseInputParsed> & { state?: CaseState },
  nowIso: string,
): CaseRow {
  if (row.state === '已归档') throw new CoreError('read-only', `案件“${row.case_number}”已归档，不能再修改。更正须以补充材料的方式另行登记。`);
  if (patch.state === '已归档') throw new CoreError('bad-request', '案件须经档案部门验收后才能归档，不能直接改为“已归档”。', 'state');
  const current = toCaseDto(db, row);
  const next = { ...current, ...patch };
  checkDates(next);
  if (next.state === '已结案' && !next.closedOn) throw new CoreError('bad-request', '设为“已结案”前请填写结案日期。', 'closedOn');
  if (patch.caseNumber && patch.caseNumber !== row.case_number && db.prepare('SELECT 1 FROM cases WHERE case_number = ?').get(patch.caseNumber)) {
    throw new CoreError('conflict', `案件编号“${patch.caseNumber}”已存在，请核对编号。`, 'caseNumber');
  }
  db.prepare(
    `UPDATE cases SET case_number = @caseNumber, cause = @cause, party_kind = @partyKind, party_name = @partyName, party = @party,
       source = @source, procedure = @procedure, department = @department, disposition = @disposition,
       opened_on = @openedOn, closed_on = @closedOn, state = @state, updated_at = @now WHERE id = @id`,
  ).run({
    ...next,
    id: row.id,
    partyKind: next.party.kind,
    partyName: next.party.name,
    party: JSON.stringify(next.party),
    now: nowIso,
  });
  if (patch.handlers) writeHandlers(db, row.id, patch.handlers);
  return getCaseRow(db, { caseId: String(row.id) });
}
