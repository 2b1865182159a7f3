import { promises as fs } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { injectBridgeTag } from './bridge';
import type { HostContext } from './context';
import { HttpRefusal, decodeSegment, isInside, pipeFile } from './http';

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

// antd renders its styles at runtime (CSS-in-JS), hence 'unsafe-inline' for styles only.
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** `GET /bridge.js`: the generated `window.archive` (`bridge.ts`). */
export function handleBridge(host: HostContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(405, { code: 'bad-request', message: '只接受 GET 请求' });
  res.writeHead(200, {
    'Content-Type': STATIC_TYPES['.js']!,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : host.bridgeScript);
}

/** Any other path: a file of the built renderer; HTML pages get the bridge tag and the CSP. */
export async function handleStatic(host: HostContext, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    throw new HttpRefusal(405, { code: 'bad-request', message: '只接受 GET 请求' });
  }
  const filePath = await resolveStatic(host.rendererRoot, pathname);
  if (!filePath) throw new HttpRefusal(404, { code: 'not-found', message: '没有这个页面或文件' });
  const ext = path.extname(filePath).toLowerCase();
  const common = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  if (ext === '.html') {
    // Issue the session cookie with the page so that the app's first parallel calls share one slot.
    host.sessions.callerFor(req, res);
    const html = injectBridgeTag(await fs.readFile(filePath, 'utf8'));
    const body = Buffer.from(html, 'utf8');
    res.writeHead(200, {
      ...common,
      'Content-Type': STATIC_TYPES['.html']!,
      'Content-Length': String(body.length),
      'Content-Security-Policy': APP_CSP,
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const stat = await fs.stat(filePath);
  res.writeHead(200, {
    ...common,
    'Content-Type': STATIC_TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': String(stat.size),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeFile(filePath, res);
}

/**
 * Maps a URL path to a file strictly inside `root`, or null. Decoded `..`, encoded separators, NUL
 * bytes and symlinks that leave the folder all end in null.
 */
export async function resolveStatic(root: string, pathname: string): Promise<string | null> {
  const decoded = decodeSegment(pathname);
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (!isInside(root, candidate)) return null;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return null;
    const stat = await fs.stat(realFile);
    return stat.isFile() ? realFile : null;
  } catch {
    return null;
  }
}
