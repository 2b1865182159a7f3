import type http from 'node:http';
import { HttpRefusal } from './http';

/**
 * DNS rebinding sends our port a foreign Host; cross-site forms and fetches send a foreign Origin.
 * Both are refused before anything else runs.
 */
export function checkOrigin(req: http.IncomingMessage, port: number): void {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = req.headers.host ?? '';
  if (!allowedHosts.includes(host.toLowerCase())) {
    throw new HttpRefusal(403, { code: 'forbidden', message: '请求的主机名不是本工作站，已拒绝' });
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    throw new HttpRefusal(403, { code: 'forbidden', message: '请求来源不是本工作站页面，已拒绝' });
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new HttpRefusal(403, { code: 'forbidden', message: '请求来源不是本工作站页面，已拒绝' });
  }
}
