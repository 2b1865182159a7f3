import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, Menu, protocol, type BrowserWindow } from 'electron';
import { createCore } from '../core/createCore';
import { defaultDataDir } from '../core/dataDir';
import type { Caller, Core } from '../core/types';
import { WindowCallers } from './ipc/sessions';
import { startIpcTransport } from './ipcTransport';
import { osKeyProtector } from './keyProtector';
import { MAIN_PARTITION, openMainWindow } from './mainWindow';
import { ReadingRoom } from './readingWindow';
import { electronBindingPath, missingBindingMessage } from './native/bindingPath';
import { isNavigationAllowed } from './security/navigation';
import { APP_SCHEME } from './security/origin';
import { resolveRendererSource } from './security/rendererSource';
import { WINDOW_TITLE } from './security/windowOptions';
import { startupErrorMessage } from './startupError';

// Must happen before `ready`: a standard, secure scheme gets a real origin (for 'self', storage and
// the IPC origin check) and a secure context, without serving app content over file://. corsEnabled
// only lets the dev server's page read stored files (main answers it alone with an allow header).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true, corsEnabled: true },
  },
]);
// Sandbox every renderer, including any a future code path creates without our window options.
app.enableSandbox();

const log = (message: string) => console.warn(`[main] ${message}`);
const source = resolveRendererSource(app.isPackaged, process.env);
const outDir = path.dirname(import.meta.dirname);
const LOGOUT_GRACE_MS = 3000;

// Two copies of the workstation would append to one audit chain from two processes.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

function start(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      log(`blocked new window for ${url}`);
      return { action: 'deny' };
    });
    const guard = (event: { preventDefault(): void }, url: string) => {
      if (isNavigationAllowed(url, source.trusted)) return;
      log(`blocked navigation to ${url}`);
      event.preventDefault();
    };
    contents.on('will-navigate', (event, url) => guard(event, url));
    contents.on('will-redirect', (event, url) => guard(event, url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const nativeBinding = electronBindingPath({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
  });
  if (!fs.existsSync(nativeBinding)) {
    dialog.showErrorBox(WINDOW_TITLE, missingBindingMessage(app.isPackaged, nativeBinding));
    app.exit(1);
    return;
  }

  const dataDir = defaultDataDir();
  let core: Core;
  try {
    const keyProtector = osKeyProtector();
    core = createCore({ dataDir, nativeBinding, ...(keyProtector ? { keyProtector } : {}) });
  } catch (error) {
    log(`createCore failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    dialog.showErrorBox(`${WINDOW_TITLE}无法启动`, startupErrorMessage(dataDir, error));
    app.exit(1);
    return;
  }

  if (!source.isDev) Menu.setApplicationMenu(null);

  const callers = new WindowCallers();
  const iconPath = app.isPackaged ? path.join(process.resourcesPath, 'icon.png') : path.join(app.getAppPath(), 'build', 'icon.png');
  const preloadPath = path.join(outDir, 'preload', 'index.cjs');
  const hasIcon = fs.existsSync(iconPath);
  const readingRoom = new ReadingRoom({ callers, source, preloadPath, partition: MAIN_PARTITION, ...(hasIcon ? { iconPath } : {}), log });
  const stopIpc = startIpcTransport(core, callers, source.trusted, log, {
    refuseFor: (method, id) => readingRoom.refuseFor(method, id),
    afterCall: (method, result, id) => readingRoom.afterCall(method, result, id),
  });
  const pendingLogouts = new Set<Promise<unknown>>();
  const endSession = (caller: Caller) => {
    const logout = core
      .invoke('auth.logout', {}, caller)
      .catch((error: unknown) => log(`logout on window close failed: ${String(error)}`))
      .finally(() => pendingLogouts.delete(logout));
    pendingLogouts.add(logout);
  };

  let mainWindow: BrowserWindow | null = null;
  const showMainWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      return;
    }
    mainWindow = openMainWindow({
      core,
      callers,
      source,
      rendererRoot: path.join(outDir, 'renderer'),
      preloadPath,
      ...(hasIcon ? { iconPath } : {}),
      log,
      onSignedInWindowClosed: endSession,
      readingRoom,
    });
  };
  showMainWindow();

  app.on('second-instance', showMainWindow);
  app.on('activate', showMainWindow);
  app.on('window-all-closed', () => app.quit());

  let isShuttingDown = false;
  app.on('will-quit', (event) => {
    event.preventDefault();
    if (isShuttingDown) return;
    isShuttingDown = true;
    // Logouts are audited; give them a moment to land before the database closes.
    const grace = new Promise((resolve) => setTimeout(resolve, LOGOUT_GRACE_MS));
    void Promise.race([Promise.allSettled([...pendingLogouts]), grace]).finally(() => {
      stopIpc();
      try {
        core.close();
      } catch (error) {
        log(`core.close failed: ${String(error)}`);
      }
      app.exit(0);
    });
  });
}
