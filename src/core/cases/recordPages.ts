import { loadSharp } from '../scan/sharpModule';
import type { FileRef, RecordPageDto } from '../../contract';
import { CoreError, notFound } from '../errors';
import { describeEmbedding } from '../scan/embed';
import type { OcrResult } from '../scan/ocr';
import { composeOrientation, type QuarterTurn } from '../scan/orientation';
import type { BlankMeasure, ColourMode, Orientation, PageEmbedding, PlacedPage, PlacedPdfPage, ScanFormat, ScanPage } from '../scan/types';
import type { Db } from '../store/db';

/**
 * One row of record_pages (migrations 0007, 0009) with the original file it comes from. A page of a
 * born-digital PDF (format 'pdf', decision 0009) has no pixels, orientation, dpi or colour: NULL.
 */
export interface PageRow {
  id: number;
  record_id: number;
  position: number;
  file_id: number;
  page_in_file: number;
  format: ScanFormat | 'pdf';
  pixel_width: number | null;
  pixel_height: number | null;
  orientation: Orientation | null;
  dpi_x: number | null;
  dpi_y: number | null;
  dpi_source: 'header' | 'default' | null;
  colour: ColourMode | null;
  compression: string | null;
  embed: string;
  width_pt: number;
  height_pt: number;
  rotation: QuarterTurn;
  is_blank: number;
  dark_fraction: number;
  thumbnail: Buffer;
  notes: string;
  ocr: string | null;
  file_name: string;
  file_sha256: string;
  file_size: number;
  file_media_type: string;
}

const SELECT_PAGES = `SELECT p.*, f.name AS file_name, f.sha256 AS file_sha256, f.size AS file_size, f.media_type AS file_media_type
  FROM record_pages p JOIN files f ON f.id = p.file_id`;

export function pageRowsOf(db: Db, recordId: number): PageRow[] {
  return db.prepare(`${SELECT_PAGES} WHERE p.record_id = ? ORDER BY p.position`).all(recordId) as PageRow[];
}

export function pageRowOf(db: Db, recordId: number, pageId: string | number): PageRow {
  const row = db.prepare(`${SELECT_PAGES} WHERE p.record_id = ? AND p.id = ?`).get(recordId, Number(pageId)) as PageRow | undefined;
  if (!row) throw notFound('该页面');
  return row;
}

export function pageCountOf(db: Db, recordId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM record_pages WHERE record_id = ?').get(recordId) as { n: number }).n;
}

function fileRefOf(row: PageRow): FileRef {
  return { id: String(row.file_id), name: row.file_name, sha256: row.file_sha256, size: row.file_size, mediaType: row.file_media_type };
}

export function toRecordPageDto(row: PageRow): RecordPageDto {
  return {
    id: String(row.id),
    position: row.position,
    file: fileRefOf(row),
    pageInFile: row.page_in_file,
    widthPt: row.width_pt,
    heightPt: row.height_pt,
    // A PDF page's size is in the file itself, in points (1/72 inch).
    dpi: row.dpi_x === null ? 72 : Math.round(row.dpi_x),
    dpiSource: row.dpi_source ?? 'header',
    rotation: row.rotation,
    isBlank: row.is_blank === 1,
    embedding: describeEmbedding(JSON.parse(row.embed) as PageEmbedding),
    thumbnail: `data:image/webp;base64,${row.thumbnail.toString('base64')}`,
    hasOcr: row.ocr !== null,
    notes: JSON.parse(row.notes) as string[],
  };
}

/**
 * The page as the writer places it, from the stored row alone: its bytes are the original in the
 * file store, drawn with the file's orientation composed with the archivist's rotation. A PDF page
 * is drawn as its file shows it, turned by the rotation alone.
 */
export function placedPageOf(row: PageRow, pathOf: (sha256: string) => string): PlacedPage {
  const file = pathOf(row.file_sha256);
  if (row.format === 'pdf') {
    return { file, format: 'pdf', pageInFile: row.page_in_file, orientation: composeOrientation(1, row.rotation), widthPt: row.width_pt, heightPt: row.height_pt };
  }
  return {
    file,
    format: row.format,
    pageInFile: row.page_in_file,
    pixelWidth: row.pixel_width!,
    pixelHeight: row.pixel_height!,
    orientation: composeOrientation(row.orientation!, row.rotation),
    resolution: { x: row.dpi_x!, y: row.dpi_y!, source: row.dpi_source! },
    widthPt: row.width_pt,
    heightPt: row.height_pt,
    colour: row.colour!,
    embed: JSON.parse(row.embed) as Extract<PageEmbedding, { kind: 'passthrough' | 'png' }>,
  };
}

