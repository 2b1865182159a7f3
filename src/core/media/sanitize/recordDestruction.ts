import fs from 'node:fs';
import path from 'node:path';
import type { ParsedRequestOf, SanitizationCertificateDto } from '../../../contract';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { recordMediumEvent } from '../history';
import { getMediumByTag } from '../store';
import { certify } from './certificate';
import { checkWitness, requireApprovedWipe } from './preconditions';

/** The scan of the destruction body's certificate: the kinds a scanner or a PDF printer gives. */
const ATTACHMENT_TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.tif': 'image/tiff', '.tiff': 'image/tiff' };
const MAX_ATTACHMENT_BYTES = 50 << 20;

function attachmentOf(file: string): { path: string; name: string; mediaType: string } {
  const mediaType = ATTACHMENT_TYPES[path.extname(file).toLowerCase()];
  if (!mediaType) throw new CoreError('bad-request', '销毁证明文件应为 PDF、JPEG、PNG 或 TIFF 扫描件。', 'destructionCertificatePath');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CoreError('bad-request', `找不到销毁证明文件“${file}”。`, 'destructionCertificatePath');
  }
  if (!stat.isFile() || stat.size === 0) throw new CoreError('bad-request', `“${file}”不是有内容的文件。`, 'destructionCertificatePath');
  if (stat.size > MAX_ATTACHMENT_BYTES) throw new CoreError('bad-request', '销毁证明文件超过 50 MB，请以较低分辨率重新扫描。', 'destructionCertificatePath');
  return { path: file, name: path.basename(file), mediaType };
}

/**
 * 涉密 carriers and optical discs (DB3206/T 1060 §6.1.3 d; NIST SP 800-88 Rev. 1 §2.5 Destroy): no
 * software wiping, only the record of the approved hand-off under two-person supervision to the
 * certified destruction body, whose own certificate is kept with ours.
 */
export async function recordDestruction(ctx: Context, req: ParsedRequestOf<'media.recordDestruction'>): Promise<SanitizationCertificateDto> {
  const medium = getMediumByTag(ctx.db, req.tag);
  ctx.audit.target = `medium:${medium.tag}`;
  const request = requireApprovedWipe(ctx, medium, ['awaiting-destruction', 'awaiting-wipe']);
  const witness = checkWitness(ctx, req.witness, req.witnessPassword);
  const attachment = attachmentOf(req.destructionCertificatePath);
  const verification = `${req.handedOverAt} 在 ${ctx.user!.displayName}、${witness.displayName} 两人监督下交付 ${req.destructionBody} 销毁，该机构出具销毁证明 ${req.destructionCertificateNumber}（扫描件附后）。`;
  const input = {
    medium,
    method: 'destruction' as const,
    verification,
    performedBy: { username: ctx.user!.username, displayName: ctx.user!.displayName },
    witness,
    destination: 'destruction' as const,
    destructionBody: req.destructionBody,
    limits: ['本软件未对该介质做任何软件清除；销毁由上述有资质机构完成，以其销毁证明为据。'],
    attachment,
  };
  return certify(ctx, input, null, (certificate) => {
    ctx.db.prepare("UPDATE media_requests SET status = 'completed', completed_at = ? WHERE id = ?").run(ctx.nowIso, request.id);
    recordMediumEvent(ctx.db, medium.id, {
      at: ctx.nowIso,
      actor: ctx.user!.username,
      action: '销毁',
      detail: `交 ${req.destructionBody} 销毁，销毁证明 ${req.destructionCertificateNumber}，监督人 ${witness.displayName}，证明 ${certificate.number}`,
      toStatus: 'destroyed',
    });
    ctx.audit.detail = `交 ${req.destructionBody} 销毁（${req.destructionCertificateNumber}），监督人 ${witness.username}，证明 ${certificate.number}`;
    return certificate;
  });
}
