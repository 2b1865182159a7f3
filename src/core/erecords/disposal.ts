import type { DisposalDto, ParsedRequestOf } from '../../contract';
import { getUnit } from '../access/users';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { asJob } from '../jobs/asJob';
import type { writeSignedPdf } from '../scan/convert';
import { storeSignedDocument } from '../signing/signedDocument';
import { unitSigner } from '../signing/unitSigner';
import type { StoredFile } from '../vault/vault';
import { certificateNumber, DISPOSAL_METHOD, signCertificate, type DisposalCertificate } from './certificate';
import { drawDisposalCertificate } from './certificateForm';
import { purgeDisposedBytes } from './purge';
import { retentionClassOf } from './retention';
import { disposalDto, disposalRecordIds, getDisposalRow, getRecordRow, isDue, recordFiles, type RecordRow } from './store';

/**
 * Asks to dispose of records whose Table 2 retention has ended (DB3206/T 1060 §6.1.2). A record not
 * yet due, kept 长期, already asked for or disposed is refused by name, so nothing is asked for that
 * retention still protects.
 */
export function requestDisposal(ctx: Context, req: ParsedRequestOf<'erecords.requestDisposal'>): DisposalDto {
  const ids = [...new Set(req.recordIds)];
  const rows = ids.map((id) => getRecordRow(ctx.db, id));
  const refusals = rows.flatMap((r) => {
    if (r.status === 'disposed') return [`“${r.name}”已销毁`];
    if (r.status === 'disposal-requested') return [`“${r.name}”已在另一份销毁申请中，等待审批`];
    if (r.disposal_due_on === null) return [`“${r.name}”保存期限为长期，不能销毁`];
    if (!isDue(r, ctx.now)) return [`“${r.name}”的保存期限至 ${r.disposal_due_on} 届满，尚未到期`];
    return [];
  });
  if (refusals.length) throw new CoreError('bad-request', `以下电子记录不能申请销毁（DB3206/T 1060 表 2 存储期限）：\n${refusals.map((m) => `· ${m}`).join('\n')}`, 'recordIds');
  const disposalId = Number(
    ctx.db.prepare('INSERT INTO electronic_record_disposals (requested_by, requested_at, reason) VALUES (?, ?, ?)').run(ctx.user!.username, ctx.nowIso, req.reason).lastInsertRowid,
  );
  const item = ctx.db.prepare('INSERT INTO electronic_record_disposal_items (disposal_id, record_id) VALUES (?, ?)');
  const mark = ctx.db.prepare("UPDATE electronic_records SET status = 'disposal-requested' WHERE id = ? AND status = 'kept'");
  for (const r of rows) {
    item.run(disposalId, r.id);
    mark.run(r.id);
  }
  ctx.audit.target = `erecord-disposal:${disposalId}`;
  ctx.audit.detail = `申请销毁 ${rows.length} 件：${rows.map((r) => r.name).join('；')}；理由：${req.reason}`;
  return disposalDto(ctx.db, disposalId);
}

/** A pending request decided by someone other than who asked (two people for a destruction). */
function pendingForDecision(ctx: Context, disposalId: string) {
  const row = getDisposalRow(ctx.db, disposalId);
  ctx.audit.target = `erecord-disposal:${row.id}`;
  if (row.status !== 'pending') throw new CoreError('conflict', `销毁申请 ${row.id} 已${row.status === 'approved' ? '批准并执行' : '不予批准'}，不能再审批。`, 'disposalId');
  if (row.requested_by === ctx.user!.username) throw new CoreError('forbidden', '不能审批本人提出的销毁申请，请由其他有审批权限的人员审批。', 'disposalId');
  return row;
}

export function rejectDisposal(ctx: Context, req: ParsedRequestOf<'erecords.rejectDisposal'>): DisposalDto {
  const row = pendingForDecision(ctx, req.disposalId);
  ctx.db
    .prepare("UPDATE electronic_record_disposals SET status = 'rejected', decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?")
    .run(ctx.user!.username, ctx.nowIso, req.reason, row.id);
  // The records stay kept and may be asked for again.
  ctx.db
    .prepare("UPDATE electronic_records SET status = 'kept' WHERE status = 'disposal-requested' AND id IN (SELECT record_id FROM electronic_record_disposal_items WHERE disposal_id = ?)")
    .run(row.id);
  ctx.audit.detail = `不予批准：${req.reason}`;
  return disposalDto(ctx.db, row.id);
}

/**
 * Approves and carries out a disposal: the certificate is written and signed first (PDF/A and JSON
 * into the file store); then one transaction files it, marks the records disposed and takes away
 * their `files` rows; only after that commit are the bytes removed from the store. A failure before
 * the commit leaves everything as it was (the certificate's bytes are discarded); a crash after it
 * leaves only bytes nobody references, which `purgeDisposedBytes` removes before the next disposal.
 */
