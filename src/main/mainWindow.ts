import { BrowserWindow, session, type Session } from 'electron';
import type { Caller, Core } from '../core/types';
import { handleAppProtocol } from './appProtocol';
import { hardenSession } from './hardenSession';
import type { WindowCallers } from './ipc/sessions';
import type { ReadingRoom } from './readingWindow';
import { originOf } from './security/origin';
import type { RendererSource } from './security/rendererSource';
import { mainWindowOptions } from './security/windowOptions';

export interface WindowDeps {
  core: Core;
  callers: WindowCallers;
  source: RendererSource;
  rendererRoot: string;
  preloadPath: string;
  iconPath?: string;
  log: (message: string) => void;
  /** Called with the caller of a window that closed while signed in, so its session can be ended. */
  onSignedInWindowClosed: (caller: Caller) => void;
  /** Opens the kiosk window when this window goes to the reading route (decision 0014). */
  readingRoom?: ReadingRoom;
}

/**
 * Persistent, so the renderer's own preferences (column widths, last view) survive a restart; the
 * login does not, because the session token lives only in main's memory.
 */
export const MAIN_PARTITION = 'persist:workstation';

const preparedSessions = new WeakSet<Session>();
const sessionOwner = new Map<Session, number>();

export function openMainWindow(deps: WindowDeps): BrowserWindow {
  const ses = session.fromPartition(MAIN_PARTITION);
  if (!preparedSessions.has(ses)) {
    hardenSession(ses, deps.source.trusted, deps.log);
    handleAppProtocol(ses.protocol, {
      core: deps.core,
      rendererRoot: deps.rendererRoot,
      devOrigin: deps.source.trusted.devServerUrl ? originOf(deps.source.trusted.devServerUrl) : null,
      callerOfSession: () => {
        const owner = sessionOwner.get(ses);
        return owner === undefined ? null : deps.callers.get(owner);
      },
    });
    preparedSessions.add(ses);
  }

  const window = new BrowserWindow(
    mainWindowOptions({
      preloadPath: deps.preloadPath,
      partition: MAIN_PARTITION,
      isDev: deps.source.isDev,
      ...(deps.iconPath ? { iconPath: deps.iconPath } : {}),
    }),
  );
  const id = window.webContents.id;
  deps.callers.register(id);
  sessionOwner.set(ses, id);

  deps.readingRoom?.follow(window);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (sessionOwner.get(ses) === id) sessionOwner.delete(ses);
    const caller = deps.callers.release(id);
    if (caller?.session.token) deps.onSignedInWindowClosed(caller);
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    deps.log(`renderer of window ${id} gone: ${details.reason}`);
  });

  void window.loadURL(deps.source.entryUrl).catch((error: unknown) => {
    deps.log(`loading ${deps.source.entryUrl} failed: ${String(error)}`);
  });
  return window;
}
