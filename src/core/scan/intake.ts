import fs from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'sharp';
import { loadSharp } from './sharpModule';
import { cancelledError } from '../jobs/jobs';
import { measureBlank } from './blank';
import { listInputs } from './listInputs';
import { isQuarterTurn, orientationOps, toOrientation } from './orientation';
import { sniffFormat } from './sniff';
import { readTiffInfo, type TiffInfo } from './tiffInfo';
import type { ColourMode, EmbedPlan, IntakeOptions, IntakeResult, Resolution, ScanFormat, ScanPage, ScanProblem } from './types';

export const DEFAULT_DPI = 300;
export const DEFAULT_MAX_PIXELS = 150_000_000;
/** DA/T 31: at least 200 dpi for paper scans. */
const MIN_ARCHIVAL_DPI = 200;
/**
 * The copy blank detection looks at: about 75 dpi for an A4 page, enough to see a line of text. At
 * most a quarter of a 300-dpi A4 page's 3508 px, so libjpeg decodes at 1/4 scale (shrink-on-load).
 */
const ANALYSIS_SIDE = 860;

/** A failure of one file: its message is Chinese, names the file and says what to do. */
class FileProblem extends Error {}

/**
 * Reads scans (files and folders) into page records. Each file either gives all its pages or none
 * plus a problem: a multi-page TIFF missing its last page must not pass as complete. A bad file never
 * stops the batch (issue 3, item 11).
 */
export async function intakeScans(inputs: string[], options: IntakeOptions = {}): Promise<IntakeResult> {
  const { files, problems } = await listInputs(inputs);
  const pages: ScanPage[] = [];
  for (const result of await intakeFiles(files, options)) {
    if (Array.isArray(result)) pages.push(...result);
    else problems.push(result);
  }
  return { pages, problems };
}

/**
 * Reads files (not folders), each into all its pages or one problem, results in the order given, so
 * that a caller can tell which pages came from which file even when one file is listed twice.
 */
