export const WINDOW_TITLE = '执法案卷归档工作站';

export interface WindowOptionsInput {
  preloadPath: string;
  /** Session partition; one per window so that each window carries its own login. */
  partition: string;
  isDev: boolean;
  iconPath?: string;
}

/** The subset of BrowserWindow options we set; main passes it to Electron, which type-checks it. */
export interface MainWindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  icon?: string;
  webPreferences: {
    preload: string;
    partition: string;
    sandbox: true;
    contextIsolation: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    experimentalFeatures: false;
    plugins: false;
    navigateOnDragDrop: false;
    safeDialogs: true;
    spellcheck: false;
    devTools: boolean;
  };
}

export function mainWindowOptions(input: WindowOptionsInput): MainWindowOptions {
  return {
    title: WINDOW_TITLE,
    width: 1440,
    height: 900,
    // The case and dossier tables need this much room; below it columns collapse into ellipses.
    minWidth: 1100,
    minHeight: 700,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: !input.isDev,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      partition: input.partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Chromium's PDF viewer has its own save and print buttons, which would bypass the grants of
      // §4.10; records are drawn by the renderer (pdf.js) from app://bundle/files/<id> instead.
      plugins: false,
      // A file dropped on the window would otherwise replace the app with that file.
      navigateOnDragDrop: false,
      safeDialogs: true,
      // The spellchecker downloads dictionaries from Google; the archive room is offline and Chinese.
      spellcheck: false,
      devTools: input.isDev,
    },
  };
}

export const READING_WINDOW_TITLE = '阅览室 — 执法案卷归档工作站';

/** The reading room's window: the main window's hardening, plus kiosk and never devtools. */
export interface ReadingWindowOptions extends Omit<MainWindowOptions, 'webPreferences'> {
  kiosk: true;
  fullscreen: true;
  minimizable: false;
  webPreferences: Omit<MainWindowOptions['webPreferences'], 'devTools'> & { devTools: false };
}

/**
 * DB3206/T 1060 §4.10.2 and issue 5 item 5: archived dossiers are read in a kiosk window that fills
 * the screen, cannot be minimized behind other programs, and has no devtools even in development
 * (the page images are the only copy the reader gets). Same preload, partition and sandbox as the
 * main window, so it speaks to the core through the same contract and the same login.
 */
export function readingWindowOptions(input: WindowOptionsInput): ReadingWindowOptions {
  const main = mainWindowOptions(input);
  return {
    ...main,
    title: READING_WINDOW_TITLE,
    kiosk: true,
    fullscreen: true,
    minimizable: false,
    autoHideMenuBar: true,
    webPreferences: { ...main.webPreferences, devTools: false },
  };
}
