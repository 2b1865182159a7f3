import { BrowserWindow } from 'electron';
import type { ApiError, Envelope, MethodName } from '../contract';
import type { WindowCallers } from './ipc/sessions';
import { blockedKey, readingCallRefusal, readingCaseOf, readingWindowUrl, shouldPrintAfter } from './security/readingRoom';
import type { RendererSource } from './security/rendererSource';
import { readingWindowOptions } from './security/windowOptions';

export interface ReadingRoomDeps {
  callers: WindowCallers;
  source: RendererSource;
  preloadPath: string;
  /** The main window's partition: same app protocol, CSP and permission handlers. */
  partition: string;
  iconPath?: string;
  log: (message: string) => void;
}

/**
 * The reading room's kiosk window (decision 0014; DB3206/T 1060 §4.10.2). When the main window goes
 * to `#/reading/<caseId>`, the kiosk window opens at that route with the main window's login and the
 * main window goes back; the kiosk closes when its page leaves the route, or with the main window.
 * The decisions are the pure functions of security/readingRoom.ts; this file only wires them.
 */
export class ReadingRoom {
  #window: BrowserWindow | null = null;
  #windowId: number | null = null;

  constructor(private readonly deps: ReadingRoomDeps) {}

  isReadingWindow(webContentsId: number): boolean {
    return this.#windowId === webContentsId && this.#window !== null && !this.#window.isDestroyed();
  }

  /** For the IPC gate: the reading room's methods come only from its window. */
  refuseFor(method: MethodName, webContentsId: number): ApiError | null {
    return readingCallRefusal(method, this.isReadingWindow(webContentsId));
  }

  /** After an allowed and logged reading.print, the print dialog of the kiosk window. */
  afterCall(method: MethodName, result: Envelope<unknown>, webContentsId: number): void {
    if (!shouldPrintAfter(method, result, this.isReadingWindow(webContentsId))) return;
    this.#window!.webContents.print({ silent: false, printBackground: true }, (success, reason) => {
      if (!success) this.deps.log(`reading room print ended: ${reason}`);
    });
  }

  /** Watches the main window for the reading route. */
  follow(owner: BrowserWindow): void {
    owner.webContents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
      if (!isMainFrame) return;
      const caseId = readingCaseOf(url);
      if (caseId === null) return;
      this.open(owner, caseId);
      // The ordinary window never shows the reading page: back to where the reader came from.
      const history = owner.webContents.navigationHistory;
      if (history.canGoBack()) history.goBack();
      else void owner.loadURL(this.deps.source.entryUrl);
    });
    owner.once('closed', () => this.close());
  }

  open(owner: BrowserWindow, caseId: string): void {
    const url = readingWindowUrl(this.deps.source.entryUrl, caseId);
    const current = this.#window;
    if (current && !current.isDestroyed()) {
      if (readingCaseOf(current.webContents.getURL()) !== caseId) void current.loadURL(url);
      current.focus();
      return;
    }
    const window = new BrowserWindow(
      readingWindowOptions({ preloadPath: this.deps.preloadPath, partition: this.deps.partition, isDev: this.deps.source.isDev, ...(this.deps.iconPath ? { iconPath: this.deps.iconPath } : {}) }),
    );
    // Keeps the window out of screenshots and screen recording where the platform can (Windows,
    // macOS); on Linux Electron has no such call and the burned-in watermark is what remains.
    window.setContentProtection(true);
    const id = window.webContents.id;
    if (!this.deps.callers.share(owner.webContents.id, id)) {
      window.destroy();
      this.deps.log('reading room not opened: the main window has no session slot');
      return;
    }
    this.#window = window;
    this.#windowId = id;

    window.webContents.on('before-input-event', (event, input) => {
      const why = blockedKey(input);
      if (!why) return;
      event.preventDefault();
      this.deps.log(`reading room: blocked ${why} key`);
    });
    window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
    window.webContents.on('did-navigate-in-page', (_event, next, isMainFrame) => {
      if (isMainFrame && readingCaseOf(next) === null) window.close();
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      // The slot is the main window's: forget this window only; the login stays with the main window.
      this.deps.callers.release(id);
      if (this.#windowId === id) {
        this.#window = null;
        this.#windowId = null;
      }
      if (!owner.isDestroyed()) owner.focus();
    });
    void window.loadURL(url).catch((error: unknown) => this.deps.log(`loading the reading room failed: ${String(error)}`));
  }

  close(): void {
    if (this.#window && !this.#window.isDestroyed()) this.#window.close();
  }
}
