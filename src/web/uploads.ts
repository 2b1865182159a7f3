import type http from 'node:http';
import type { HostContext } from './context';
import { HttpRefusal, decodeSegment, requirePost, sendJson } from './http';
import { StagingLimitError, parseStagingTarget } from './staging';

/** `POST /staging/<batch>/[<folder>/]<name>`: one file of `stageFiles`, streamed to disk. */
export async function handleStaging(host: HostContext, req: http.IncomingMessage, res: http.ServerResponse, rest: string): Promise<void> {
  requirePost(req, res, 'application/octet-stream', '上传只接受 POST 请求', '上传内容应为文件（Content-Type: application/octet-stream）');
  const session = host.sessions.sessionFor(req, res);
  const current = await host.core.invoke('auth.session', {}, session.caller);
  if (!current.ok || current.value === null) {
    throw new HttpRefusal(401, { code: 'unauthenticated', message: '尚未登录或登录已超时，请重新登录后再添加文件' });
  }
  const target = parseStagingTarget(rest.split('/').map(decodeSegment));
  if (!target) throw new HttpRefusal(400, { code: 'bad-request', message: '文件名不可用，请改名后再添加' });
  let stagedPath: string;
  try {
    stagedPath = await host.staging.receive(session.id, target, req);
  } catch (error) {
    if (error instanceof StagingLimitError) {
      req.resume();
      throw new HttpRefusal(413, { code: 'bad-request', message: error.message });
    }
    throw error;
  }
  sendJson(res, 200, { ok: true, value: { path: stagedPath } });
}
