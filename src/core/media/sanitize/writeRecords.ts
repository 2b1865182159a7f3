import fs from 'node:fs';
import path from 'node:path';
import type { MediaWriteResultDto, ParsedRequestOf } from '../../../contract';
import { requireCaseAccess } from '../../access/caseAccess';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { asJob } from '../../jobs/asJob';
import { recordMediumEvent } from '../history';
import { mayHold } from '../classification';
import { checkMediumAt } from '../identity';
import { encryptFile, ENCRYPTED_SUFFIX } from './contentCipher';
import { mediumKey } from './contentKey';

/** The folder on the medium the records go into, one sub-folder per case. */
export const RECORDS_FOLDER = 'DOSSIER-RECORDS';

interface CurrentVersion {
  record_id: number;
  title: string;
  version: number;
  sha256: string;
  size: number;
}

/** Each record's latest signed version (record_versions, issue 3), in the case's record order. */
function currentVersions(ctx: Context, caseId: number): CurrentVersion[] {
  return ctx.db
    .prepare(
      `SELECT r.id AS record_id, r.title, v.version, f.sha256, f.size
       FROM records r
       JOIN record_versions v ON v.record_id = r.id AND v.version = (SELECT max(version) FROM record_versions WHERE record_id = r.id)
       JOIN files f ON f.id = v.file_id
       WHERE r.case_id = ? AND r.removed_at IS NULL
       ORDER BY r.id`,
    )
    .all(caseId) as CurrentVersion[];
}

/** A name any file system on a medium accepts (FAT forbids these), kept short enough for its path limit. */
export function safeName(s: string): string {
  const cleaned = [...s.replace(/[\\/:*?"<>|]/g, '_')].filter((ch) => ch.charCodeAt(0) >= 0x20).join('').trim();
  return cleaned.slice(0, 80) || '_';
}

/**
 * Copies a case's current signed records onto a checked-out medium (DB3206/T 1060 §6.1.3 e, f):
 * the medium must be the caller's registered one, may hold the records' 密级, the access policy must
 * allow export, and every file is encrypted with the medium's own key so that cryptographic erase
 * later destroys all of it at once.
 */
export async function writeRecords(ctx: Context, req: ParsedRequestOf<'media.writeRecords'>): Promise<MediaWriteResultDto & { jobId: string }> {
  const check = checkMediumAt(ctx, req.device, { forUse: true });
  if (check.verdict !== 'ok' || !check.medium) throw new CoreError('forbidden', check.message, 'device');
  const medium = check.medium;
  ctx.audit.target = `medium:${medium.tag}`;
  if (!fs.statSync(req.device).isDirectory()) throw new CoreError('bad-request', '请给出介质挂载的文件夹：记录以加密文件的形式写入介质的文件系统。', 'device');
  if (!mayHold(medium.classification, req.classification)) {
    throw new CoreError('forbidden', `${medium.tag} 为${medium.classification}介质，不得写入${req.classification}记录（DB3206/T 1060 §6.1.3 f）。`, 'classification');
  }
  const caseId = Number(req.caseId);
  const access = requireCaseAccess(ctx, caseId, 'export');
  ctx.audit.target = `medium:${medium.tag}`;
  const versions = currentVersions(ctx, caseId);
  if (!versions.length) throw new CoreError('bad-request', `案件“${access.facts.caseNumber}”还没有签章的文书，没有可写入的记录。`, 'caseId');
  const key = ctx.db.transaction(() => mediumKey(ctx, medium.id))();

  const folder = path.join(req.device, RECORDS_FOLDER, safeName(access.facts.caseNumber));
  const { jobId, value: files } = await asJob(ctx, 'media-write', `写入介质 ${medium.tag}`, async (control) => {
    fs.mkdirSync(folder, { recursive: true });
    const written: { name: string; bytes: number }[] = [];
    const created: string[] = [];
    try {
      for (const [i, v] of versions.entries()) {
        control.progress(i, versions.length, `加密写入 ${v.title}`);
        const name = `${String(i + 1).padStart(2, '0')}-${safeName(v.title)}-第${v.version}版.pdf${ENCRYPTED_SUFFIX}`;
        const out = path.join(folder, name);
        const existed = fs.existsSync(out);
        const bytes = encryptFile(ctx.vault.pathOf(v.sha256), out, key.key, key.keyId, control.signal);
        if (!existed) created.push(out);
        written.push({ name: path.posix.join(RECORDS_FOLDER, safeName(access.facts.caseNumber), name), bytes });
      }
    } catch (error) {
      // A cancelled or failed copy leaves the medium as it was: the files this call added go again.
      for (const f of created) fs.rmSync(f, { force: true });
      throw error;
    }
    control.progress(versions.length, versions.length, '完成');
    return written;
  });
  key.key.fill(0);
  ctx.db.transaction(() =>
    recordMediumEvent(ctx.db, medium.id, { at: ctx.nowIso, actor: ctx.user!.username, action: '写入记录', detail: `案件 ${access.facts.caseNumber} 的 ${files.length} 份签章文书（${req.classification}），以介质密钥加密` }),
  )();
  ctx.audit.detail = `案件 ${access.facts.caseNumber} 的 ${files.length} 份文书加密写入 ${medium.tag}`;
  return { tag: medium.tag, files, isEncrypted: true, jobId };
}
