import type http from 'node:http';
import { isMethodName } from '../contract';
import type { HostContext } from './context';
import { HttpRefusal, readBody, requirePost, sendJson } from './http';

/** `POST /api/<method>`: the JSON body to `core.invoke`, the envelope back. */
export async function handleApi(host: HostContext, req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
  if (!isMethodName(name)) throw new HttpRefusal(404, { code: 'not-found', message: `没有这个接口：${name}` });
  requirePost(req, res, 'application/json', '接口只接受 POST 请求', '请求内容应为 JSON（Content-Type: application/json）');
  const body = await readBody(req, host.maxBodyBytes);
  let request: unknown = {};
  if (body.length > 0) {
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpRefusal(400, { code: 'bad-request', message: '请求内容不是有效的 JSON' });
    }
  }
  const session = host.sessions.sessionFor(req, res);
  const envelope = await host.core.invoke(name, request, session.caller);
  // Staged uploads serve one call: whatever it did with them, they are used up.
  if (name === 'auth.logout') await host.staging.forget(session.id);
  else await host.staging.release(session.id, request);
  // Failures travel inside the envelope with status 200, exactly as over IPC, so the bridge has one path.
  sendJson(res, 200, envelope);
}

/**
 * `POST /terminal/challenge` and `POST /terminal/prove`: the bridge proves that this browser holds
 * its terminal key, which binds the session slot to that terminal (decision 0012; DB3206/T 1060
 * §4.10.2). The core checks the proof; the host only carries it, with the origin the browser used.
 */
export async function handleTerminal(host: HostContext, req: http.IncomingMessage, res: http.ServerResponse, step: string): Promise<void> {
  if (step !== 'challenge' && step !== 'prove') throw new HttpRefusal(404, { code: 'not-found', message: `没有这个接口：/terminal/${step}` });
  requirePost(req, res, 'application/json', '接口只接受 POST 请求', '请求内容应为 JSON（Content-Type: application/json）');
  const body = await readBody(req, 16 * 1024);
  const { caller } = host.sessions.sessionFor(req, res);
  if (step === 'challenge') {
    sendJson(res, 200, { ok: true, value: host.core.terminals.challenge(caller) });
    return;
  }
  let proof: { publicKey?: unknown; challenge?: unknown; signature?: unknown };
  try {
    proof = JSON.parse(body.toString('utf8')) as typeof proof;
  } catch {
    throw new HttpRefusal(400, { code: 'bad-request', message: '请求内容不是有效的 JSON' });
  }
  if (typeof proof?.publicKey !== 'string' || typeof proof.challenge !== 'string' || typeof proof.signature !== 'string') {
    throw new HttpRefusal(400, { code: 'bad-request', message: '终端验证缺少公钥、挑战码或签名' });
  }
  // checkOrigin has limited Host to this host's own names, so it is the origin the page signed for.
  const origin = `http://${(req.headers.host ?? '').toLowerCase()}`;
  const label = String(req.headers['user-agent'] ?? '浏览器');
  const proved = host.core.terminals.prove(caller, { publicKey: proof.publicKey, challenge: proof.challenge, signature: proof.signature }, origin, label);
  sendJson(res, 200, proved);
}
