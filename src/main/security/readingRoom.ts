import type { ApiError, Envelope, MethodName } from '../../contract';

/**
 * The reading room in the desktop app (DB3206/T 1060 §4.10.2, §4.10.3; decision 0014): the renderer's
 * route `#/reading/<caseId>` is shown only in a kiosk window of its own, without devtools and with
 * content protection, and the calls that show or hand out pages are taken only from that window.
 * Pure decisions; `readingWindow.ts` wires them to Electron.
 */

const READING_HASH = /^#\/reading\/([^/?#]+)\/?$/;

/** The case of a reading-room URL (`…#/reading/<caseId>`), or null for any other page. */
export function readingCaseOf(url: string): string | null {
  let hash: string;
  try {
    hash = new URL(url).hash;
  } catch {
    return null;
  }
  const match = READING_HASH.exec(hash);
  if (!match) return null;
  try {
    const caseId = decodeURIComponent(match[1]!);
    return caseId.trim() ? caseId : null;
  } catch {
    return null;
  }
}

export function isReadingRoute(url: string): boolean {
  return readingCaseOf(url) !== null;
}

/** The kiosk window's address: the app's entry page at the reading route of the case. */
export function readingWindowUrl(entryUrl: string, caseId: string): string {
  const base = entryUrl.split('#')[0]!;
  return `${base}#/reading/${encodeURIComponent(caseId)}`;
}

/**
 * Methods that put a page of an archived dossier on screen, on paper or in a file. From any other
 * window they are refused, so a page never shows in the ordinary window, which has devtools in
 * development and no content protection. Closing a session is allowed anywhere.
 */
export const READING_ROOM_METHODS: readonly MethodName[] = ['reading.open', 'reading.page', 'reading.print', 'reading.export'];

export function readingCallRefusal(method: MethodName, isReadingWindow: boolean): ApiError | null {
  if (isReadingWindow || !READING_ROOM_METHODS.includes(method)) return null;
  return { code: 'forbidden', message: '卷宗只能在阅览室窗口中查阅。请在卷宗页面点击“查阅”，在打开的全屏阅览室中阅读。' };
}

/**
 * The print dialog opens only after the core has allowed and logged this print (reading.print:
 * grant with print, pages in the log); the page lays out the watermarked pages it asked for first.
 */
export function shouldPrintAfter(method: MethodName, result: Envelope<unknown>, isReadingWindow: boolean): boolean {
  return isReadingWindow && method === 'reading.print' && result.ok;
}

/** What Electron's before-input-event tells about a key. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/**
 * Keys the kiosk window swallows, with why: print and save bypass the grant, devtools and view
 * source show the page's data, reload would drop the reader into a fresh session mid-page.
 */
export function blockedKey(input: KeyInput): string | null {
  if (input.type !== 'keyDown') return null;
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  if (key === 'f12') return 'devtools';
  if (key === 'f5') return 'reload';
  if (!command) return null;
  if (key === 'p') return 'print';
  if (key === 's') return 'save';
  if (key === 'u') return 'view-source';
  if (key === 'r') return 'reload';
  if (input.shift && ['i', 'j', 'c'].includes(key)) return 'devtools';
  if (input.alt && key === 'i') return 'devtools';
  return null;
}