export async function intakeFiles(files: readonly string[], options: IntakeOptions = {}): Promise<(ScanPage[] | ScanProblem)[]> {
  const results: (ScanPage[] | ScanProblem)[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      if (options.signal?.aborted) throw cancelledError();
      try {
        results[index] = await readScanFile(file, options);
      } catch (error) {
        const message = error instanceof FileProblem ? error.message : `无法读取图像 ${path.basename(file)}：${describe(error)}。文件可能已损坏，请重新扫描或导出后再添加。`;
        results[index] = { file, message };
      }
      options.onProgress?.(++done, files.length, file);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  if (options.signal?.aborted) throw cancelledError();
  return results;
}

async function readScanFile(file: string, options: IntakeOptions): Promise<ScanPage[]> {
  const sharp = await loadSharp();
  const name = path.basename(file);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  let fh;
  try {
    fh = await fs.open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileProblem(code === 'ENOENT' ? `文件不存在：${file}。请确认路径正确、文件未被移走。` : `无法打开文件 ${file}（${code ?? describe(error)}）。请检查文件权限。`);
  }
  let format: ScanFormat;
  let tiff: TiffInfo | null = null;
  try {
    const { size } = await fh.stat();
    if (size === 0) throw new FileProblem(`文件为空（0 字节）：${name}。扫描可能未完成，请重新扫描。`);
    const head = Buffer.alloc(16);
    await fh.read(head, 0, 16, 0);
    const sniffed = sniffFormat(head);
    if (sniffed.kind === 'unknown') throw new FileProblem(`不是图像文件：${name}（内容不是 JPEG、PNG 或 TIFF，与扩展名无关）。请选择扫描仪输出的图像。`);
    if (sniffed.kind === 'refused') throw new FileProblem(`不支持的格式 ${sniffed.name}：${name}。请用扫描仪输出 JPEG、PNG 或 TIFF 后再添加。`);
    format = sniffed.format;
    if (format === 'tiff') {
      tiff = await readTiffInfo(fh, size);
      if (tiff?.truncated) throw new FileProblem(`TIFF 文件不完整：${name}，${tiff.truncated}。请重新扫描或重新复制该文件。`);
    }
  } finally {
    await fh.close();
  }

  const first = await sharp(file, { limitInputPixels: false }).metadata();
  const pageCount = format === 'tiff' ? (first.pages ?? 1) : 1;
  const pages: ScanPage[] = [];
  for (let p = 0; p < pageCount; p++) {
    const meta = p === 0 ? first : await sharp(file, { page: p, limitInputPixels: false }).metadata();
    const where = pageCount > 1 ? `${name} 第 ${p + 1} 页` : name;
    // Refuse before any pixel is decoded: a 50 000 × 50 000 header would otherwise ask for gigabytes.
    if (meta.width * meta.height > maxPixels) {
      throw new FileProblem(`图像过大：${where} 为 ${meta.width} × ${meta.height} 像素，超过上限 ${Math.round(maxPixels / 1e6)} 百万像素。请降低扫描分辨率或分页扫描。`);
    }
    pages.push(await readPage(file, format, p, meta, tiff?.pages[p], options));
  }
  return pages;
}

async function readPage(
  file: string,
  format: ScanFormat,
  pageInFile: number,
  meta: Metadata,
  tiffPage: TiffInfo['pages'][number] | undefined,
  options: IntakeOptions,
): Promise<ScanPage> {
  const sharp = await loadSharp();
  const notes: string[] = [];
  const resolution = readResolution(meta, tiffPage, options.defaultDpi ?? DEFAULT_DPI, notes);
  const orientation = toOrientation(tiffPage?.orientation ?? meta.orientation);
  if (orientation !== 1) notes.push(`按文件方向标记（${orientation}）正立显示，原图像数据未改动`);
  const colour = colourOf(meta, tiffPage);
  const embed = planEmbed(format, meta, colour, tiffPage);
  if (embed.kind === 'png') notes.push(embed.reason);

  // One decode serves both the blank measure and the thumbnail. sharp's default failOn 'warning'
  // makes a corrupt or truncated JPEG fail here, at intake, not later inside the PDF.
  const input = sharp(file, { page: pageInFile, limitInputPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS });
  const { data, info } = await input
    .resize({ width: ANALYSIS_SIDE, height: ANALYSIS_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace(colour === 'rgb' || colour === 'cmyk' ? 'srgb' : 'b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const gray = info.channels === 1 ? data : toGray(data, info.channels);
  const blank = measureBlank(gray, info.width, info.height, options.blankThreshold ?? 0.002);

  const size = options.thumbnailSize ?? 256;
  // Turned like the writer turns the page. The turn and the mirror go in separate pipelines because
  // in one pipeline sharp mirrored before turning (seen in orientation.test.ts); EXIF means turn, then mirror.
  const ops = orientationOps(orientation);
  const small = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .rotate(ops.rotate)
    .raw()
    .toBuffer({ resolveWithObject: true });
  let thumb = sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } });
  if (ops.flop) thumb = thumb.flop();
  if (ops.flip) thumb = thumb.flip();
  const thumbnail = await thumb.webp({ quality: 70 }).toBuffer({ resolveWithObject: true });

  const storedW = (meta.width / resolution.x) * 72;
  const storedH = (meta.height / resolution.y) * 72;
  const quarter = isQuarterTurn(orientation);
  return {
    file,
    format,
    pageInFile,
    pixelWidth: meta.width,
    pixelHeight: meta.height,
    orientation,
    resolution,
    widthPt: round3(quarter ? storedH : storedW),
    heightPt: round3(quarter ? storedW : storedH),
    colour,
    ...(tiffPage ? { compression: tiffPage.compression } : {}),
    embed,
    blank,
    thumbnail: { mediaType: 'image/webp', data: thumbnail.data, width: thumbnail.info.width, height: thumbnail.info.height },
    notes,
  };
}

function readResolution(meta: Metadata, tiffPage: TiffInfo['pages'][number] | undefined, defaultDpi: number, notes: string[]): Resolution {
  let found = tiffPage?.dpi;
  // sharp reports 72 for a JPEG with no JFIF/EXIF density; only a stated unit means the header said so.
  if (!found && meta.density && meta.resolutionUnit && !tiffPage) found = { x: meta.density, y: meta.density };
  if (found && (found.x < 30 || found.y < 30 || found.x > 4800 || found.y > 4800)) {
    notes.push(`文件记录的分辨率 ${Math.round(found.x)} dpi 不合理，按默认 ${defaultDpi} dpi 计算页面尺寸`);
    return { x: defaultDpi, y: defaultDpi, source: 'default' };
  }
  if (!found) {
    notes.push(`文件未记录分辨率，按默认 ${defaultDpi} dpi 计算页面尺寸`);
    return { x: defaultDpi, y: defaultDpi, source: 'default' };
  }
  const low = Math.min(found.x, found.y);
  if (low < MIN_ARCHIVAL_DPI) notes.push(`分辨率 ${Math.round(low)} dpi 低于 DA/T 31 要求的 ${MIN_ARCHIVAL_DPI} dpi，请确认扫描设置`);
  return { x: round3(found.x), y: round3(found.y), source: 'header' };
}

function colourOf(meta: Metadata, tiffPage: TiffInfo['pages'][number] | undefined): ColourMode {
  if (tiffPage && tiffPage.bitsPerSample === 1 && tiffPage.samplesPerPixel === 1) return 'bilevel';
  if (meta.space === 'cmyk') return 'cmyk';
  if (meta.bitsPerSample === 1 && meta.channels <= 2 && !meta.isPalette) return 'bilevel';
  if (meta.space === 'b-w' || meta.space === 'grey16' || (meta.channels <= 2 && !meta.isPalette)) return 'gray';
  if (meta.channels >= 3 || meta.isPalette) return 'rgb';
  return 'other';
}

function planEmbed(format: ScanFormat, meta: Metadata, colour: ColourMode, tiffPage: TiffInfo['pages'][number] | undefined): EmbedPlan {
  if (format === 'jpeg') {
    // DeviceCMYK under the sRGB output intent that PDF/A-2b gets from pdfkit is not conforming.
    if (colour === 'cmyk') return { kind: 'png', reason: 'CMYK 的 JPEG 不符合 PDF/A 的 sRGB 输出意图，已转换为 RGB 并以无损 PNG 嵌入' };
    return { kind: 'passthrough' };
  }
  if (format === 'png') {
    // pdfkit copies the PNG's compressed data only when it has no alpha and is not interlaced (PDF.md).
    if (meta.hasAlpha) return { kind: 'png', reason: 'PNG 含透明通道，已铺白底后以无损 PNG 嵌入' };
    if (meta.isProgressive) return { kind: 'png', reason: '隔行扫描的 PNG 已重新编码为普通无损 PNG' };
    return { kind: 'passthrough' };
  }
  const compression = tiffPage?.compression ?? 'unknown';
  if (colour === 'bilevel') return { kind: 'png', reason: `双色 TIFF（${compression}）已无损转换为 PNG 嵌入` };
  if (compression === 'jpeg' || compression === 'old-jpeg') {
    return { kind: 'png', reason: 'TIFF 内的 JPEG 无法原样嵌入 PDF，已解码为无损 PNG（文件较大，原件仍原样保存）' };
  }
  return { kind: 'png', reason: `TIFF（${compression}）不能直接嵌入 PDF，已无损转换为 PNG` };
}

function toGray(data: Buffer, channels: number): Buffer {
  const out = Buffer.allocUnsafe(data.length / channels);
  for (let i = 0, j = 0; j < out.length; i += channels, j++) {
    out[j] = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
  }
  return out;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}
