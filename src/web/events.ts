import type http from 'node:http';
import type { ArchiveEvent } from '../contract';
import type { HostContext } from './context';
import { HttpRefusal } from './http';

/** `GET /events`: Server-Sent Events, one `data:` line per core event. */
export function handleEvents(host: HostContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'GET') throw new HttpRefusal(405, { code: 'bad-request', message: '事件流只接受 GET 请求' });
  host.sessions.callerFor(req, res);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  const unsubscribe = host.core.onEvent((event: ArchiveEvent) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  // Idle connections are cut by proxies and some clients; a comment line keeps the stream open.
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 20_000);
  host.eventStreams.add(res);
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
    host.eventStreams.delete(res);
  };
  req.on('close', stop);
  res.on('close', stop);
}
