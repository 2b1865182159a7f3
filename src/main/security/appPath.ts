import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin';

export type AppRequest =
  | { kind: 'asset'; relativePath: string }
  | { kind: 'file'; fileId: string }
  | { kind: 'refused' };

/** Same path as the web host's `GET /files/:id`, so the renderer builds one URL for both. */
export const FILES_PREFIX = '/files/';

/**
 * Maps an `app://bundle/...` URL to a bundle asset or a stored file. Single-page routes (no file
 * extension) fall back to index.html so that a reload on a deep route still boots the app.
 */
export function routeAppUrl(url: string): AppRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST || parsed.port !== '') return { kind: 'refused' };
  if (parsed.username || parsed.password) return { kind: 'refused' };
  if (parsed.pathname.startsWith(FILES_PREFIX)) {
    const fileId = decodeFileId(parsed.pathname.slice(FILES_PREFIX.length));
    return fileId === null ? { kind: 'refused' } : { kind: 'file', fileId };
  }
  const relativePath = toRelativeAssetPath(parsed.pathname);
  if (relativePath === null) return { kind: 'refused' };
  const last = relativePath.split('/').at(-1) ?? '';
  return { kind: 'asset', relativePath: last.includes('.') ? relativePath : 'index.html' };
}

/**
 * A URL path as a relative path inside the bundle, or null. Chromium already folds `..` out of
 * standard-scheme URLs, so any `..`, `.`, backslash, colon or NUL that still arrives (raw or
 * percent-encoded) is hostile and refused rather than normalised. Decoding happens once: a
 * double-encoded `%252e%252e` stays the literal name `%2e%2e`, which matches no file.
 */
export function toRelativeAssetPath(rawPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return null;
  }
  if (/[\0\\:]/.test(decoded)) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) return 'index.html';
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  return segments.join('/');
}

/** The absolute file for a relative asset path, or null if it would leave `root` after all. */
export function resolveAssetPath(root: string, relativePath: string): string | null {
  const base = path.resolve(root);
  const candidate = path.resolve(base, ...relativePath.split('/'));
  return candidate.startsWith(base + path.sep) ? candidate : null;
}

/** File ids are opaque single segments; anything shaped like a path is refused before the core sees it. */
function decodeFileId(raw: string): string | null {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (id === '' || id.length > 200 || /[\0/\\]/.test(id) || id === '.' || id === '..') return null;
  return id;
}

const ASSET_TYPES: Record<string, string> = {
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
  '.wasm': 'application/wasm',
};

/** Module scripts refuse to run without a JavaScript type, and nosniff forbids guessing one. */
export function assetContentType(relativePath: string): string {
  return ASSET_TYPES[path.posix.extname(relativePath).toLowerCase()] ?? 'application/octet-stream';
}
