import fs from 'node:fs';
import path from 'node:path';
import type { ElectronicRecordDto, ParsedRequestOf } from '../../contract';
import { getUnit } from '../access/users';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { asJob } from '../jobs/asJob';
import { throwIfCancelled } from '../jobs/jobs';
import { mediaTypeOf } from '../vault/mediaType';
import type { StoredFile } from '../vault/vault';
import { nextUniqueName, recordBaseName } from './naming';
import { chinaDate, chinaDateTime, disposalDueOn, retentionClassOf, uploadDeadline } from './retention';
import { recordDto } from './store';

type RegisterRequest = ParsedRequestOf<'erecords.register'>;

/** A recording put in the file store by this call, under the name it was staged with. */
interface Copied extends StoredFile {
  source: string;
  name: string;
}

/**
 * Registers an electronic record (DB3206/T 1060 §6.1.2 Table 2, §4.7.3): its §4.7.3 name, its upload
 * deadline and whether it was met, its retention; its files copied byte-identical into the file store
 * with their SHA-256 (as scans keep their originals). The copying is a job (recordings are large);
 * the rows are one transaction after it. Any failure discards the bytes this call added.
 */
export async function registerRecord(ctx: Context, req: RegisterRequest): Promise<ElectronicRecordDto> {
  ctx.audit.target = 'erecords';
  const plan = planRecord(ctx, req);
  ctx.audit.target = `erecord:${plan.baseName}`;
  const copied: Copied[] = [];
  ctx.onRollback(() => {
    for (const c of copied) if (c.isNew) ctx.vault.discard(c.sha256);
  });
  if (req.paths.length) {
    await asJob(ctx, 'erecords', `登记电子记录：${plan.baseName}`, async (control) => {
      for (const [i, source] of req.paths.entries()) {
        throwIfCancelled(control.signal);
        control.progress(i, req.paths.length, `存入 ${path.basename(source)}`);
        copied.push({ ...copyIn(ctx, source), source, name: path.basename(source) });
        // The copy is synchronous: let progress and a cancel through between files.
        await new Promise((resolve) => setImmediate(resolve));
      }
      control.progress(req.paths.length, req.paths.length, '已存入');
      return true;
    });
  }
  const id = ctx.db.transaction(() => {
    // Another call may have disposed of identical bytes while these were copied: put them back.
    for (const c of copied) if (!fs.existsSync(ctx.vault.pathOf(c.sha256))) Object.assign(c, copyIn(ctx, c.source));
    const { name, seq } = nextUniqueName(ctx.db, plan.baseName);
    const recordId = Number(
      ctx.db
        .prepare(
          `INSERT INTO electronic_records (name, base_name, name_seq, retention_class, activity_type, unit_name, squad, party, case_number, recorder,
             classification, ended_at, uploaded_at, upload_deadline, is_late, late_reason, disposal_due_on, party_confirmed, registered_by, registered_at)
           VALUES (@name, @baseName, @seq, @retentionClass, @activityType, @unitName, @squad, @party, @caseNumber, @recorder,
             @classification, @endedAt, @uploadedAt, @uploadDeadline, @isLate, @lateReason, @dueOn, @partyConfirmed, @registeredBy, @registeredAt)`,
        )
        .run({ ...plan.row, name, seq, registeredBy: ctx.user!.username, registeredAt: ctx.nowIso }).lastInsertRowid,
    );
    const insertFile = ctx.db.prepare('INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, ?, ?)');
    const link = ctx.db.prepare('INSERT INTO electronic_record_files (record_id, position, file_id, name, sha256, size, media_type) VALUES (?, ?, ?, ?, ?, ?, ?)');
    copied.forEach((c, i) => {
      const mediaType = mediaTypeOf(c.name);
      const fileId = Number(insertFile.run(c.sha256, c.size, c.name, mediaType, ctx.nowIso).lastInsertRowid);
      link.run(recordId, i + 1, fileId, c.name, c.sha256, c.size, mediaType);
    });
    ctx.audit.target = `erecord:${name}`;
    return recordId;
  })();
  const dto = recordDto(ctx.db, id, ctx.now);
  ctx.audit.detail = [
    `${dto.kindLabel}（${dto.featureLabel.slice(0, 20)}），保存期限 ${dto.retentionLabel}${dto.disposalDueOn ? `，至 ${dto.disposalDueOn}` : ''}`,
    `${copied.length} 个文件`,
    dto.isLate ? `逾期上传（应于 ${chinaDateTime(new Date(dto.uploadDeadline))} 前）${dto.lateReason ? `：${dto.lateReason}` : ''}` : '按时上传',
  ].join('，');
  return dto;
}

