import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core } from '../core/types';
import { handleApi, handleTerminal } from './api';
import { renderBridgeScript } from './bridge';
import type { HostContext } from './context';
import { handleEvents } from './events';
import { handleFile } from './files';
import { HttpRefusal, sendJson } from './http';
import { checkOrigin } from './origin';
import { SessionSlots } from './sessions';
import { StagingArea } from './staging';
import { handleBridge, handleStatic } from './static';
import { handleStaging } from './uploads';

export { readCookie } from './http';
export { SESSION_COOKIE } from './sessions';
export { resolveStatic } from './static';

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

/**
 * The core over HTTP on 127.0.0.1, for end-to-end tests and development in a plain browser.
 * Never packaged: the app carries the same calls over IPC.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options;
  const staging = new StagingArea(
    path.join(core.dataDir, 'staging'),
    options.maxUploadBytes ?? 512 * 1024 * 1024,
    options.maxStagedBytes ?? 4 * 1024 * 1024 * 1024,
  );
  const host: HostContext = {
    core,
    rendererRoot: path.resolve(options.rendererDir),
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    sessions: new SessionSlots(options.maxSessions ?? 1000, (id) => void staging.forget(id)),
    eventStreams: new Set<http.ServerResponse>(),
    bridgeScript: renderBridgeScript(),
    staging,
  };
  // Uploads left by an earlier run belong to sessions that no longer exist.
  await staging.clear();
  let port = 0;

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    checkOrigin(req, port);
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname.startsWith('/api/')) return handleApi(host, req, res, pathname.slice('/api/'.length));
    if (pathname.startsWith('/files/')) return handleFile(host, req, res, pathname.slice('/files/'.length));
    if (pathname.startsWith('/staging/')) return handleStaging(host, req, res, pathname.slice('/staging/'.length));
    if (pathname.startsWith('/terminal/')) return handleTerminal(host, req, res, pathname.slice('/terminal/'.length));
    if (pathname === '/events') return handleEvents(host, req, res);
    if (pathname === '/bridge.js') return handleBridge(host, req, res);
    return handleStatic(host, req, res, pathname);
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
        for (const stream of host.eventStreams) stream.end();
        host.eventStreams.clear();
        server.close(() => void staging.clear().finally(resolve));
        server.closeAllConnections();
      }),
  };
}
