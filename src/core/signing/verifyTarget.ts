import path from 'node:path';
import { decideFileAccess } from '../access/fileAccess';
import type { Context } from '../context';
import { hasPermission } from '../access/permissions';
import { CoreError } from '../errors';

/**
 * The file `pdf.verify` reads: a path on this machine (验证 PDF, the CLI), or a stored file by id (a
 * record's signed version in the viewer, whose path the renderer never knows).
 */
export function pdfToVerify(ctx: Context, req: { path?: string; fileId?: string }): string {
  if (req.fileId === undefined) {
    const file = req.path ?? '';
    if (!path.isAbsolute(file)) throw new CoreError('bad-request', '请给出 PDF 文件的完整路径。', 'path');
    ctx.audit.target = `pdf:${path.basename(file)}`;
    return file;
  }
  // A stored file is case material: reading it needs the permission that opening it in the viewer needs.
  if (!ctx.user || !hasPermission(ctx.user.roles, 'cases.read')) throw new CoreError('forbidden', '您的角色没有“查看案件”的权限。');
  ctx.audit.target = `file:${req.fileId}`;
  const row = /^\d+$/.test(req.fileId)
    ? (ctx.db.prepare('SELECT sha256 FROM files WHERE id = ?').get(Number(req.fileId)) as { sha256: string } | undefined)
    : undefined;
  if (!row) throw new CoreError('not-found', '文件不存在。', 'fileId');
  // The same policy as opening it in the viewer (access/fileAccess.ts): the people of the case, or the
  // archive department at a designated terminal once archived.
  const access = decideFileAccess(ctx, Number(req.fileId));
  if (!access.allow) throw new CoreError(access.code, access.reason, 'fileId');
  ctx.audit.target = access.target;
  return ctx.vault.pathOf(row.sha256);
}
