import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { throwIfCancelled, type JobControl } from '../jobs/jobs';
import { loadBornDigital } from '../pdf/bornDigitalModule';
import { intakeFiles, listInputs, type ScanProblem } from '../scan';
import { sniffFormat } from '../scan/sniff';
import type { IntakeOptions, ScanFormat } from '../scan/types';
import type { Db } from '../store/db';
import { getSetting } from '../store/settings';
import { mediaTypeOf } from '../vault/mediaType';
import type { StoredFile } from '../vault/vault';
import { appendPages, pageCountOf, type NewPage, type PdfPage, type ReadPage } from './recordPages';

const MEDIA_TYPE: Record<ScanFormat | 'pdf', string> = { jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff', pdf: 'application/pdf' };

/** A file to add: where it is now, and the name people know it by (the name it was added under). */
export interface SourceFile {
  source: string;
  name: string;
}

/** One original read into its pages, not yet in the file store. */
export interface ReadOriginal extends SourceFile {
  /** Empty for an original that gives no pages (a case folder may bring a recording or a PDF). */
  pages: ReadPage[];
}

/** Originals put in the file store by one call: what that call must discard if it fails. */
export class StoredOriginals {
  readonly added: string[] = [];
  readonly stored: { sha256: string; size: number; name: string; mediaType: string; pages: ReadPage[] }[] = [];

  constructor(private readonly ctx: Context) {}

  /**
   * Copies the files into the store while `read` decodes them, so that the copying (disk, about 10 ms
   * an A4 JPEG with its fsync) overlaps the decoding (CPU, in sharp's threads). Returns only after both
   * have ended, so that on any failure every file copied is listed for discard; the reading's refusal
   * (which names every bad file) comes first.
   */
  async store(files: readonly SourceFile[], read: () => Promise<ReadOriginal[]>, signal: AbortSignal): Promise<void> {
    const copy = async () => {
      const copied = [];
      for (const f of files) {
        copied.push(this.copyOne(f, signal));
        // The copy is synchronous: let the reading's callbacks run between files.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return copied;
    };
    const [originals, copied] = await Promise.allSettled([read(), copy()]);
    if (originals.status === 'rejected') throw originals.reason;
    if (copied.status === 'rejected') throw copied.reason;
    originals.value.forEach((o, i) => this.keep(o, copied.value[i]!));
  }

  /** Copies originals already read, one after the other (when there is nothing to overlap with). */
  put(originals: readonly ReadOriginal[], signal: AbortSignal): void {
    for (const o of originals) this.keep(o, this.copyOne(o, signal));
  }

  private copyOne(f: SourceFile, signal: AbortSignal): StoredFile {
    throwIfCancelled(signal);
    let copied: StoredFile;
    try {
      copied = this.ctx.vault.put(f.source);
    } catch (error) {
      throw new CoreError('bad-request', `无法把 ${f.name} 存入档案（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）。请确认文件仍在原处、磁盘未满后重试。`);
    }
    if (copied.isNew) this.added.push(copied.sha256);
    return copied;
  }

  private keep(o: ReadOriginal, c: StoredFile): void {
    this.stored.push({ sha256: c.sha256, size: c.size, name: o.name, mediaType: o.pages.length ? MEDIA_TYPE[o.pages[0]!.format] : mediaTypeOf(o.name), pages: o.pages });
  }

  /** Inserts the files, links them as the record's originals and appends their pages. Call inside a transaction. */
  link(recordId: number, from = 0, to = this.stored.length): number {
    const { db, nowIso, user } = this.ctx;
    const insertFile = db.prepare('INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, ?, ?)');
    const lastFile = (db.prepare('SELECT coalesce(max(position), 0) AS n FROM record_files WHERE record_id = ?').get(recordId) as { n: number }).n;
    const linkFile = db.prepare('INSERT INTO record_files (record_id, position, file_id) VALUES (?, ?, ?)');
    const pages: NewPage[] = [];
    this.stored.slice(from, to).forEach((s, i) => {
      const fileId = Number(insertFile.run(s.sha256, s.size, s.name, s.mediaType, nowIso).lastInsertRowid);
      linkFile.run(recordId, lastFile + i + 1, fileId);
      for (const page of s.pages) pages.push({ page, fileId });
    });
    appendPages(db, recordId, pages, user!.username, nowIso);
    return pages.length;
  }

  discard(): void {
    for (const sha of this.added.splice(0)) this.ctx.vault.discard(sha);
  }
}

/**
 * Reads every file into its pages, or refuses them all: one Chinese message that lists each bad
 * file by name and says that the others were fine but nothing was added (issue 3, items 2 and 11).
 * A file that is a PDF by its content (`%PDF-`, whatever its name) is a born-digital record: checked
 * (decision 0009; fonts embedded, no encryption, no scripts) and read into one page per PDF page;
 * every other file goes through scan intake.
 */
export async function readOriginals(db: Db, files: readonly SourceFile[], options: IntakeOptions, listed: ScanProblem[] = []): Promise<ReadOriginal[]> {
  const isPdf = files.map((f) => isPdfInput(f.source, f.name));
  const scans = files.filter((_, i) => !isPdf[i]);
  const scanResults = await intakeFiles(
    scans.map((f) => f.source),
    // The unit's setting for scans whose header states no resolution.
    { defaultDpi: getSetting(db, 'scan.defaultDpi'), ...options },
  );
  const pdfResults: (PdfPage[] | { message: string })[] = [];
  for (const f of files.filter((_, i) => isPdf[i])) pdfResults.push(await readBornDigital(f, options.signal));
  const problems = [...listed];
  const originals: ReadOriginal[] = [];
  files.forEach(({ source, name }, i) => {
    const r = isPdf[i] ? pdfResults.shift()! : scanResults.shift()!;
    if (Array.isArray(r)) originals.push({ source, name, pages: r });
    else problems.push({ file: name, message: r.message.split(source).join(name) });
  });
  if (problems.length) {
    const fine = originals.length;
    throw new CoreError(
      'bad-request',
      `以下 ${problems.length} 个文件有问题，本次没有添加任何页面：\n${problems.map((p) => `· ${p.message}`).join('\n')}` +
        (fine ? `\n其余 ${fine} 个文件无误，但也未添加；请处理上述文件后重新添加。` : ''),
    );
  }
  return originals;
}

/**
 * Whether a file goes the born-digital way: its content is a PDF (`%PDF-` within the first 1024
 * bytes, ISO 32000-1 §7.5.2, as loadSource decides), or it is named .pdf and its content is no scan
 * (so that a text file named .pdf is refused as "not a PDF", not as "not an image"). A JPEG named
 * .pdf is still a scan: content decides.
 */
function isPdfInput(file: string, name: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(1024);
    const n = fs.readSync(fd, head, 0, 1024, 0);
    if (head.subarray(0, n).indexOf('%PDF-') >= 0) return true;
    return /\.pdf$/i.test(name) && sniffFormat(head.subarray(0, n)).kind !== 'accepted';
  } catch {
    // Unreadable: scan intake says so, naming the file.
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A born-digital PDF checked (`checkBornDigitalPdf`) and read into its pages, with thumbnails
 * rendered from the file; or the reasons it is refused, each naming the file as the user knows it.
 */
async function readBornDigital(f: SourceFile, signal?: AbortSignal): Promise<PdfPage[] | { message: string }> {
  if (signal) throwIfCancelled(signal);
  const { checkBornDigitalPdf, renderPdfThumbnails } = await loadBornDigital();
  const check = await checkBornDigitalPdf(f.source, f.name);
  if (!check.ok) return { message: check.problems.join('\n· ') };
  let thumbnails;
  try {
    thumbnails = await renderPdfThumbnails(await fs.promises.readFile(f.source), 256, signal);
  } catch (error) {
    if (signal) throwIfCancelled(signal);
    return { message: `「${f.name}」的页面无法显示（${(error as Error).message.split('\n')[0]}）。请用原软件重新导出该 PDF，或打印后按扫描件导入。` };
  }
  if (thumbnails.length !== check.pageCount) {
    return { message: `「${f.name}」的页数无法确定（${check.pageCount} / ${thumbnails.length}）。请用原软件重新导出该 PDF。` };
  }
  return check.pages.map((p, pageInFile) => {
    const t = thumbnails[pageInFile]!;
    return {
      file: f.source,
      format: 'pdf',
      pageInFile,
      orientation: 1,
      widthPt: p.widthPt,
      heightPt: p.heightPt,
      blank: { isBlank: false, darkFraction: Number(t.darkFraction.toFixed(6)), threshold: 0 },
      thumbnail: { mediaType: 'image/webp', data: t.webp, width: t.width, height: t.height },
      notes: ['电子原生 PDF：文字可检索，无需文字识别'],
    };
  });
}

/** The user's files and folders as files in page order (folders by natural name order), and what could not be listed. */
export async function listScanInputs(inputs: readonly string[]): Promise<{ files: SourceFile[]; problems: ScanProblem[] }> {
  for (const input of inputs) {
    if (!path.isAbsolute(input)) throw new CoreError('bad-request', `请给出完整路径：${input}`, 'inputs');
  }
  const { files, problems } = await listInputs([...inputs]);
  if (!files.length && !problems.length) throw new CoreError('bad-request', '所选文件夹中没有扫描文件。', 'inputs');
  return { files: files.map((source) => ({ source, name: path.basename(source) })), problems };
}

/** listScanInputs, then readOriginals: the user's files and folders read into pages, or refused. */
export async function readInputs(db: Db, inputs: readonly string[], options: IntakeOptions): Promise<ReadOriginal[]> {
  const { files, problems } = await listScanInputs(inputs);
  return readOriginals(db, files, options, problems);
}

/**
 * Whether an original of a record is a scan, which gives pages, or another kind of file (an audio
 * recording, a PDF), which stays an original without pages. Decided by content, with the name as a
 * second opinion: a file named .jpg that is not an image is a bad scan, not an attachment.
 */
export function isScanOriginal(file: string, name: string): boolean {
  if (/^image\/(jpeg|png|tiff)$/.test(mediaTypeOf(name))) return true;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    return sniffFormat(head).kind === 'accepted';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A record registered before pages existed (migration 0007) has originals but no pages: read them
 * from the file store now, the first time pages are needed (adding scans, listing pages, converting,
 * OCR), so that no record is stuck. Concurrent callers may both read; only the first one's pages are
 * kept (the transaction looks again).
 */
export async function ensurePages(ctx: Context, recordId: number, control?: Pick<JobControl, 'signal' | 'progress'>): Promise<void> {
  if (pageCountOf(ctx.db, recordId) > 0) return;
  const originals = ctx.db
    .prepare('SELECT f.id, f.sha256, f.name FROM record_files rf JOIN files f ON f.id = rf.file_id WHERE rf.record_id = ? ORDER BY rf.position')
    .all(recordId) as { id: number; sha256: string; name: string }[];
  const scans = originals.filter((o) => isScanOriginal(ctx.vault.pathOf(o.sha256), o.name));
  if (!scans.length) return;
  const read = await readOriginals(
    ctx.db,
    scans.map((o) => ({ source: ctx.vault.pathOf(o.sha256), name: o.name })),
    { signal: control?.signal, onProgress: (done, total) => control?.progress(done, total, `读取已存扫描件 ${done}/${total}`) },
  );
  ctx.db.transaction(() => {
    if (pageCountOf(ctx.db, recordId) > 0) return;
    appendPages(
      ctx.db,
      recordId,
      read.flatMap((r, i) => r.pages.map((page) => ({ page, fileId: scans[i]!.id }))),
      ctx.user?.username ?? 'system',
      ctx.nowIso,
    );
  })();
}
