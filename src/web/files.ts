import type http from 'node:http';
import type { HostContext } from './context';
import { HTTP_STATUS, HttpRefusal, decodeSegment, pipeFile } from './http';

/** Served inline only where the browser renders them without running script from our origin. */
const INLINE_MEDIA = /^(application\/pdf|image\/(png|jpeg|gif|webp|tiff)|audio\/|video\/|text\/plain)/;

/**
 * `GET /files/:id`: a stored file through `core.openFile`, which authorizes and audits the read.
 * `?download=1` asks to save it (an export under the policy) and is always sent as an attachment.
 */
export async function handleFile(host: HostContext, req: http.IncomingMessage, res: http.ServerResponse, rawId: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    throw new HttpRefusal(405, { code: 'bad-request', message: '文件只能读取' });
  }
  const fileId = decodeSegment(rawId);
  const caller = host.sessions.callerFor(req, res);
  const download = new URL(req.url ?? '/', 'http://host').searchParams.get('download') === '1';
  const opened = host.core.openFile(fileId, caller, { intent: download ? 'download' : 'view' });
  if (!opened.ok) throw new HttpRefusal(HTTP_STATUS[opened.error.code] ?? 500, opened.error);
  const file = opened.value;
  const disposition = !download && INLINE_MEDIA.test(file.mediaType) ? 'inline' : 'attachment';
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