/** Whether the page is a born-digital PDF page: it has its text already and is never recognized (OCR). */
export function isPdfPage(row: Pick<PageRow, 'format'>): boolean {
  return row.format === 'pdf';
}

export function ocrOf(row: PageRow): OcrResult | null {
  return row.ocr === null ? null : (JSON.parse(row.ocr) as OcrResult);
}

/**
 * A page of a born-digital PDF as read when the file is added (decision 0009): where it is, its place
 * in the file, its size as shown, a thumbnail rendered from it. It is also what the writer places
 * (a PlacedPdfPage, orientation 1 until the archivist turns it). Never flagged blank: a page made on
 * a computer is there on purpose; and it has its text, so it needs no OCR.
 */
export interface PdfPage extends PlacedPdfPage {
  blank: BlankMeasure;
  thumbnail: ScanPage['thumbnail'];
  notes: string[];
}

/** A page read from an original: a scan's or a born-digital PDF's. */
export type ReadPage = ScanPage | PdfPage;

export interface NewPage {
  page: ReadPage;
  fileId: number;
}

/** Appends pages after the record's last one, in the order given. Call inside a transaction. */
export function appendPages(db: Db, recordId: number, pages: readonly NewPage[], addedBy: string, addedAt: string): void {
  const last = (db.prepare('SELECT coalesce(max(position), 0) AS n FROM record_pages WHERE record_id = ?').get(recordId) as { n: number }).n;
  const insert = db.prepare(
    `INSERT INTO record_pages (record_id, position, file_id, page_in_file, format, pixel_width, pixel_height, orientation, dpi_x, dpi_y, dpi_source,
       colour, compression, embed, width_pt, height_pt, rotation, is_blank, dark_fraction, thumbnail, notes, ocr, added_by, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  pages.forEach(({ page: p, fileId }, i) => {
    if (p.format === 'pdf') {
      insert.run(recordId, last + i + 1, fileId, p.pageInFile, 'pdf', null, null, null, null, null, null, null, null, JSON.stringify({ kind: 'pdf-form' }), p.widthPt, p.heightPt, 0, p.blank.darkFraction, p.thumbnail.data, JSON.stringify(p.notes), addedBy, addedAt);
      return;
    }
    insert.run(
      recordId,
      last + i + 1,
      fileId,
      p.pageInFile,
      p.format,
      p.pixelWidth,
      p.pixelHeight,
      p.orientation,
      p.resolution.x,
      p.resolution.y,
      p.resolution.source,
      p.colour,
      p.compression ?? null,
      JSON.stringify(p.embed),
      p.widthPt,
      p.heightPt,
      Number(p.blank.isBlank),
      p.blank.darkFraction,
      p.thumbnail.data,
      JSON.stringify(p.notes),
      addedBy,
      addedAt,
    );
  });
}

/** The thumbnail turned clockwise by a quarter-turn multiple (sharp turns a still image losslessly in pixels). */
export async function turnThumbnail(webp: Buffer, by: QuarterTurn): Promise<Buffer> {
  if (by === 0) return webp;
  const sharp = await loadSharp();
  return sharp(webp).rotate(by).webp({ quality: 70 }).toBuffer();
}

/** The clockwise turn from one rotation to another. */
export function turnBetween(from: QuarterTurn, to: QuarterTurn): QuarterTurn {
  return (((to - from) % 360) + 360) % 360 as QuarterTurn;
}

/**
 * A region given as fractions of the upright page, after the page is turned clockwise by `by`: a
 * strike-through (DB3206/T 1060 §6.2.2 c) stays on the words it struck.
 */
export function turnRegion(r: { x: number; y: number; width: number; height: number }, by: QuarterTurn) {
  const clamp = (v: number) => Math.max(0, Math.round(v * 1e6) / 1e6);
  switch (by) {
    case 90: return { x: clamp(1 - r.y - r.height), y: clamp(r.x), width: r.height, height: r.width };
    case 180: return { x: clamp(1 - r.x - r.width), y: clamp(1 - r.y - r.height), width: r.width, height: r.height };
    case 270: return { x: clamp(r.y), y: clamp(1 - r.x - r.width), width: r.height, height: r.width };
    default: return r;
  }
}

/**
 * Sets a page's rotation. A quarter turn swaps the upright sides. Stored OCR was read from the page as
 * it stood and its boxes no longer fit, so it is cleared (a page scanned sideways gave no useful text
 * anyway); corrections on the page turn with it. Call inside a transaction, with the turned thumbnail.
 */
export function setRotation(db: Db, row: PageRow, rotation: QuarterTurn, thumbnail: Buffer): void {
  const by = turnBetween(row.rotation, rotation);
  if (by === 0) return;
  const swap = by === 90 || by === 270;
  db.prepare('UPDATE record_pages SET rotation = ?, width_pt = ?, height_pt = ?, thumbnail = ?, ocr = NULL WHERE id = ?').run(
    rotation,
    swap ? row.height_pt : row.width_pt,
    swap ? row.width_pt : row.height_pt,
    thumbnail,
    row.id,
  );
  const corrections = db.prepare('SELECT id, x, y, width, height FROM record_corrections WHERE record_id = ? AND page = ?').all(row.record_id, row.position) as {
    id: number;
    x: number;
    y: number;
    width: number;
    height: number;
  }[];
  const update = db.prepare('UPDATE record_corrections SET x = ?, y = ?, width = ?, height = ? WHERE id = ?');
  for (const c of corrections) {
    const t = turnRegion(c, by);
    update.run(t.x, t.y, t.width, t.height, c.id);
  }
}

/**
 * Puts the record's pages in the order given: every page exactly once, nothing else. Corrections are
 * renumbered in the same transaction so that each stays on the page it was made on. Call inside a
 * transaction.
 */
export function arrangePages(db: Db, recordId: number, pageIds: readonly string[]): void {
  const rows = db.prepare('SELECT id, position FROM record_pages WHERE record_id = ?').all(recordId) as { id: number; position: number }[];
  const positionOf = new Map(rows.map((r) => [String(r.id), r.position]));
  const seen = new Set<string>();
  const duplicates = pageIds.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  const unknown = pageIds.filter((id) => !positionOf.has(id));
  const missing = rows.filter((r) => !seen.has(String(r.id))).map((r) => r.position);
  const problems = [
    duplicates.length ? `页面重复出现（编号 ${[...new Set(duplicates)].join('、')}）` : '',
    unknown.length ? `不是本文书的页面（编号 ${unknown.join('、')}）` : '',
    missing.length ? `缺少原第 ${missing.join('、')} 页` : '',
  ].filter(Boolean);
  if (problems.length) {
    throw new CoreError('bad-request', `页面顺序须把本文书的 ${rows.length} 页各列一次：${problems.join('；')}。页面顺序未改变，请刷新后重试。`, 'pageIds');
  }
  // UNIQUE (record_id, position) is checked row by row: move every page out of the way first.
  const shift = rows.length + 1_000_000;
  db.prepare('UPDATE record_pages SET position = position + ? WHERE record_id = ?').run(shift, recordId);
  const place = db.prepare('UPDATE record_pages SET position = ? WHERE id = ?');
  pageIds.forEach((id, i) => place.run(i + 1, Number(id)));
  const newPosition = new Map(pageIds.map((id, i) => [positionOf.get(id)!, i + 1]));
  const corrections = db.prepare('SELECT id, page FROM record_corrections WHERE record_id = ?').all(recordId) as { id: number; page: number }[];
  const renumber = db.prepare('UPDATE record_corrections SET page = ? WHERE id = ?');
  // A correction on a page the record does not have (yet) keeps its number; conversion refuses it.
  for (const c of corrections) if (newPosition.has(c.page)) renumber.run(newPosition.get(c.page)!, c.id);
}

/**
 * Stores OCR results by page, each only if the page still stands as it was recognized (a turn made
 * meanwhile would leave boxes that do not fit). Call inside a transaction; returns how many were kept.
 */
export function storeOcr(db: Db, results: readonly { pageId: number; rotation: QuarterTurn; ocr: OcrResult }[]): number {
  const update = db.prepare('UPDATE record_pages SET ocr = ? WHERE id = ? AND rotation = ?');
  return results.reduce((kept, r) => kept + update.run(JSON.stringify(r.ocr), r.pageId, r.rotation).changes, 0);
}
