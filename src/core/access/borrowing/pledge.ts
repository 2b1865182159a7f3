import { PLEDGE_VERSION } from '../../../contract';
import type { Context } from '../../context';
import { CoreError } from '../../errors';
import { grantStateAt } from '../grants';
import type { RequestRow } from './store';

/**
 * The grantee accepts the confidentiality pledge (DB3206/T 1060 §4.10.3) before the first view. The
 * version accepted is kept with the grant, so a later change of wording cannot rewrite what this
 * reader promised; accepting again changes nothing.
 */
export function acceptPledge(ctx: Context, row: RequestRow, version: string): void {
  if (row.requested_by !== ctx.user!.username) throw new CoreError('forbidden', '保密承诺只能由借阅人本人作出。');
  if (version !== PLEDGE_VERSION) {
    throw new CoreError('bad-request', `保密承诺书的内容已更新（当前版本 ${PLEDGE_VERSION}，您看到的是 ${version}）。请重新打开承诺书，阅读新内容后再确认。`, 'version');
  }
  if (row.pledge_accepted_at) {
    ctx.audit.detail = `保密承诺已于 ${row.pledge_accepted_at} 在终端 ${row.pledge_terminal_id ?? ''} 接受（版本 ${row.pledge_version ?? ''}），未重复记录`;
    return;
  }
  const state = row.status === 'approved' && row.starts_at && row.ends_at ? grantStateAt({ starts_at: row.starts_at, ends_at: row.ends_at, revoked_at: row.revoked_at }, ctx.nowIso) : null;
  if (state !== 'active') {
    const why = state === 'expired' ? '已到期，请申请续借' : state === 'revoked' ? '已被撤销' : state === 'not-started' ? '尚未开始' : '尚未获批准';
    throw new CoreError('conflict', `借阅申请 ${row.id} 的授权${why}，现在不能作出保密承诺；保密承诺在授权有效期内、首次查阅前作出。`);
  }
  ctx.db
    .prepare('UPDATE access_requests SET pledge_accepted_at = ?, pledge_terminal_id = ?, pledge_version = ? WHERE id = ? AND pledge_accepted_at IS NULL')
    .run(ctx.nowIso, ctx.terminal.id, version, row.id);
  ctx.audit.detail = `借阅人接受保密承诺（版本 ${version}，§4.10.3）`;
}
