import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../errors';

/**
 * Resolves a path named in case.json. It must stay inside the folder, also after following links,
 * so that a manifest cannot pull `/etc/shadow` or another case's files into the archive.
 */
export function resolveInsideFolder(folder: string, relative: string, field: string): string {
  const leaves = () => new CoreError('bad-request', `文件路径“${relative}”指向案件文件夹之外，已拒绝。请只使用文件夹内的相对路径。`, field);
  if (relative.includes('\0')) throw leaves();
  if (path.isAbsolute(relative) || path.win32.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) throw leaves();
  const root = fs.realpathSync(folder);
  const candidate = path.resolve(root, relative.replace(/\\/g, '/'));
  if (!isInside(root, candidate)) throw leaves();
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    throw new CoreError('bad-request', `案件文件夹中找不到文件“${relative}”，请检查 case.json 中的路径。`, field);
  }
  if (!isInside(root, real)) throw leaves();
  if (!fs.statSync(real).isFile()) throw new CoreError('bad-request', `“${relative}”不是文件。`, field);
  return real;
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
