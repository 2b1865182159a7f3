import path from 'node:path';
import { decideFileAccess } from '../access/fileAccess';
import type { Context } from '../context';
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
  // Reading a stored file needs what opening it in the viewer needs (decideFileAccess: case files need
  // cases.read and the case policy, register files the register's read permission).
  if (!ctx.user) throw new CoreError('unauthenticated', '尚未登录或登录已超时，请重新登录。');
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
