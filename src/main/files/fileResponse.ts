import type { ErrorCode } from '../../contract';

export interface ServedFileInfo {
  name: string;
  mediaType: string;
  size: number;
}

/**
 * Shown inside the window only where Chromium renders them without running script from the app
 * origin (the list the web host uses too). HTML, SVG and XML would execute as app:// pages next to
 * `window.archive`, so they go out as attachments, which the session then refuses to download.
 */
const INLINE_MEDIA = /^(application\/pdf|image\/(png|jpeg|gif|webp|tiff)|audio\/|video\/|text\/plain)/;

export const FILE_STATUS: Partial<Record<ErrorCode, number>> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  locked: 423,
  conflict: 409,
};

export function refusalStatus(code: ErrorCode): number {
  return FILE_STATUS[code] ?? 500;
}

export type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range of a file of `size` bytes: the range, null when absent or unusable (serve the
 * whole file), or 'unsatisfiable' (416). Video seeking in audio-visual records (§4.7.3) needs ranges;
 * multi-range requests are answered with the whole file, which RFC 9110 allows.
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}

/**
 * `?download=1`: the page asks to save the file out of the workstation. The core asks the policy for
 * an export (access/fileAccess.ts) and the session lets only such a download through (hardenSession.ts).
 */
export function isDownloadUrl(url: URL): boolean {
  return url.searchParams.get('download') === '1';
}

/** A range that does not start at byte 0: a later part of a read the viewer already opened. */
export function isLaterRange(header: string | null | undefined): boolean {
  const match = header ? /^bytes=(\d*)-/.exec(header.trim()) : null;
  return Boolean(match && (match[1] === '' || Number(match[1]) > 0));
}

export function fileHeaders(file: ServedFileInfo, range: ByteRange | null, download = false): Record<string, string> {
  const disposition = !download && INLINE_MEDIA.test(file.mediaType) ? 'inline' : 'attachment';
  const asciiName = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const length = range ? range.end - range.start + 1 : file.size;
  return {
    'Content-Type': file.mediaType,
    'Content-Length': String(length),
    'Content-Disposition': `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'Accept-Ranges': 'bytes',
    ...(range ? { 'Content-Range': `bytes ${range.start}-${range.end}/${file.size}` } : {}),
    // Records are read under a grant that can expire; nothing may be served again from a cache.
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}
