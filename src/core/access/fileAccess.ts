import type { Db } from '../store/db';
import { askCaseAccess, type AccessEnv } from './caseAccess';
import { hasPermission } from './permissions';
import { registerFileOf } from './registerFiles';

export type FileAccess = { allow: true; target: string } | { allow: false; target: string; reason: string; code: 'forbidden' | 'not-found' };

/**
 * The cases a stored file belongs to: as an original scan, a page, a signed version, a volume, a
 * supplement or an acceptance report (`isReport`: the 四性检测 report of the case, not its content).
 */
function casesOfFile(db: Db, fileId: number): { id: number; state: string; isReport: number }[] {
  return db
    .prepare(
      `SELECT c.id, c.state, c.id IN (SELECT case_id FROM archive_reports WHERE pdf_file_id = @f OR json_file_id = @f)
                AND c.id NOT IN (SELECT case_id FROM dossier_volumes WHERE file_id = @f) AS isReport
       FROM cases c WHERE c.id IN (
         SELECT r.case_id FROM record_files x JOIN records r ON r.id = x.record_id WHERE x.file_id = @f
         UNION SELECT r.case_id FROM record_versions x JOIN records r ON r.id = x.record_id WHERE x.file_id = @f
         UNION SELECT r.case_id FROM record_pages x JOIN records r ON r.id = x.record_id WHERE x.file_id = @f
         UNION SELECT case_id FROM dossier_volumes WHERE file_id = @f
         UNION SELECT case_id FROM dossier_supplements WHERE file_id = @f
         UNION SELECT case_id FROM archive_reports WHERE pdf_file_id = @f OR json_file_id = @f)`,
    )
    .all({ f: fileId }) as { id: number; state: string; isReport: number }[];
}

/**
 * Whether the caller may have a stored file's bytes (the viewer, a download): the same policy as
 * every method (issue 5 item 1), so no file route skips it. Default deny: a file that belongs to no
 * case is given to nobody, except a watermarked export to the reader who made it while their export
 * grant holds. The raw bytes of an archived dossier go to the archive department only (at a
 * designated terminal, as the policy says) and are never downloaded; everyone else reads it in the
 * reading room, page by page, watermarked (§4.10.2), and an export is a watermarked copy
 * (reading.export), never the original. A download of anything else is asked as an export.
 * A file of a register (media, electronic records: registerFiles.ts) goes to those who may read that
 * register.
 */
export function decideFileAccess(env: AccessEnv, fileId: number, intent: 'view' | 'download' = 'view'): FileAccess {
  const target = `file:${fileId}`;
  const exported = env.db.prepare('SELECT x.username, s.case_id FROM reading_exports x JOIN reading_sessions s ON s.id = x.reading_id WHERE x.file_id = ?').get(fileId) as
    | { username: string; case_id: number }
    | undefined;
  if (exported) {
    if (exported.username !== env.user?.username) return { allow: false, target, code: 'forbidden', reason: '该导出件属于其他借阅人，不能打开。' };
    const answer = askCaseAccess(env, exported.case_id, 'export');
    return answer.decision.allow ? { allow: true, target } : { allow: false, target, code: 'forbidden', reason: answer.decision.reason };
  }
  const registered = registerFileOf(env.db, fileId);
  if (registered) {
    const user = env.user;
    if (user && (registered.owner === user.username || hasPermission(user.roles, registered.permission))) return { allow: true, target: registered.target };
    return { allow: false, target: registered.target, code: 'forbidden', reason: '您的角色不能查看该台账的文件。' };
  }
  if (!env.user || !hasPermission(env.user.roles, 'cases.read')) return { allow: false, target, code: 'forbidden', reason: '您的角色没有“查看案件”的权限。' };
  const cases = casesOfFile(env.db, fileId);
  if (!cases.length) return { allow: false, target, code: 'not-found', reason: '文件不存在，或不属于任何案件。' };
  let reason = '';
  for (const c of cases) {
    // The acceptance report (checks and digests, no case content) is the archive department's to hand on.
    const asked = c.isReport ? 'view' : intent;
    if (c.state === '已归档' && asked === 'download') {
      reason = '已归档卷宗的原件不能带出；经批准导出的，请在阅览室导出加水印的复制件（DB3206/T 1060 §4.10.2）。';
      continue;
    }
    if (c.state === '已归档' && !env.user?.roles.includes('archivist')) {
      reason = '已归档卷宗的原件只交档案管理部门管理；查阅请在阅览室进行（经批准、加水印，DB3206/T 1060 §4.10.2）。';
      continue;
    }
    // Saving a file out of the workstation is an export under the policy; showing it is a view.
    const answer = askCaseAccess(env, c.id, asked === 'download' ? 'export' : 'view');
    if (answer.decision.allow) return { allow: true, target: `case:${answer.facts.caseNumber}/${target}` };
    reason = answer.decision.reason;
  }
  return { allow: false, target, code: 'forbidden', reason };
}