export async function approveDisposal(ctx: Context, req: ParsedRequestOf<'erecords.approveDisposal'>): Promise<DisposalDto> {
  purgeDisposedBytes(ctx);
  const row = pendingForDecision(ctx, req.disposalId);
  const { identity, signer } = unitSigner(ctx, '签署电子记录销毁证明');
  const records = disposalRecordIds(ctx.db, row.id).map((id) => getRecordRow(ctx.db, id));
  assertStillDue(ctx, records);
  const files = recordFiles(ctx.db, records.map((r) => r.id));
  const unit = getUnit(ctx.db)!.compilingUnit;
  const number = certificateNumber(row.id, ctx.now);
  const certificate: DisposalCertificate = {
    format: 'erecord-disposal-certificate/1',
    number,
    unit,
    disposalId: String(row.id),
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name ?? row.requested_by,
    requestedAt: row.requested_at,
    approvedBy: ctx.user!.username,
    approvedByName: ctx.user!.displayName,
    approvedAt: ctx.nowIso,
    approvalNote: req.note,
    method: DISPOSAL_METHOD,
    records: records.map((r) => {
      const cls = retentionClassOf(r.retention_class);
      return {
        id: String(r.id),
        name: r.name,
        kind: cls.kind,
        feature: cls.feature,
        retention: cls.retention,
        endedAt: r.ended_at,
        disposalDueOn: r.disposal_due_on!,
        files: files.get(r.id)!.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
      };
    }),
  };
  const signed = await signCertificate(certificate, signer, identity);
  const stored = await storeCertificate(ctx, certificate, JSON.stringify(signed, null, 2), { signer, signerName: identity.subject, location: unit });
  ctx.onRollback(() => {
    if (stored.pdf.isNew) ctx.vault.discard(stored.pdf.sha256);
    if (stored.json.isNew) ctx.vault.discard(stored.json.sha256);
  });

  const released = ctx.db.transaction(() => {
    // The signing awaited: look again, so a second approval of the same request cannot also run.
    pendingForDecision(ctx, req.disposalId);
    assertStillDue(ctx, disposalRecordIds(ctx.db, row.id).map((id) => getRecordRow(ctx.db, id)));
    const insertFile = ctx.db.prepare('INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, ?, ?)');
    const pdfId = Number(insertFile.run(stored.pdf.sha256, stored.pdf.size, `${number}-电子记录销毁证明.pdf`, 'application/pdf', ctx.nowIso).lastInsertRowid);
    const jsonId = Number(insertFile.run(stored.json.sha256, stored.json.size, `${number}-电子记录销毁证明.json`, 'application/json', ctx.nowIso).lastInsertRowid);
    ctx.db
      .prepare(
        `UPDATE electronic_record_disposals SET status = 'approved', decided_by = ?, decided_at = ?, decision_note = ?,
           certificate_number = ?, certificate_pdf_file_id = ?, certificate_json_file_id = ? WHERE id = ?`,
      )
      .run(ctx.user!.username, ctx.nowIso, req.note, number, pdfId, jsonId, row.id);
    const released: string[] = [];
    const unlink = ctx.db.prepare('UPDATE electronic_record_files SET file_id = NULL WHERE record_id = ? AND position = ?');
    const dropFile = ctx.db.prepare('DELETE FROM files WHERE id = ?');
    for (const r of records) {
      for (const f of files.get(r.id)!) {
        if (f.file_id === null) continue;
        unlink.run(r.id, f.position);
        dropFile.run(f.file_id);
        released.push(f.sha256);
      }
      ctx.db.prepare("UPDATE electronic_records SET status = 'disposed', disposed_at = ? WHERE id = ?").run(ctx.nowIso, r.id);
    }
    return released;
  })();
  const removed = purgeDisposedBytes(ctx, released);
  const kept = new Set(released).size - removed.length;
  ctx.audit.detail = `批准并销毁 ${records.length} 件电子记录，删除 ${removed.length} 个存储文件${kept ? `（${kept} 个另有登记引用，保留）` : ''}；销毁证明 ${number}${req.note ? `；审批意见：${req.note}` : ''}`;
  return disposalDto(ctx.db, row.id);
}

function assertStillDue(ctx: Context, records: readonly RecordRow[]): void {
  const bad = records.filter((r) => r.status !== 'disposal-requested' || !isDue(r, ctx.now));
  if (bad.length) {
    throw new CoreError('conflict', `以下电子记录已不在可销毁状态，未执行任何销毁：${bad.map((r) => `“${r.name}”`).join('、')}。请不予批准后重新申请。`, 'disposalId');
  }
}

/** The certificate as signed JSON and signed PDF/A (as the dossier's acceptance report is kept), in the file store. */
async function storeCertificate(
  ctx: Context,
  certificate: DisposalCertificate,
  json: string,
  signing: { signer: Parameters<typeof writeSignedPdf>[0]['signer']; signerName: string; location: string },
): Promise<{ pdf: StoredFile; json: StoredFile }> {
  const { value } = await asJob(ctx, 'erecords', `签章电子记录销毁证明 ${certificate.number}`, (control) =>
    storeSignedDocument(ctx, {
      json: `${json}\n`,
      pdf: {
        metadata: { title: `${certificate.number} 电子记录销毁证明`, caseNumber: '', recordType: '电子记录销毁证明', author: certificate.unit },
        ...signing,
        control,
        now: () => new Date(),
        afterPages: (doc) => drawDisposalCertificate(doc, certificate),
      },
    }),
  );
  return value;
}
