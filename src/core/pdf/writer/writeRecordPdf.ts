/// <reference types="pdfkit" />
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { cancelledError } from '../../jobs/jobs';
import { loadEmbedBytes } from '../../scan/embed';
import type { PlacedPage } from '../../scan/types';
import { loadBornDigital } from '../bornDigitalModule';
import { resolveFont, useFont, type FontChoice } from './fonts';
import { loadPdfkit } from './pdfkitModule';
import { jpegFileXObject, type PdfkitImage } from './jpegXObject';
import { drawScanPage, geometryOf, passesThrough, type PageGeometry } from './scanPage';
import { writerThread, type SinkChunk, type WriterThread } from './writerThread';
import type { RangeHasher } from '../sign/rangeHash';
import { buildXmp } from './xmp';
import { storeSmallStreamsUncompressed } from './smallStreams';
import { writeStringsNatively } from './binaryWrites';

export const PRODUCER = '执法案卷归档工作站 (pdfkit)';
/** PDF.md: awaiting while more than ~16 MB sits in pdfkit's Readable and the file stream kept 300 pages at ~285 MB RSS. */
export const DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/**
 * What the writer thread is sent at once: a message per page cost the main thread more than the
 * pages' drawing (each wakes the thread on a busy two-core machine); 8 MiB is about six scans.
 */
const BATCH_BYTES = 8 * 1024 * 1024;
/** The font alias set before any text is drawn, so pdfkit never falls back to Helvetica. */
export const CJK_FONT_ALIAS = 'cjk';

export interface RecordMetadata {
  title: string;
  caseNumber: string;
  recordType: string;
  author?: string;
  subject?: string;
  createdAt: Date;
}

export interface WriteRecordPdfOptions {
  pages: readonly PlacedPage[];
  metadata: RecordMetadata;
  outPath: string;
  /** The unit's font setting; default the bundled Noto Sans CJK SC. */
  font?: Partial<FontChoice>;
  /** Runs after the last page, before doc.end(): the signer's certification placeholder goes here. */
  beforeEnd?: (doc: PDFKit.PDFDocument) => void | Promise<void>;
  /**
   * Pages that go before the scans (a dossier's covers and contents). They are drawn after the scan
   * pages, while the writer thread is still copying the scans, and moved to the front of the page
   * tree: drawing them first kept the writer waiting (decision 0018).
   */
  frontPages?: (doc: PDFKit.PDFDocument) => void | Promise<void>;
  /** Runs on each page after its image: e.g. the OCR's invisible text layer. */
  drawPageOverlay?: (doc: PDFKit.PDFDocument, pageIndex: number, geometry: PageGeometry) => void | Promise<void>;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  maxBufferedBytes?: number;
  /** A document of drawn pages only (a 四性检测 report): no scan pages, everything drawn in beforeEnd. */
  withoutScans?: boolean;
  /** Replace an existing file at outPath. Off by default: a signed record is never overwritten (§6.2.2 d). */
  overwrite?: boolean;
  /**
   * Last work on the complete file under its temporary name, before it appears at outPath (signing in
   * place). The hook owns durability: the writer then does not fsync, so the signer can flush the
   * written bytes while it hashes them and fsync once, after its patch (~0.3 s of 380 MB here).
   * A document with pages comes with its hashes almost done (`hasher`, the writer thread's): all
   * but what beforeEnd drew was hashed as it was written.
   */
  finish?: (tmpPath: string, hasher: RangeHasher | null) => Promise<void>;
}

export interface WriteRecordPdfResult {
  outPath: string;
  bytes: number;
  pageCount: number;
}

type PdfInternals = {
  endMetadata: () => void;
  ref: (data: object) => { compress: boolean; write(chunk: Uint8Array): void; end(): void };
  _root: { data: Record<string, unknown> };
};

/**
 * Writes one record's scans as a PDF/A-2b file (DB3206/T 1060 §6.2.2 b; DOMAIN.md "Scans to signed
 * read-only PDF"): one page per scan at its true physical size, JPEGs embedded untouched, metadata in
 * Info and in XMP. The file appears at outPath only when complete: it is written beside the target
 * under a temporary name, fsynced and renamed; any failure or cancel removes it, so nothing that
 * looks like a valid record is left behind (issue 3, item 11).
 */
