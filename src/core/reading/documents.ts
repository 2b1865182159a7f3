import { openPdf, type OpenedPdf } from './render';

/**
 * Volumes opened by pdf.js for reading sessions, kept briefly so turning pages does not parse the
 * file again each time (opening a signed volume cost ~0.2 s on the 2-core machine). Bounded: pdf.js
 * holds a buffer the size of the file once it has read from it, so only a few stay open, each for a
 * short idle time, and a session's documents close with the session.
 */
export const MAX_OPEN_DOCUMENTS = 3;
export const DOCUMENT_IDLE_MS = 90_000;

interface Entry {
  readingId: string;
  opened: Promise<OpenedPdf>;
  users: number;
  lastUsed: number;
  isRetired: boolean;
  isClosed: boolean;
}

const entries = new Map<string, Entry>();
let sweeper: ReturnType<typeof setInterval> | undefined;

/** Runs `work` with the volume file open; the document stays cached for the next page. */
export async function withDocument<T>(readingId: string, file: string, work: (pdf: OpenedPdf) => Promise<T>): Promise<T> {
  const key = `${readingId}\n${file}`;
  let entry = entries.get(key);
  if (!entry || entry.isRetired) {
    entry = { readingId, opened: openPdf(file), users: 0, lastUsed: Date.now(), isRetired: false, isClosed: false };
    entries.set(key, entry);
    const failed = entry;
    failed.opened.catch(() => {
      if (entries.get(key) === failed) entries.delete(key);
    });
    evictBeyondLimit();
    startSweeper();
  }
  entry.users++;
  entry.lastUsed = Date.now();
  try {
    return await work(await entry.opened);
  } finally {
    entry.users--;
    entry.lastUsed = Date.now();
    if (entry.isRetired) release(entry);
  }
}

/** Closes a session's documents (reading.close, an idle or refused session). */
export function closeDocuments(readingId: string): void {
  for (const [key, entry] of entries) if (entry.readingId === readingId) retire(key, entry);
}

function evictBeyondLimit(): void {
  const idle = [...entries].filter(([, e]) => e.users === 0).sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
  while (entries.size > MAX_OPEN_DOCUMENTS && idle.length) {
    const [key, entry] = idle.shift()!;
    retire(key, entry);
  }
}

function retire(key: string, entry: Entry): void {
  if (entries.get(key) === entry) entries.delete(key);
  entry.isRetired = true;
  release(entry);
}

/** A document in use by another page's rendering closes when that rendering ends. */
function release(entry: Entry): void {
  if (entry.users > 0 || entry.isClosed) return;
  entry.isClosed = true;
  entry.opened.then((opened) => opened.close()).catch(() => undefined);
}

function startSweeper(): void {
  if (sweeper) return;
  sweeper = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.users === 0 && now - entry.lastUsed > DOCUMENT_IDLE_MS) retire(key, entry);
    if (!entries.size) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  }, DOCUMENT_IDLE_MS / 3);
  // The cache never keeps the process (the CLI, a test run) alive.
  sweeper.unref?.();
}