/** Everything decided before a byte is copied, so that bad input is refused with nothing written. */
function planRecord(ctx: Context, req: RegisterRequest) {
  const cls = retentionClassOf(req.retentionClass);
  const endedAt = new Date(req.endedAt);
  const uploadedAt = req.uploadedAt ? new Date(req.uploadedAt) : ctx.now;
  const endedLabel = cls.uploadFrom === 'case-closed' ? '结案时间' : '活动结束时间';
  if (endedAt > ctx.now) throw new CoreError('bad-request', `${endedLabel}不能晚于现在，请核对。`, 'endedAt');
  if (uploadedAt > ctx.now) throw new CoreError('bad-request', '上传时间不能晚于现在，请核对。', 'uploadedAt');
  if (uploadedAt < endedAt) throw new CoreError('bad-request', `上传时间不能早于${endedLabel}，请核对。`, 'uploadedAt');
  if (cls.id === 'case-evidence-medium') {
    // Table 2 备注 经当事人签字确认; the medium goes with a case's file, so it names the case.
    if (!req.partyConfirmed) throw new CoreError('bad-request', '作为案件证据使用或随案卷保存的电子存储介质须经当事人签字确认（表 2 备注）。请在当事人签字确认后勾选“当事人已签字确认”。', 'partyConfirmed');
    if (!req.caseNumber) throw new CoreError('bad-request', '作为案件证据使用或随案卷保存的电子存储介质须填写所属案件编号。', 'caseNumber');
  }
  const deadline = uploadDeadline(endedAt, cls);
  const isLate = uploadedAt > deadline;
  if (!isLate && req.lateReason) throw new CoreError('bad-request', `按时上传的记录（应于 ${chinaDateTime(deadline)} 前上传）无需填写逾期原因，请清空该项。`, 'lateReason');
  const unitName = req.unitName || getUnit(ctx.db)!.compilingUnit;
  const baseName = recordBaseName({
    date: chinaDate(endedAt),
    unitName,
    squad: req.squad,
    activityType: req.activityType,
    party: req.party,
    caseNumber: req.caseNumber,
    recorder: req.recorder,
  });
  const twice = req.paths.find((p, i) => req.paths.indexOf(p) !== i);
  if (twice) throw new CoreError('bad-request', `文件 ${twice} 列出了不止一次。`, 'paths');
  for (const [i, p] of req.paths.entries()) {
    if (!path.isAbsolute(p)) throw new CoreError('bad-request', `请给出完整路径：${p}`, `paths.${i}`);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new CoreError('bad-request', `文件不存在或无法读取：${p}。请确认路径正确、文件未被移走。`, `paths.${i}`);
    }
    if (!stat.isFile()) throw new CoreError('bad-request', `不是文件：${p}。请选择记录文件本身，而不是文件夹。`, `paths.${i}`);
  }
  return {
    baseName,
    row: {
      baseName,
      retentionClass: cls.id,
      activityType: req.activityType,
      unitName,
      squad: req.squad,
      party: req.party,
      caseNumber: req.caseNumber,
      recorder: req.recorder,
      classification: req.classification,
      endedAt: endedAt.toISOString(),
      uploadedAt: uploadedAt.toISOString(),
      uploadDeadline: deadline.toISOString(),
      isLate: isLate ? 1 : 0,
      lateReason: isLate ? req.lateReason : '',
      dueOn: disposalDueOn(endedAt, cls),
      partyConfirmed: req.partyConfirmed ? 1 : 0,
    },
  };
}

function copyIn(ctx: Context, source: string): StoredFile {
  try {
    return ctx.vault.put(source);
  } catch (error) {
    throw new CoreError('bad-request', `无法把 ${path.basename(source)} 存入存储区（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）。请确认文件仍在原处、磁盘未满后重试。`);
  }
}
