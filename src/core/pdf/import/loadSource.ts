import fs from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDocument, PDFNumber, type PDFPageLeaf, type PDFRef } from 'pdf-lib';

/**
 * pdf-lib holds the whole parsed file in memory (PDF.md: 1.3 GB RSS for 561 MB). Born-digital records
 * (a decision typed in Word, a notice from another system) are a few MB; anything this large is a
 * scan in disguise and should come in through the scan path page by page.
 */
export const MAX_BORN_DIGITAL_BYTES = 64 * 1024 * 1024;

/** Where a source page lies, in the source's default user space (ISO 32000-1 §14.11.2). */
export interface SourcePage {
  leaf: PDFPageLeaf;
  ref: PDFRef;
  /** CropBox ∩ MediaBox, normalised so that x0 < x1, y0 < y1: what a viewer shows. */
  box: [number, number, number, number];
  /** /Rotate normalised to 0, 90, 180 or 270; null when the file has some other value. */
  rotate: 0 | 90 | 180 | 270 | null;
  /** Size as shown, after /Rotate: what `doc.addPage({ size })` takes. */
  widthPt: number;
  heightPt: number;
}

export interface LoadedSource {
  file: string;
  name: string;
  doc: PDFDocument;
  pages: SourcePage[];
}

/** A source that could not be opened at all; `problem` is the Chinese reason, naming the file. */
export class SourceUnreadable extends Error {}

/**
 * Reads and parses a candidate PDF. Only the checks that stop any further reading are made here
 * (missing, size, not a PDF, truncated, unparseable); the rest are in `checkPdf.ts`. `name` is what
 * the reasons call the file: the name it was added under, when `file` is its copy in the file store.
 */
export async function loadSource(file: string, name = path.basename(file)): Promise<LoadedSource> {
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new SourceUnreadable(`「${name}」不是文件。请选择一个 PDF 文件。`);
    size = stat.size;
  } catch (error) {
    if (error instanceof SourceUnreadable) throw error;
    throw new SourceUnreadable(`无法读取「${name}」（${(error as NodeJS.ErrnoException).code ?? error}）。请确认文件存在且可以读取。`);
  }
  if (size === 0) throw new SourceUnreadable(`「${name}」是空文件（0 字节）。请重新导出或复制该文件。`);
  if (size > MAX_BORN_DIGITAL_BYTES) {
    throw new SourceUnreadable(
      `「${name}」有 ${(size / 1048576).toFixed(1)} MB，超过电子原生 PDF 的上限 ${MAX_BORN_DIGITAL_BYTES / 1048576} MB。请拆分后分别导入；如为扫描件，请按扫描图像导入。`,
    );
  }
  const bytes = await fs.readFile(file);
  // §7.5.2: the header is on the first line; readers accept it within the first 1024 bytes.
  if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) throw new SourceUnreadable(`「${name}」不是 PDF 文件（文件内容没有 PDF 文件头）。请确认选择了正确的文件。`);
  // §7.5.5: the last line is %%EOF. pdf-lib reads objects front to back and would quietly accept a
  // file cut after its last complete object, losing whatever followed.
  if (bytes.subarray(Math.max(0, bytes.length - 1024)).lastIndexOf('%%EOF') < 0) {
    throw new SourceUnreadable(`「${name}」不完整（文件末尾缺少 %%EOF），可能在复制或下载时被截断。请重新获取完整的文件。`);
  }
  let doc: PDFDocument;
  try {
    // ignoreEncryption: so that an encrypted file is reported as encrypted rather than unreadable.
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    throw new SourceUnreadable(`「${name}」已损坏，无法解析（${firstLine(error)}）。请重新导出该文件，或打印后按扫描件导入。`);
  }
  let pages: SourcePage[];
  try {
    pages = doc.getPages().map((page) => describePage(page.node, page.ref));
  } catch (error) {
    throw new SourceUnreadable(`「${name}」的页面树已损坏（${firstLine(error)}）。请重新导出该文件。`);
  }
  if (!pages.length) throw new SourceUnreadable(`「${name}」没有页面。请确认文件内容。`);
  return { file, name, doc, pages };
}

function describePage(leaf: PDFPageLeaf, ref: PDFRef): SourcePage {
  const media = boxOf(leaf.MediaBox());
  if (!media) throw new Error('MediaBox 无效');
  const crop = boxOf(leaf.CropBox()) ?? media;
  // §14.11.2: the crop box is clipped to the media box.
  const box: [number, number, number, number] = [Math.max(media[0], crop[0]), Math.max(media[1], crop[1]), Math.min(media[2], crop[2]), Math.min(media[3], crop[3])];
  const usable = box[2] > box[0] && box[3] > box[1] ? box : media;
  const raw = leaf.Rotate();
  const degrees = raw instanceof PDFNumber ? raw.asNumber() : 0;
  const normalised = ((degrees % 360) + 360) % 360;
  const rotate = normalised === 0 || normalised === 90 || normalised === 180 || normalised === 270 ? normalised : null;
  const w = usable[2] - usable[0];
  const h = usable[3] - usable[1];
  const quarter = rotate === 90 || rotate === 270;
  return { leaf, ref, box: usable, rotate, widthPt: quarter ? h : w, heightPt: quarter ? w : h };
}

function boxOf(value: unknown): [number, number, number, number] | null {
  if (!(value instanceof PDFArray) || value.size() !== 4) return null;
  const n = value.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : NaN));
  if (n.some((v) => !Number.isFinite(v))) return null;
  return [Math.min(n[0]!, n[2]!), Math.min(n[1]!, n[3]!), Math.max(n[0]!, n[2]!), Math.max(n[1]!, n[3]!)];
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160);
}
