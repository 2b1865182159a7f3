import type { ArchiveReportDto } from '../../contract';
import { getUnit } from '../access/users';
import { appendAudit } from '../audit/log';
import { asJob } from '../jobs/asJob';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { storeSignedDocument } from '../signing/signedDocument';
import { unitSignerAsync } from '../signing/unitSigner';
import { dossierFindings, dossierState, type DossierState } from './assemble';
import { compileDossier } from './compile';
import { drawFourPropertyReport } from './forms';
import { checkFourProperties } from './fourProperties';
import { archivalCode, formatVolumeNumber, nextSerial, parseFilingNumber } from './numbers';
import { latestArchiveReport } from './reports';

/**
 * Acceptance by the archive department (DB3206/T 1060 §5.5.1, §5.5.2 a; DA/T 70): it gives the 分类号,
 * the dossier takes the unit's 全宗号 and the year's next free 案卷号 (kept if an earlier attempt
 * assigned one), the final volumes are compiled with those numbers on their covers, and the 四性检测
 * runs. The report is kept as signed PDF and JSON whatever the outcome; only when every item passes
 * does the dossier become 已归档, after which nothing in it changes (trigger in migration 0008).
 */
export async function archiveDossier(ctx: Context, s: DossierState, classCode: string): Promise<ArchiveReportDto & { jobId: string }> {
  const { caseRow } = s;
  assignNumbers(ctx, s, classCode);
  const numbered = dossierState(ctx.db, String(caseRow.id));
  // One unsealing of the key (a scrypt, ~0.4 s) for the volumes and the report, when first needed.
  let unsealed: ReturnType<typeof unitSignerAsync> | undefined;
  const signing = () => (unsealed ??= unitSignerAsync(ctx, '生成签章 PDF'));
  const compiled = await compileDossier(ctx, numbered, signing);
  appendAudit(ctx.db, {
    at: new Date().toISOString(),
    actor: ctx.user!.username,
    action: 'dossiers.compile',
    target: `case:${caseRow.case_number}/dossier`,
    terminalId: ctx.terminalId,
    channel: ctx.caller.channel,
    outcome: 'ok',
    detail: `接收归档时组卷：${compiled.volumes.map((v) => `${v.volume}第 ${v.edition} 版`).join('，')}`,
  });

  const { value: checked } = await asJob(ctx, 'archive', `四性检测：${caseRow.case_number}`, async (control) => {
    control.progress(0, 1, '四性检测');
    return { items: await checkFourProperties(ctx, numbered, compiled.volumes, control.signal) };
  });
  const items = checked.items;
  const passed = items.every((i) => i.passed);
  const row = numbered.row;
  const volume = { year: row.volume_year!, serial: row.volume_serial! };
  const unit = getUnit(ctx.db)!;
  const code = archivalCode(unit.fondsNumber, classCode, volume);
  const checkedAt = new Date().toISOString();

  // The report as JSON and as a signed PDF, both into the file store.
  const report = { format: 'dossier-four-property-report/1', caseNumber: caseRow.case_number, volumeNumber: formatVolumeNumber(volume), archivalCode: code, passed, items, checkedBy: ctx.user!.username, checkedAt };
  const { identity, signer } = await signing();
  const { value: stored } = await asJob(ctx, 'archive', '签章检测报告', (control) =>
    storeSignedDocument(ctx, {
      json: `${JSON.stringify(report, null, 2)}\n`,
      pdf: {
        metadata: { title: `${caseRow.case_number} 四性检测报告`, caseNumber: caseRow.case_number, recordType: '四性检测报告', author: unit.compilingUnit },
        signer,
        signerName: identity.subject,
        location: unit.compilingUnit,
        control,
        now: () => new Date(),
        afterPages: (doc) => drawFourPropertyReport(doc, { compilingUnit: unit.compilingUnit, caseNumber: caseRow.case_number, archivalCode: code, volumeNumber: formatVolumeNumber(volume), checkedBy: ctx.user!.username, checkedAt, passed }, items),
      },
    }),
  );

  try {
    ctx.db.transaction(() => {
      const insertFile = ctx.db.prepare('INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, ?, ?)');
      const pdfId = Number(insertFile.run(stored.pdf.sha256, stored.pdf.size, `${caseRow.case_number}-四性检测报告.pdf`, 'application/pdf', ctx.nowIso).lastInsertRowid);
      const jsonId = Number(insertFile.run(stored.json.sha256, stored.json.size, `${caseRow.case_number}-四性检测报告.json`, 'application/json', ctx.nowIso).lastInsertRowid);
      ctx.db
        .prepare('INSERT INTO archive_reports (case_id, passed, items, pdf_file_id, json_file_id, checked_by, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(caseRow.id, passed ? 1 : 0, JSON.stringify(items), pdfId, jsonId, ctx.user!.username, checkedAt);
      if (passed) {
        ctx.db.prepare('UPDATE dossier_drafts SET archived_at = ?, archived_by = ? WHERE case_id = ?').run(ctx.nowIso, ctx.user!.username, caseRow.id);
        ctx.db.prepare("UPDATE cases SET state = '已归档', updated_at = ? WHERE id = ?").run(ctx.nowIso, caseRow.id);
      }
    })();
  } catch (error) {
    if (stored.pdf.isNew) ctx.vault.discard(stored.pdf.sha256);
    if (stored.json.isNew) ctx.vault.discard(stored.json.sha256);
    throw error;
  }
  ctx.audit.detail = `案卷号 ${formatVolumeNumber(volume)}，档号 ${code}，四性检测${passed ? '全部通过，已归档' : `未通过：${items.filter((i) => !i.passed).map((i) => i.item).join('、')}`}`;
  return { ...latestArchiveReport(ctx.db, caseRow.id)!, jobId: compiled.jobId };
}

/**
 * 分类号 and 案卷号 are applied, then the archive-stage checks run on the dossier as it now stands;
 * any blocking finding rolls the assignment back and is reported, field by field.
 */
function assignNumbers(ctx: Context, s: DossierState, classCode: string): void {
  const { caseRow, row } = s;
  if (caseRow.state === '办理中') throw new CoreError('bad-request', '案件尚未结案，不能接收归档。', 'case.state');
  ctx.db.transaction(() => {
    if (row.volume_year === null) {
      const year = parseFilingNumber(row.filing_number ?? '')?.year ?? Number((caseRow.closed_on ?? ctx.nowIso).slice(0, 4));
      const used = ctx.db.prepare('SELECT volume_year AS year, volume_serial AS serial FROM dossier_drafts WHERE volume_year = ?').all(year) as { year: number; serial: number }[];
      ctx.db.prepare('UPDATE dossier_drafts SET volume_year = ?, volume_serial = ? WHERE case_id = ?').run(year, nextSerial(year, used), caseRow.id);
    }
    ctx.db.prepare('UPDATE dossier_drafts SET class_code = ? WHERE case_id = ?').run(classCode, caseRow.id);
    const errors = dossierFindings(ctx.db, dossierState(ctx.db, String(caseRow.id)), 'archive').filter((f) => f.level === 'error');
    if (errors.length) throw new CoreError('bad-request', `归档前检查未通过，请先处理：\n${errors.map((f) => `· ${f.message}`).join('\n')}`, errors[0]!.field);
  })();
}
