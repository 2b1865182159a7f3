import { Readable } from 'node:stream';
import { createReadStream, promises as fs } from 'node:fs';
import type { Protocol } from 'electron';
import type { Caller, Core } from '../core/types';
import { fileHeaders, isDownloadUrl, isLaterRange, parseRange, refusalStatus } from './files/fileResponse';
import { assetContentType, resolveAssetPath, routeAppUrl } from './security/appPath';
import { APP_CSP } from './security/csp';
import { APP_SCHEME } from './security/origin';

export interface AppProtocolDeps {
  core: Core;
  /** out/renderer, inside app.asar when packaged. */
  rendererRoot: string;
  /** The caller of the window this session belongs to, or null if it has none (yet). */
  callerOfSession(): Caller | null;
  /**
   * The dev server's origin during development, whose page reads stored files cross-origin (pdf.js
   * fetches them); null when packaged, where the page is app://bundle itself.
   */
  devOrigin?: string | null;
}

const text = (status: number, message: string) =>
  new Response(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
  });

/**
 * app://bundle/... for the renderer bundle and app://bundle/files/<id> for stored files. Registered
 * per session, because a protocol request carries no webContents and the session is what tells which
 * window (and so which login) asks for a file.
 */
export function handleAppProtocol(protocol: Protocol, deps: AppProtocolDeps): void {
  if (protocol.isProtocolHandled(APP_SCHEME)) protocol.unhandle(APP_SCHEME);
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, '只接受读取请求');
    const route = routeAppUrl(request.url);
    if (route.kind === 'refused') return text(404, '没有这个页面或文件');
    try {
      if (route.kind === 'file') return serveStoredFile(deps, route.fileId, request);
      return await serveAsset(deps.rendererRoot, route.relativePath, request.method === 'HEAD');
    } catch (error) {
      // A throw here would reach the page as a bare network error with nothing to tell the user.
      console.warn(`[main] app protocol failed for ${request.url}: ${String(error)}`);
      return text(500, '工作站内部错误，请重试；如仍失败请联系系统管理员');
    }
  });
}

async function serveAsset(root: string, relativePath: string, isHead: boolean): Promise<Response> {
  const filePath = resolveAssetPath(root, relativePath);
  if (filePath === null) return text(404, '没有这个页面或文件');
  let body: Buffer;
  try {
    body = await fs.readFile(filePath);
  } catch {
    return text(404, '没有这个页面或文件');
  }
  const headers: Record<string, string> = {
    'Content-Type': assetContentType(relativePath),
    'Content-Length': String(body.length),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (relativePath.endsWith('.html')) {
    headers['Content-Security-Policy'] = APP_CSP;
    headers['X-Frame-Options'] = 'DENY';
    headers['Referrer-Policy'] = 'no-referrer';
  }
  return new Response(isHead ? null : new Uint8Array(body), { status: 200, headers });
}

function serveStoredFile(deps: AppProtocolDeps, fileId: string, request: Request): Response {
  const caller = deps.callerOfSession();
  if (caller === null) return text(403, '该窗口不是本工作站创建的窗口，已拒绝');
  const url = new URL(request.url);
  const download = isDownloadUrl(url);
  // A viewer reads a large PDF in ranges: each is checked, the read is logged once (from byte 0).
  const opened = deps.core.openFile(fileId, caller, { intent: download ? 'download' : 'view', continuation: isLaterRange(request.headers.get('range')) });
  if (!opened.ok) return text(refusalStatus(opened.error.code), opened.error.message);
  const file = opened.value;
  const range = parseRange(request.headers.get('range'), file.size);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${file.size}` } });
  }
  const headers: Record<string, string> = fileHeaders(file, range, download);
  if (deps.devOrigin) {
    headers['Access-Control-Allow-Origin'] = deps.devOrigin;
    headers['Vary'] = 'Origin';
  }
  if (request.method === 'HEAD') return new Response(null, { status: range ? 206 : 200, headers });
  const stream = createReadStream(file.path, range ? { start: range.start, end: range.end } : {});
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status: range ? 206 : 200, headers });
}
