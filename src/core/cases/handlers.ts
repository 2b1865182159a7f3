import { accessSettings } from '../access/accessSettings';
import { requireCaseAccess } from '../access/caseAccess';
import { visibleCasesClause } from '../access/listFilter';
import type { Handlers } from '../context';
import { RECORD_CATALOG } from './catalog';
import { getCaseRow, insertCase, toCaseDto, updateCase } from './caseStore';
import { importCaseFolder } from './importFolder';
import { getRecordRow, insertRecord, recordsOfCase, toRecordDto, updateRecord } from './recordStore';
import { searchCases } from './search';
import { correctionsOf } from './recordVersions';
import { assertCaseOpenForRecords, recordOpenForChange } from './guards';
import { pageHandlers } from './pageHandlers';

type CaseMethods =
  | 'records.strike'
  | 'catalog.list'
  | 'cases.list'
  | 'cases.get'
  | 'cases.create'
  | 'cases.update'
  | 'cases.importFolder'
  | 'records.add'
  | 'records.update'
  | 'records.remove';

const caseMethods: Pick<Handlers, CaseMethods> = {
  'catalog.list': { kind: 'read', access: 'signed-in', run: () => [...RECORD_CATALOG] },

  /** Only the cases the caller may see (access/listFilter.ts: the policy's view before archiving, and the archive's catalogue). */
  'cases.list': {
    kind: 'read',
    access: 'cases.read',
    run: (ctx, req) => searchCases(ctx.db, { ...req, visible: visibleCasesClause({ ...ctx.user!, userId: ctx.user!.id }, accessSettings(ctx.db)) }),
  },

  /** Opening a case is a view of case records, and views are logged (DB3206/T 1060 §4.10). */
  'cases.get': {
    kind: 'view',
    access: 'cases.read',
    run: (ctx, req) => {
      const row = getCaseRow(ctx.db, req);
      ctx.audit.target = `case:${row.case_number}`;
      requireCaseAccess(ctx, row.id, 'view');
      return { case: toCaseDto(ctx.db, row), records: recordsOfCase(ctx.db, row.id) };
    },
  },

  'cases.create': {
    kind: 'change',
    access: 'cases.write',
    run: (ctx, req) => {
      ctx.audit.target = `case:${req.caseNumber}`;
      const row = insertCase(ctx.db, req, req.closedOn ? '已结案' : '办理中', ctx.nowIso, ctx.user!.username);
      ctx.audit.detail = `案由 ${req.cause}，当事人 ${req.party.name}`;
      return toCaseDto(ctx.db, row);
    },
  },

  'cases.update': {
    kind: 'change',
    access: 'cases.write',
    run: (ctx, req) => {
      const row = getCaseRow(ctx.db, req);
      ctx.audit.target = `case:${row.case_number}`;
      // An archived case says it is read-only (updateCase), which tells more than a refusal would.
      if (row.state !== '已归档') requireCaseAccess(ctx, row.id, 'edit');
      ctx.audit.detail = `修改 ${Object.keys(req.patch).join('、')}`;
      return toCaseDto(ctx.db, updateCase(ctx.db, row, req.patch, ctx.nowIso));
    },
  },

  /** A job (reading the scans into pages takes time), with the caller's jobId when given. */
  'cases.importFolder': {
    kind: 'change',
    access: 'cases.import',
    runAsync: (ctx, req) => importCaseFolder(ctx, req.folder),
  },

  'records.add': {
    kind: 'change',
    access: 'records.write',
    run: (ctx, req) => {
      const c = assertCaseOpenForRecords(ctx, Number(req.caseId));
      const id = insertRecord(ctx.db, c.id, req.record, ctx.nowIso);
      ctx.audit.detail = `${req.record.type}《${req.record.title}》`;
      return toRecordDto(ctx.db, getRecordRow(ctx.db, id));
    },
  },

  'records.update': {
    kind: 'change',
    access: 'records.write',
    run: (ctx, req) => {
      const row = recordOpenForChange(ctx, req.recordId);
      updateRecord(ctx.db, row, req.patch);
      ctx.audit.detail = `文书 ${row.id}：修改 ${Object.keys(req.patch).join('、')}`;
      return toRecordDto(ctx.db, getRecordRow(ctx.db, row.id));
    },
  },

  /** 加划改符号 before signing (DB3206/T 1060 §6.2.2 c); after signing only a new version may correct. */
  'records.strike': {
    kind: 'change',
    access: 'records.write',
    run: (ctx, req) => {
      const row = recordOpenForChange(ctx, req.recordId);
      const { x, y, width, height } = req.region;
      const id = ctx.db
        .prepare('INSERT INTO record_corrections (record_id, page, x, y, width, height, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(row.id, req.page, x, y, width, height, req.reason, ctx.user!.username, ctx.nowIso).lastInsertRowid;
      ctx.audit.detail = `文书 ${row.id} 第 ${req.page} 页划改，原因：${req.reason}`;
      return correctionsOf(ctx.db, row.id).find((c) => c.id === String(id))!;
    },
  },

  'records.remove': {
    kind: 'change',
    access: 'records.write',
    run: (ctx, req) => {
      const row = recordOpenForChange(ctx, req.recordId);
      ctx.db.prepare('UPDATE records SET removed_at = ?, removed_reason = ? WHERE id = ?').run(ctx.nowIso, req.reason, row.id);
      ctx.audit.detail = `文书 ${row.id}《${row.title}》，原因：${req.reason}`;
      return null;
    },
  },
};

/** The case and record methods, with the page model of a record (pageHandlers.ts). */
export const caseHandlers = { ...caseMethods, ...pageHandlers };
