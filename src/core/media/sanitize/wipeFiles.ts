import fs from 'node:fs';
import path from 'node:path';
import { isStateSecret, type ParsedRequestOf, type WipeResultDto } from '../../../contract';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { asJob } from '../../jobs/asJob';
import { recordMediumEvent } from '../history';
import { checkMediumAt } from '../identity';
import { getMediumByTag } from '../store';
import { certify } from './certificate';
import { filesToWipe, removeFolder, wipeFile } from './fileWipe';
import { isGenuine } from './genuine';
import { FILE_LEVEL_LIMIT, OVERWRITE_PASSES } from './plan';
import { checkWitness, requireApprovedWipe } from './preconditions';
import { dataDirOf } from './wipeMedium';
import { isInside } from './targetSafety';
import { unitSigner } from '../../signing/unitSigner';

const FLASH_FILE_LIMIT = 'U 盘、存储卡和固态硬盘的控制器把每次写入放到新的闪存块上（磨损均衡）：覆写文件往往写不到原来存放数据的块，旧数据可能仍在芯片中（NIST SP 800-88 Rev. 1 §2.4）。';

/**
 * File-level wiping on a mounted medium (issue 6 item 5): every file overwritten with the passes of its
 * medium's kind, flushed, read back, renamed, truncated and deleted. The result and the certificate
 * carry what this cannot guarantee, since the file system and the flash controller decide where the
 * bytes really go.
 */
export async function wipeFiles(ctx: Context, req: ParsedRequestOf<'media.wipeFiles'>): Promise<WipeResultDto & { jobId: string }> {
  const medium = getMediumByTag(ctx.db, req.tag);
  ctx.audit.target = `medium:${medium.tag}`;
  if (isStateSecret(medium.classification)) throw new CoreError('bad-request', `${medium.tag} 为${medium.classification}级涉密载体，软件清除不足以使其安全，只能登记交付销毁。`, 'tag');
  const request = requireApprovedWipe(ctx, medium, ['awaiting-wipe']);
  const witness = checkWitness(ctx, req.witness, req.witnessPassword);
  let isFolder: boolean;
  try {
    isFolder = fs.statSync(req.device).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new CoreError('bad-request', `“${req.device}”不是介质挂载的文件夹。文件级清除须在介质的文件系统上进行。`, 'device');
  if (isInside(fs.realpathSync(req.device), fs.realpathSync(dataDirOf(ctx))) || isInside(fs.realpathSync(dataDirOf(ctx)), fs.realpathSync(req.device))) {
    throw new CoreError('bad-request', '该文件夹与本软件的数据文件夹重叠，拒绝清除。', 'device');
  }
  const check = checkMediumAt(ctx, req.device, { expectTag: medium.tag });
  if (!isGenuine(check, medium)) throw new CoreError('forbidden', `目标不是 ${medium.tag}：${check.message}`, 'device');
  unitSigner(ctx, '签发清除证明');
  const { files, folders } = filesToWipe(req.device, req.paths);
  const passes = medium.kind === 'usb-flash' || medium.kind === 'memory-card' ? OVERWRITE_PASSES['overwrite-pattern-complement'] : OVERWRITE_PASSES['overwrite-1'];
  const root = fs.realpathSync(req.device);

  const { jobId, value: done } = await asJob(ctx, 'wipe', `文件级清除 ${medium.tag}`, async (control) => {
    const out: { path: string; bytes: number; isVerified: boolean }[] = [];
    for (const [i, file] of files.entries()) {
      const shown = path.relative(root, file).split(path.sep).join('/');
      control.progress(i, files.length, `清除 ${shown}`);
      out.push({ path: shown, ...wipeFile(file, passes, control.signal) });
    }
    for (const folder of folders) removeFolder(folder);
    control.progress(files.length, files.length, '完成');
    return out;
  });
  const isVerified = done.every((f) => f.isVerified);
  const bytes = done.reduce((n, f) => n + f.bytes, 0);
  const limits = [FILE_LEVEL_LIMIT, ...(medium.kind === 'hdd' ? [] : [FLASH_FILE_LIMIT])];
  const verification = `${done.length} 个文件（共 ${bytes} 字节）每个都经 ${passes.length} 遍覆写并回读${isVerified ? '，均为最后一遍的图案' : '，有文件回读不一致'}，随后改名、截断、删除。${limits.join('')}`;
  if (!isVerified) throw new CoreError('bad-request', `文件已删除，但有文件覆写后回读不一致（${done.filter((f) => !f.isVerified).map((f) => f.path).join('、')}）：介质可能有坏块，请改为全盘清除或交付销毁。`);
  const input = { medium, method: 'file-level' as const, verification, performedBy: { username: ctx.user!.username, displayName: ctx.user!.displayName }, witness, destination: request.destination, limits };
  return certify(ctx, input, null, (certificate) => {
    ctx.db.prepare("UPDATE media_requests SET status = 'completed', completed_at = ? WHERE id = ?").run(ctx.nowIso, request.id);
    recordMediumEvent(ctx.db, medium.id, { at: ctx.nowIso, actor: ctx.user!.username, action: '文件级清除', detail: `${done.length} 个文件，复核人 ${witness.displayName}，证明 ${certificate.number}`, toStatus: 'wiped' });
    ctx.audit.detail = `文件级清除 ${done.length} 个文件（${bytes} 字节），复核人 ${witness.username}，证明 ${certificate.number}`;
    return {
      wipeId: certificate.id,
      tag: medium.tag,
      method: 'file-level' as const,
      bytes,
      passes: passes.length,
      verification: 'full' as const,
      isVerified,
      verificationDetail: verification,
      resumedFromBytes: null,
      files: done.map(({ path: p, bytes: b }) => ({ path: p, bytes: b })),
      certificate,
      jobId,
    };
  });
}
