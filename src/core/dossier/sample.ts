import type { CaseImportResult } from '../../contract';
import { importCaseFolder } from '../cases/importFolder';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { findResource } from '../resources';
import { convertRecord } from '../scan/convertRecord';
import { allFilingNumbers, dossierRow } from './store';
import { unitRules } from './rules';
import { formatFilingNumber, nextSerial, parseFilingNumber } from './numbers';

/**
 * The synthetic sample case (issue 4 item 8): invented names and generated scans, shipped under
 * resources/sample-case. It is imported like any case folder, each record gets its signed version,
 * and the dossier gets the year's next free 归档号, so that a new user can compile and archive a
 * dossier at once. Everything it does is audited like the same steps done by hand.
 */
export async function importSampleCase(ctx: Context): Promise<CaseImportResult> {
  const folder = findResource('sample-case');
  if (!folder) throw new CoreError('not-found', '找不到随程序安装的示例案件（resources/sample-case）。请重新安装本软件。');
  const imported = await importCaseFolder(ctx, folder);
  const caseId = Number(imported.case.id);
  for (const r of ctx.db.prepare('SELECT id FROM records WHERE case_id = ? AND removed_at IS NULL ORDER BY id').all(caseId) as { id: number }[]) {
    await convertRecord(ctx, { recordId: String(r.id) });
  }
  const year = Number((imported.case.closedOn ?? ctx.nowIso).slice(0, 4));
  const filing = formatFilingNumber({ year, serial: nextSerial(year, allFilingNumbers(ctx.db).map(parseFilingNumber)) });
  // The draft starts from the unit's rules like any other (its stamp corner), then gets the 归档号.
  dossierRow(ctx.db, caseId, unitRules(ctx.db).stampPosition);
  ctx.db.prepare('UPDATE dossier_drafts SET filing_number = ? WHERE case_id = ?').run(filing, caseId);
  ctx.audit.target = `case:${imported.case.caseNumber}`;
  ctx.audit.detail = `示例案件：${imported.recordCount} 份文书已生成签章 PDF，归档号 ${filing}`;
  return imported;
}
