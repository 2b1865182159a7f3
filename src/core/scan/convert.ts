import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ScanConvertResult, ScannedPageDto } from '../../contract';
import { CoreError } from '../errors';
import { throwIfCancelled, type JobControl } from '../jobs/jobs';
import { addCertificationPlaceholder, signPdfInPlace, type PdfSigner } from '../pdf/sign';
import { CJK_FONT_ALIAS, writeRecordPdf, type PageGeometry, type RecordMetadata } from '../pdf/writer';
import { describeEmbedding } from './embed';
import { intakeScans } from './intake';
import { createOcrEngine, drawInvisibleTextLayer, recognizePages, type OcrImage, type OcrResult } from './ocr';
import type { PlacedPage, ScanPage } from './types';

export interface StrikeMark {
  page: number;
  region: { x: number; y: number; width: number; height: number };
  reason: string;
}

/** A strike-through on a page the record does not have stops the conversion before anything is written. */
function assertMarksOnPages(marks: readonly StrikeMark[] | undefined, pageCount: number): void {
  const beyond = (marks ?? []).find((m) => m.page > pageCount);
  if (beyond) throw new CoreError('bad-request', `划改记录指向第 ${beyond.page} 页，但只有 ${pageCount} 页。请核对扫描件。`);
}

const seconds = (from: number) => Math.round((performance.now() - from) / 10) / 100;

export interface SignedPdfOptions {
  /** The pages as the writer places them, in order (their files read one at a time). */
  pages: readonly PlacedPage[];
  /** Per page, its OCR to draw as the invisible text layer, or null for none. */
  ocr?: readonly (OcrResult | null)[];
  outPath: string;
  metadata: Omit<RecordMetadata, 'createdAt'>;
  /** Strike-through corrections to draw (DB3206/T 1060 §6.2.2 c), pages 1-based. */
  marks?: StrikeMark[];
  signer: PdfSigner;
  /** Shown in the signature (/Name, /Location). */
  signerName: string;
  location: string;
  control: JobControl;
  now: () => Date;
  /** Pages before the scans (a dossier volume's covers and contents, issue 4); see writeRecordPdf. */
  frontPages?: (doc: PDFKit.PDFDocument) => void | Promise<void>;
  /** Drawn over scan page i after its text layer and strikes (a dossier's page-number stamps and bookmarks). */
  overlay?: (doc: PDFKit.PDFDocument, pageIndex: number, geometry: PageGeometry) => void;
  /** Pages after the last scan page, before the certification (a dossier volume's remarks sheet). */
  afterPages?: (doc: PDFKit.PDFDocument) => void | Promise<void>;
}

/** Scans given as files, converted without a record (`scans.convert`). */
export type ConvertOptions = Omit<SignedPdfOptions, 'pages' | 'ocr'> & { inputs: string[]; ocr: boolean };

export interface SignedPdf {
  outPath: string;
  sha256: string;
  bytes: number;
  signer: { subject: string; fingerprint: string };
  signedAt: string;
  /** Lines and words of text layer drawn, null when no page had OCR. */
  ocr: { lines: number; words: number } | null;
  writeSeconds: number;
  signSeconds: number;
}

/**
 * Placed pages to one certified, read-only PDF/A (DB3206/T 1060 §6.2.2 b, d, e): the writer with
 * the certification placeholder, then signing in place. No decoding of passthrough pages: their
 * bytes go in as they are. Any failure or cancel leaves no output file: the writer renames its
 * temporary file only when complete, and a file that could not be signed is removed here, so nothing
 * unsigned ever looks like a record.
 */
export async function writeSignedPdf(o: SignedPdfOptions): Promise<SignedPdf> {
  const { signal } = o.control;
  if (!o.pages.length && !o.afterPages) throw new CoreError('bad-request', '没有找到可转换的扫描页。');
  assertMarksOnPages(o.marks, o.pages.length);
  throwIfCancelled(signal);
  const drawsText = (o.ocr ?? []).some(Boolean);
  let lines = 0;
  let words = 0;

  const t = performance.now();
  let signStarted = 0;
  let signed: Awaited<ReturnType<typeof signPdfInPlace>> | undefined;
  const written = await writeRecordPdf({
    pages: o.pages,
    metadata: { ...o.metadata, createdAt: o.now() },
    outPath: o.outPath,
    signal,
    onProgress: (done, total) => o.control.progress(done, total, `写入 PDF 第 ${done} 页`),
    drawPageOverlay: (doc, i, geometry) => {
      const ocr = o.ocr?.[i];
      if (ocr) {
        const stats = drawInvisibleTextLayer(doc, ocr, geometry, CJK_FONT_ALIAS);
        lines += stats.lines;
        words += stats.words;
      }
      for (const mark of (o.marks ?? []).filter((m) => m.page === i + 1)) drawStrike(doc, mark, geometry.widthPt, geometry.heightPt);
      o.overlay?.(doc, i, geometry);
    },
    frontPages: o.frontPages,
    withoutScans: o.pages.length === 0,
    beforeEnd: async (doc) => {
      if (o.afterPages) await o.afterPages(doc);
      addCertificationPlaceholder(doc, {
        reason: '经本单位认证，禁止修改（DB3206/T 1060 6.2.2）',
        location: o.location,
        name: o.signerName,
        signingTime: new Date(Math.floor(o.now().getTime() / 1000) * 1000),
      });
    },
    // Signed under the temporary name, so the file appears at outPath only certified; the writer
    // removes it if signing fails. The signer makes it durable (one fsync, overlapped with hashing).
    finish: async (tmpPath, hasher) => {
      throwIfCancelled(signal);
      signStarted = performance.now();
      o.control.progress(0, 1, '签章');
      signed = await signPdfInPlace(tmpPath, o.signer, { readOnly: true, flushWhileHashing: true, hasher: hasher ?? undefined });
    },
  });
  if (!signed) throw new Error('签章未完成：写入流程没有调用签章。');
  const writeSeconds = Math.round((signStarted - t) / 10) / 100;
  return {
    outPath: written.outPath,
    sha256: signed.fileSha256,
    bytes: signed.bytes,
    signer: { subject: signed.signerSubject, fingerprint: signed.signerFingerprint },
    signedAt: signed.signedAt.toISOString(),
    ocr: drawsText ? { lines, words } : null,
    writeSeconds,
    signSeconds: seconds(signStarted),
  };
}