export async function writeRecordPdf(options: WriteRecordPdfOptions): Promise<WriteRecordPdfResult> {
  const { pages, metadata, outPath, signal } = options;
  if (!pages.length && !options.withoutScans) throw new Error(`没有可写入的页面：${outPath}。请先添加扫描图像。`);
  if (signal?.aborted) throw cancelledError();
  const refuseExisting = async () => {
    if (!options.overwrite && (await exists(outPath))) {
      throw new Error(`目标文件已存在：${outPath}。已签名的文书不能被覆盖；请换一个文件名，或先确认可以替换。`);
    }
  };
  await refuseExisting();
  const PDFDocument = await loadPdfkit();
  const font = resolveFont(options.font);
  const limit = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const createdAt = new Date(Math.floor(metadata.createdAt.getTime() / 1000) * 1000);
  const keywords = `${metadata.caseNumber}; ${metadata.recordType}`;

  const tmpPath = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${randomBytes(6).toString('hex')}.partial`);
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(tmpPath, 'wx', 0o600);
  } catch (error) {
    throw new Error(`无法在 ${path.dirname(outPath)} 创建文件（${(error as NodeJS.ErrnoException).code ?? error}）。请检查该文件夹是否存在、是否可写。`, { cause: error });
  }
  // A document with pages is written and hashed on a writer thread, scans passed through going from
  // their files into the PDF there (decision 0018); one of drawn pages only streams from this thread.
  const threaded = pages.length > 0;
  let thread: WriterThread | null = null;
  let out: ReturnType<fs.FileHandle['createWriteStream']> | null = null;
  let streamError: Error | undefined;
  if (threaded) {
    await fh.close();
    thread = writerThread(tmpPath);
  } else {
    // flush: the stream fsyncs before it closes the handle, so the bytes are on disk before the rename
    // (unless `finish` takes that over).
    out = fh.createWriteStream({ flush: !options.finish, highWaterMark: 1 << 20 });
    out.on('error', (error: Error) => (streamError ??= error));
  }

  let readable: Readable | undefined;
  let pushedEnd: Promise<void> | null = null;
  try {
    const doc = createDocument(PDFDocument, metadata, createdAt, keywords);
    readable = doc as unknown as Readable;
    readable.on('error', (error) => (streamError ??= error));
    if (thread) pushedEnd = sendTo(readable, thread);
    else readable.pipe(out as Writable);
    // The scans go first, so that the writer thread copies them while this thread opens the font and
    // draws the pages (decision 0019).
    const scans = thread ? await embedScansFirst(doc, pages, thread, signal) : [];
    useFont(doc, CJK_FONT_ALIAS, font);

    const bornDigitalModule = pages.some((p) => p.format === 'pdf') ? await loadBornDigital() : null;
    const bornDigital = bornDigitalModule ? new bornDigitalModule.BornDigitalSources(pages) : null;
    // A scan page that is not passed through is re-encoded by sharp on its own threads while the page
    // before it is drawn: one page ahead, so memory stays bounded.
    const ahead = (i: number): Promise<Buffer | PdfkitImage> | null => {
      const page = pages[i];
      if (!page || page.format === 'pdf') return null;
      // A passed-through scan is in the file already (embedScansFirst); the others are read (and
      // re-encoded) here.
      const embedded = scans[i];
      const loading: Promise<Buffer | PdfkitImage> = embedded ? Promise.resolve(embedded) : loadEmbedBytes(page);
      loading.catch(() => undefined);
      return loading;
    };
    let next = ahead(0);
    for (let i = 0; i < pages.length; i++) {
      if (signal?.aborted) throw cancelledError();
      const page = pages[i]!;
      const loading = next;
      next = null;
      let draw: () => void;
      try {
        if (page.format === 'pdf') {
          // A born-digital page is copied, not decoded (decision 0009); its source is parsed once per document.
          next = ahead(i + 1);
          const pdf = await bornDigital!.open(page.file, i);
          draw = () => bornDigitalModule!.placePdfPage(doc, page, pdf);
        } else {
          const bytes = await loading!;
          next = ahead(i + 1);
          draw = () => drawScanPage(doc, page, bytes);
        }
      } catch (error) {
        throw unreadable(i, page, error);
      }
      draw();
      if (options.drawPageOverlay) await options.drawPageOverlay(doc, i, geometryOf(page));
      // The thread may fall behind by any number of scans (their bytes are not held here), but not
      // by more than `limit` of what pdfkit made (text layers, re-encoded images).
      if (thread) await thread.flush({ batchBytes: BATCH_BYTES, aheadBytes: limit });
      else await relieve(readable, out!, limit, () => streamError);
      options.onProgress?.(i + 1, pages.length);
    }
    if (signal?.aborted) throw cancelledError();
    if (options.frontPages) await drawInFront(doc, options.frontPages);
    // What beforeEnd draws (a signature placeholder) is hashed when the signer has filled it in.
    thread?.hold();
    if (options.beforeEnd) await options.beforeEnd(doc);

    let size: number;
    if (thread) {
      doc.end();
      await pushedEnd;
      if (streamError) throw streamError;
      // The thread may still be copying many scans: a cancel stops it instead of waiting (abort below).
      size = await cancellable(thread.end(!options.finish), signal);
    } else {
      const closed = new Promise<void>((resolve, reject) => {
        out!.once('close', resolve);
        out!.once('error', reject);
      });
      doc.end();
      await closed;
      if (streamError) throw streamError;
      size = (await fs.stat(tmpPath)).size;
    }
    await fs.chmod(tmpPath, 0o644);
    if (options.finish) await options.finish(tmpPath, thread);
    thread?.close();
    await refuseExisting();
    await fs.rename(tmpPath, outPath);
    await syncDirectory(path.dirname(outPath));
    return { outPath, bytes: size, pageCount: pages.length };
  } catch (error) {
    if (thread) await thread.abort();
    if (out) {
      readable?.unpipe(out as Writable);
      if (!out.destroyed) {
        await new Promise<void>((resolve) => out!.destroy().once('close', () => resolve()));
      }
    }
    await fh.close().catch(() => undefined);
    // A file the signer already made read-only: Windows refuses to delete it until writable again.
    await fs.chmod(tmpPath, 0o600).catch(() => undefined);
    await fs.rm(tmpPath, { force: true });
    throw explain(error, outPath);
  }
}

/**
 * Embeds every passed-through scan as an image XObject before any page is drawn: pdfkit writes each
 * at once, so the writer thread starts copying the scans while the font opens and the pages, stamps
 * and forms are drawn, instead of waiting for the first page (decision 0019). Only each JPEG's head
 * is read here. The page that shows an image is drawn later with the object already written.
 */
async function embedScansFirst(doc: PDFKit.PDFDocument, pages: readonly PlacedPage[], thread: WriterThread, signal: AbortSignal | undefined): Promise<(PdfkitImage | null)[]> {
  const scans: (PdfkitImage | null)[] = [];
  for (let i = 0; i < pages.length; i++) {
    if (signal?.aborted) throw cancelledError();
    const page = pages[i]!;
    let image: PdfkitImage | null = null;
    if (passesThrough(page)) {
      try {
        image = jpegFileXObject(page.file);
      } catch (error) {
        throw unreadable(i, page, error);
      }
      image?.embed(doc);
    }
    scans.push(image);
    // The first scans go to the thread at once; then in batches, as pages do.
    await thread.flush({ batchBytes: i < 2 ? 0 : BATCH_BYTES, aheadBytes: Infinity });
  }
  return scans;
}

function unreadable(index: number, page: PlacedPage, error: unknown): Error {
  return new Error(`第 ${index + 1} 页（${path.basename(page.file)}）无法读取：${firstLine(error)}。请确认原文件未被移动或修改后重试。`, { cause: error });
}

function createDocument(PDFDocument: PDFKit.PDFDocument, metadata: RecordMetadata, createdAt: Date, keywords: string): PDFKit.PDFDocument {
  const info: Record<string, string | Date> = {
    Title: metadata.title,
    Keywords: keywords,
    Creator: PRODUCER,
    Producer: PRODUCER,
    CreationDate: createdAt,
    ModDate: createdAt,
    CaseNumber: metadata.caseNumber,
    RecordType: metadata.recordType,
  };
  if (metadata.author) info.Author = metadata.author;
  if (metadata.subject) info.Subject = metadata.subject;
  // PDF/A-2 is built on PDF 1.7. font: null keeps pdfkit from loading Helvetica, which is never
  // embedded (PDF.md). No userPassword/permissions: PDF/A and DA/T 70 forbid encryption.
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    font: null as unknown as string,
    autoFirstPage: false,
    lang: 'zh-CN',
    displayTitle: true,
    info: info as PDFKit.DocumentInfo,
  });
  storeSmallStreamsUncompressed(doc);
  writeStringsNatively(doc);
  replaceXmp(doc, buildXmp({ ...metadata, createdAt, keywords, creatorTool: PRODUCER, producer: PRODUCER }));
  return doc;
}


/**
 * Hands what pdfkit pushes to the writer thread instead of its Readable: the header it wrote while
 * being constructed, then every chunk and file segment. Resolves when pdfkit has pushed its last byte.
 */
function sendTo(readable: Readable, thread: WriterThread): Promise<void> {
  const header = readable.read() as Buffer | null;
  if (header) thread.push(header);
  return new Promise((resolve) => {
    (readable as unknown as { push(chunk: SinkChunk | null): boolean }).push = (chunk) => {
      if (chunk === null) resolve();
      else thread.push(chunk);
      return true;
    };
  });
}

function cancellable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Runs `draw` and moves the pages it added to the front of the page tree. */
async function drawInFront(doc: PDFKit.PDFDocument, draw: (doc: PDFKit.PDFDocument) => void | Promise<void>): Promise<void> {
  const kids = (doc as unknown as PdfInternals)._root.data.Pages as { data: { Kids: unknown[] } };
  const before = kids.data.Kids.length;
  await draw(doc);
  kids.data.Kids.unshift(...kids.data.Kids.splice(before));
}

/**
 * pdfkit pushes into its Readable and ignores backpressure; a synchronous loop buffered the whole
 * 560 MB output (PDF.md). Wait until the file stream has taken most of it.
 */
async function relieve(doc: Readable, out: Writable, limit: number, failed: () => Error | undefined): Promise<void> {
  while (doc.readableLength + out.writableLength > limit) {
    const error = failed();
    if (error) throw error;
    if (out.writableNeedDrain) {
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
      });
    } else {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const error = failed();
  if (error) throw error;
}

/**
 * pdfkit writes Info values into XMP without escaping (`A&B <草稿>` gave malformed XML, PDF.md) and
 * omits ModifyDate and the case fields. Replace its metadata step with our own well-formed packet;
 * the pdfaid and output intent still come from `subset: 'PDF/A-2b'`, only the XMP text is ours.
 */
function replaceXmp(doc: PDFKit.PDFDocument, xmp: string): void {
  const internals = doc as unknown as PdfInternals;
  internals.endMetadata = function endMetadata(this: PdfInternals) {
    const ref = this.ref({ Type: 'Metadata', Subtype: 'XML' });
    // Uncompressed, so that tools that do not inflate streams can still read it.
    ref.compress = false;
    ref.write(Buffer.from(xmp, 'utf8'));
    ref.end();
    this._root.data.Metadata = ref;
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // The rename is durable only once the directory entry is on disk; Windows cannot open directories.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

function explain(error: unknown, outPath: string): Error {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return new Error(`磁盘空间不足，未能写完 ${path.basename(outPath)}，已删除未完成的文件。请清理磁盘后重试。`);
  if (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message)) return error;
  return new Error(`写入 PDF 失败：${path.basename(outPath)}（${firstLine(error)}），已删除未完成的文件。请重试；如仍失败请联系管理员。`);
}
