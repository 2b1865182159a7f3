import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isMethodName, type ApiError, type ArchiveEvent, type ErrorCode } from '../contract';
import type { Caller, Core, SessionSlot } from '../core/types';
import { injectBridgeTag, renderBridgeScript } from './bridge';
import { StagingArea, StagingLimitError, parseStagingTarget } from './staging';

export interface WebHostOptions {
  core: Core;
  /** 0 picks a free port (tests). */
  port: number;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** Largest accepted JSON body; calls carry references, never file contents. */
  maxBodyBytes?: number;
  /** Most browser sessions kept at once; the least recently used one is forgotten first. */
  maxSessions?: number;
  /** Largest file a browser may upload for `stageFiles` (default 512 MiB). */
  maxUploadBytes?: number;
  /** Most bytes one session may hold staged and not yet used (default 4 GiB). */
  maxStagedBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const SESSION_COOKIE = 'dossier_web';

/** Served inline only where the browser renders them without running script from our origin. */
const INLINE_MEDIA = /^(application\/pdf|image\/(png|jpeg|gif|webp|tiff)|audio\/|video\/|text\/plain)/;

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

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  locked: 423,
  conflict: 409,
};

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

/**
 * The core over HTTP on 127.0.0.1, for end-to-end tests and development in a plain browser.
 * Never packaged: the app carries the same calls over IPC.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options;
  const rendererRoot = path.resolve(options.rendererDir);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxSessions = options.maxSessions ?? 1000;
  const sessions = new Map<string, SessionSlot>();
  const eventStreams = new Set<http.ServerResponse>();
  const bridgeScript = renderBridgeScript();
  const staging = new StagingArea(
    path.join(core.dataDir, 'staging'),
    options.maxUploadBytes ?? 512 * 1024 * 1024,
    options.maxStagedBytes ?? 4 * 1024 * 1024 * 1024,
  );
  // Uploads left by an earlier run belong to sessions that no longer exist.
  await staging.clear();
  let port = 0;

  /** One session slot per browser, keyed by an unguessable HttpOnly cookie the page script never sees. */
  function sessionFor(req: http.IncomingMessage, res: http.ServerResponse): { id: string; caller: Caller } {
    const id = readCookie(req.headers.cookie, SESSION_COOKIE);
    let slot = id ? sessions.get(id) : undefined;
    if (id && slot) {
      // Map order doubles as recency, so eviction drops the browser idle the longest.
      sessions.delete(id);
      sessions.set(id, slot);
      return { id, caller: { channel: 'web', session: slot } };
    }
    const newId = randomBytes(32).toString('base64url');
    slot = { token: null };
    sessions.set(newId, slot);
    while (sessions.size > maxSessions) {
      const oldest = sessions.keys().next().value;
      if (oldest === undefined) break;
      sessions.delete(oldest);
      void staging.forget(oldest);
    }
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${newId}; HttpOnly; SameSite=Strict; Path=/`);
    return { id: newId, caller: { channel: 'web', session: slot } };
  }

  function callerFor(req: http.IncomingMessage, res: http.ServerResponse): Caller {
    return sessionFor(req, res).caller;
  }

  /**
   * DNS rebinding sends our port a foreign Host; cross-site forms and fetches send a foreign Origin.
   * Both are refused before anything else runs.
   */
  function checkOrigin(req: http.IncomingMessage): void {
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

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (!isMethodName(name)) throw new HttpRefusal(404, { code: 'not-found', message: `没有这个接口：${name}` });
    requirePost(req, res, 'application/json', '接口只接受 POST 请求', '请求内容应为 JSON（Content-Type: application/json）');
    const body = await readBody(req, maxBodyBytes);
    let request: unknown = {};
    if (body.length > 0) {
      try {
        request = JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpRefusal(400, { code: 'bad-request', message: '请求内容不是有效的 JSON' });
      }
    }
    const session = sessionFor(req, res);
    const envelope = await core.invoke(name, request, session.caller);
    // Staged uploads serve one call: whatever it did with them, they are used up.
    if (name === 'auth.logout') await staging.forget(session.id);
    else await staging.release(session.id, request);
    // Failures travel inside the envelope with status 200, exactly as over IPC, so the bridge has one path.
    sendJson(res, 200, envelope);
  }

  /**
   * `POST /terminal/challenge` and `POST /terminal/prove`: the bridge proves that this browser holds
   * its terminal key, which binds the session slot to that terminal (decision 0012; DB3206/T 1060
   * §4.10.2). The core checks the proof; the host only carries it, with the origin the browser used.
   */
  async function handleTerminal(req: http.IncomingMessage, res: http.ServerResponse, step: string): Promise<void> {
    if (step !== 'challenge' && step !== 'prove') throw new HttpRefusal(404, { code: 'not-found', message: `没有这个接口：/terminal/${step}` });
    requirePost(req, res, 'application/json', '接口只接受 POST 请求', '请求内容应为 JSON（Content-Type: application/json）');
    const body = await readBody(req, 16 * 1024);
    const { caller } = sessionFor(req, res);
    if (step === 'challenge') {
      sendJson(res, 200, { ok: true, value: core.terminals.challenge(caller) });
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
    const proved = core.terminals.prove(caller, { publicKey: proof.publicKey, challenge: proof.challenge, signature: proof.signature }, origin, label);
    sendJson(res, 200, proved);
  }

  /** `POST /staging/<batch>/[<folder>/]<name>`: one file of `stageFiles`, streamed to disk. */
  async function handleStaging(req: http.IncomingMessage, res: http.ServerResponse, rest: string): Promise<void> {
    requirePost(req, res, 'application/octet-stream', '上传只接受 POST 请求', '上传内容应为文件（Content-Type: application/octet-stream）');
    const session = sessionFor(req, res);
    const current = await core.invoke('auth.session', {}, session.caller);
    if (!current.ok || current.value === null) {
      throw new HttpRefusal(401, { code: 'unauthenticated', message: '尚未登录或登录已超时，请重新登录后再添加文件' });
    }
    const target = parseStagingTarget(rest.split('/').map(decodeSegment));
    if (!target) throw new HttpRefusal(400, { code: 'bad-request', message: '文件名不可用，请改名后再添加' });
    let stagedPath: string;
    try {
      stagedPath = await staging.receive(session.id, target, req);
    } catch (error) {
      if (error instanceof StagingLimitError) {
        req.resume();
        throw new HttpRefusal(413, { code: 'bad-request', message: error.message });
      }
      throw error;
    }
    sendJson(res, 200, { ok: true, value: { path: stagedPath } });
  }

  async function handleFile(req: http.IncomingMessage, res: http.ServerResponse, rawId: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      throw new HttpRefusal(405, { code: 'bad-request', message: '文件只能读取' });
    }
    const fileId = decodeSegment(rawId);
    const caller = callerFor(req, res);
    const opened = core.openFile(fileId, caller);
    if (!opened.ok) throw new HttpRefusal(HTTP_STATUS[opened.error.code] ?? 500, opened.error);
    const file = opened.value;
    const disposition = INLINE_MEDIA.test(file.mediaType) ? 'inline' : 'attachment';
    const asciiName = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    res.writeHead(200, {
      'Content-Type': file.mediaType,
      'Content-Length': String(file.size),
      'Content-Disposition': `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeFile(file.path, res);
  }

  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET') throw new HttpRefusal(405, { code: 'bad-request', message: '事件流只接受 GET 请求' });
    callerFor(req, res);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    const unsubscribe = core.onEvent((event: ArchiveEvent) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    // Idle connections are cut by proxies and some clients; a comment line keeps the stream open.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 20_000);
    eventStreams.add(res);
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      eventStreams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      throw new HttpRefusal(405, { code: 'bad-request', message: '只接受 GET 请求' });
    }
    const filePath = await resolveStatic(rendererRoot, pathname);
    if (!filePath) throw new HttpRefusal(404, { code: 'not-found', message: '没有这个页面或文件' });
    const ext = path.extname(filePath).toLowerCase();
    const common = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
    if (ext === '.html') {
      // Issue the session cookie with the page so that the app's first parallel calls share one slot.
      callerFor(req, res);
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

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    checkOrigin(req);
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname.startsWith('/api/')) return handleApi(req, res, pathname.slice('/api/'.length));
    if (pathname.startsWith('/files/')) return handleFile(req, res, pathname.slice('/files/'.length));
    if (pathname.startsWith('/staging/')) return handleStaging(req, res, pathname.slice('/staging/'.length));
    if (pathname.startsWith('/terminal/')) return handleTerminal(req, res, pathname.slice('/terminal/'.length));
    if (pathname === '/events') return handleEvents(req, res);
    if (pathname === '/bridge.js') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(405, { code: 'bad-request', message: '只接受 GET 请求' });
      res.writeHead(200, {
        'Content-Type': STATIC_TYPES['.js']!,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : bridgeScript);
      return;
    }
    return handleStatic(req, res, pathname);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpRefusal) {
        sendJson(res, error.status, { ok: false, error: error.error });
        return;
      }
      console.error('[web host]', error);
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: '工作站服务内部错误，请查看服务日志' } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the host has no TLS and must never be reachable from the network.
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        eventStreams.clear();
        server.close(() => void staging.clear().finally(resolve));
        server.closeAllConnections();
      }),
  };
}

/**
 * POST with one content type. A cross-site HTML form can only send form encodings and text/plain, so
 * requiring JSON (or raw bytes for uploads) closes that CSRF path too.
 */
function requirePost(req: http.IncomingMessage, res: http.ServerResponse, contentType: string, verbMessage: string, typeMessage: string): void {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    throw new HttpRefusal(405, { code: 'bad-request', message: verbMessage });
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== contentType) throw new HttpRefusal(415, { code: 'bad-request', message: typeMessage });
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpRefusal(400, { code: 'bad-request', message: '路径编码不正确' });
  }
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

function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpRefusal(413, { code: 'bad-request', message: `请求内容过大（上限 ${Math.round(limit / 1024)} KB）` }));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpRefusal(413, { code: 'bad-request', message: `请求内容过大（上限 ${Math.round(limit / 1024)} KB）` }));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function pipeFile(filePath: string, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const stream = createReadStream(filePath);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}