/**
 * Scans given as files (no record): intake, optional OCR, then writeSignedPdf. Here intake runs
 * inside the conversion; a record's pages were read when they were added (decision 0008).
 */
export async function convertScans(o: ConvertOptions): Promise<Omit<ScanConvertResult, 'jobId'>> {
  const started = performance.now();
  const { signal } = o.control;
  let t = performance.now();
  const intake = await intakeScans(o.inputs, { signal, onProgress: (done, total, file) => o.control.progress(done, total, `读取扫描件 ${file}`) });
  const intakeSeconds = seconds(t);
  if (intake.problems.length) {
    throw new CoreError('bad-request', `以下文件无法转换，未生成 PDF：\n${intake.problems.map((p) => `· ${p.message}`).join('\n')}`);
  }
  if (!intake.pages.length) throw new CoreError('bad-request', '没有找到可转换的扫描页。');
  assertMarksOnPages(o.marks, intake.pages.length);
  throwIfCancelled(signal);

  t = performance.now();
  const ocr = o.ocr ? await recognize(intake.pages, o.control) : undefined;
  const ocrSeconds = o.ocr ? seconds(t) : 0;
  const r = await writeSignedPdf({ ...o, pages: intake.pages, ocr });
  return {
    outPath: r.outPath,
    pages: intake.pages.map(toPageDto),
    sha256: r.sha256,
    bytes: r.bytes,
    signer: r.signer,
    signedAt: r.signedAt,
    ocr: r.ocr,
    timings: { intake: intakeSeconds, ocr: ocrSeconds, write: r.writeSeconds, sign: r.signSeconds, total: seconds(started) },
  };
}

/** OCR of pages as the writer draws them (upright), with the job's progress and cancel. */
export async function recognize(pages: readonly OcrImage[], control: JobControl): Promise<OcrResult[]> {
  const engine = await createOcrEngine();
  try {
    return await recognizePages(engine, pages, {
      signal: control.signal,
      onProgress: (p) => control.progress(p.done, p.total, `文字识别 ${p.label}`),
    });
  } finally {
    await engine.close();
  }
}

/** Removes a file the signer may already have made read-only, if it is there. */
export function removeReadOnlyFile(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    /* not there */
  }
  fs.rmSync(file, { force: true });
}

function toPageDto(p: ScanPage): ScannedPageDto {
  return {
    file: p.file,
    pageInFile: p.pageInFile,
    widthPt: p.widthPt,
    heightPt: p.heightPt,
    dpi: Math.round(p.resolution.x),
    dpiSource: p.resolution.source,
    isBlank: p.blank.isBlank,
    embedding: describeEmbedding(p.embed),
  };
}

/**
 * 加划改符号: a red frame round the region, a line struck through its middle, and the reason beside it,
 * drawn over the scan so the original stays legible underneath (DB3206/T 1060 §6.2.2 c).
 */
function drawStrike(doc: PDFKit.PDFDocument, mark: StrikeMark, pageWidth: number, pageHeight: number): void {
  const x = mark.region.x * pageWidth;
  const y = mark.region.y * pageHeight;
  const w = mark.region.width * pageWidth;
  const h = mark.region.height * pageHeight;
  doc.save();
  doc.lineWidth(1.2).strokeColor('#d00000');
  doc.rect(x, y, w, h).stroke();
  doc.moveTo(x, y + h / 2).lineTo(x + w, y + h / 2).stroke();
  const size = Math.max(6, Math.min(10, pageHeight / 80));
  const below = y + h + size + 2 <= pageHeight;
  doc.font(CJK_FONT_ALIAS).fontSize(size).fillColor('#d00000');
  doc.text(`更正：${mark.reason}`, x, below ? y + h + 2 : Math.max(0, y - size - 2), { width: Math.max(w, pageWidth - x - 2) });
  doc.restore();
}
