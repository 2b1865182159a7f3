import { createReadStream } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { ApiError, ErrorCode } from '../contract';

export const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  locked: 423,
  conflict: 409,
};

export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

/**
 * POST with one content type. A cross-site HTML form can only send form encodings and text/plain, so
 * requiring JSON (or raw bytes for uploads) closes that CSRF path too.
 */
export function requirePost(req: http.IncomingMessage, res: http.ServerResponse, contentType: string, verbMessage: string, typeMessage: string): void {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    throw new HttpRefusal(405, { code: 'bad-request', message: verbMessage });
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== contentType) throw new HttpRefusal(415, { code: 'bad-request', message: typeMessage });
}

export function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
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

export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpRefusal(400, { code: 'bad-request', message: '路径编码不正确' });
  }
}

export function isInside(root: string, candidate: string): boolean {
  return candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
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

export function pipeFile(filePath: string, res: http.ServerResponse): Promise<void> {
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
