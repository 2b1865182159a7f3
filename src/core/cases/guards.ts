import { requireCaseAccess } from '../access/caseAccess';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { getCaseRow } from './caseStore';
import { getRecordRow } from './recordStore';
import { assertNotSigned } from './recordVersions';

/** Records of an archived case are fixed (DB3206/T 1060 §6.2.2 d); corrections come as new records later. */
export function assertCaseOpenForRecords(ctx: Context, caseId: number) {
  const row = getCaseRow(ctx.db, { caseId: String(caseId) });
  ctx.audit.target = `case:${row.case_number}`;
  if (row.state === '已归档') throw new CoreError('read-only', `案件“${row.case_number}”已归档，文书不能再增删改。`);
  // Only the people of the case change its records before archiving, or the archive department once closed (§4.10.1).
  requireCaseAccess(ctx, row.id, 'edit');
  return row;
}

/**
 * A record that may still change, its fields, scans and pages: its case is not archived and it has no
 * signed version (§6.2.2 d). Long work checks it again inside its final transaction.
 */
export function recordOpenForChange(ctx: Context, recordId: string | number) {
  const row = getRecordRow(ctx.db, recordId);
  const caseRow = assertCaseOpenForRecords(ctx, row.case_id);
  ctx.audit.target = `case:${caseRow.case_number}/record:${row.id}`;
  assertNotSigned(ctx.db, row.id);
  return row;
}
