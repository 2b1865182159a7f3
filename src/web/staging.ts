import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

/**
 * Files a browser uploads so that calls taking paths (`records.addScans`, `pdf.verify`) can read
 * them: the web host's half of `window.archive.stageFiles`. The app never needs this, since its page
 * and core share one machine. Layout: `<root>/<session key>/<batch>/<name>` or
 * `<root>/<session key>/<batch>/<folder>/<name>`. A batch is removed after the call that names it,
 * the session's folder when it signs out or is forgotten, everything when the host starts or stops.
 */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_NAME_CHARS = 120;

/**
 * A file or folder name safe to create on any platform, or null if nothing usable is left: no
 * separators, control or reserved characters, no `.`/`..`, no leading dot (the core skips hidden
 * files in a folder), no trailing dots or spaces (Windows drops them), at most 120 characters with
 * the extension kept.
 */
export function safeStagingName(raw: string): string | null {
  let name = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .trim()
    .replace(/[. ]+$/, '')
    .replace(/^\.+/, '');
  if (name === '' || /^_+$/.test(name)) return null;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (name.length > MAX_NAME_CHARS) {
    const ext = path.extname(name).slice(0, 16);
    name = name.slice(0, MAX_NAME_CHARS - ext.length) + ext;
  }
  return name;
}

export interface StagingTarget {
  batch: string;
  folder: string | null;
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<batch>/<name>` or `<batch>/<folder>/<name>` of an upload URL (segments already decoded), or null. */
export function parseStagingTarget(segments: string[]): StagingTarget | null {
  if (segments.length < 2 || segments.length > 3) return null;
  const [batch, ...rest] = segments as [string, ...string[]];
  if (!UUID.test(batch)) return null;
  const names = rest.map(safeStagingName);
  if (names.some((n) => n === null)) return null;
  return names.length === 2 ? { batch: batch.toLowerCase(), folder: names[0]!, name: names[1]! } : { batch: batch.toLowerCase(), folder: null, name: names[0]! };
}

/** Every string in a request (at any depth) that lies inside `dir`: the staged paths a call uses. */
export function pathsInside(value: unknown, dir: string, found: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (value.startsWith(dir + path.sep)) found.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) pathsInside(item, dir, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) pathsInside(item, dir, found);
  }
  return found;
}

export class StagingLimitError extends Error {}

export class StagingArea {
  constructor(
    readonly root: string,
    private readonly maxFileBytes: number,
    private readonly maxSessionBytes: number,
  ) {}

  /** A session's folder is named by a hash of its cookie, so that listing the folder reveals no cookie. */
  dirOf(sessionId: string): string {
    return path.join(this.root, createHash('sha256').update(sessionId).digest('hex').slice(0, 32));
  }

  /** Streams one upload into place and returns the path the caller passes on (the folder's, when there is one). */
  async receive(sessionId: string, target: StagingTarget, body: http.IncomingMessage): Promise<string> {
    const sessionDir = this.dirOf(sessionId);
    await this.sweep(sessionDir);
    const already = await sizeOf(sessionDir);
    const declared = Number(body.headers['content-length'] ?? 0);
    const budget = Math.min(this.maxFileBytes, this.maxSessionBytes - already);
    if (declared > budget || budget <= 0) throw new StagingLimitError(this.limitMessage(declared > this.maxFileBytes));
    const batchDir = path.join(sessionDir, target.batch);
    const dir = target.folder ? path.join(batchDir, target.folder) : batchDir;
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const finalPath = path.join(dir, target.name);
    const partPath = path.join(batchDir, `.${randomUUID()}.part`);
    let received = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        received += chunk.length;
        if (received > budget) done(new StagingLimitError(this.limitMessage(received > this.maxFileBytes)));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(partPath, { mode: 0o600, flags: 'wx' }));
      await fs.rename(partPath, finalPath);
    } catch (error) {
      await fs.rm(partPath, { force: true });
      throw error;
    }
    return target.folder ? dir : finalPath;
  }

  /** After a call: the batches it named are used up. */
  async release(sessionId: string, request: unknown): Promise<void> {
    const sessionDir = this.dirOf(sessionId);
    const batches = new Set([...pathsInside(request, sessionDir)].map((p) => path.relative(sessionDir, p).split(path.sep)[0]!));
    await Promise.all([...batches].filter((b) => UUID.test(b)).map((b) => fs.rm(path.join(sessionDir, b), { recursive: true, force: true })));
  }

  async forget(sessionId: string): Promise<void> {
    await fs.rm(this.dirOf(sessionId), { recursive: true, force: true });
  }

  async clear(): Promise<void> {
    await fs.rm(this.root, { recursive: true, force: true });
  }

  /** Batches staged and never used (a closed tab, a failed drop) go after an hour. */
  private async sweep(sessionDir: string): Promise<void> {
    const cutoff = Date.now() - 60 * 60 * 1000;
    let names: string[];
    try {
      names = await fs.readdir(sessionDir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(sessionDir, name);
      const stat = await fs.stat(full).catch(() => null);
      if (stat && stat.mtimeMs < cutoff) await fs.rm(full, { recursive: true, force: true });
    }
  }

  private limitMessage(isFileTooLarge: boolean): string {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    return isFileTooLarge
      ? `文件过大（单个文件上限 ${mb(this.maxFileBytes)}），请拆分后再添加`
      : `待处理的上传文件过多（合计上限 ${mb(this.maxSessionBytes)}），请先完成已添加的文件`;
  }
}

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const stat = await fs.stat(path.join(entry.parentPath, entry.name)).catch(() => null);
    total += stat?.size ?? 0;
  }
  return total;
}
