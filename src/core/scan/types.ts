/** Formats accepted from a scanner. GIF, BMP, WebP, HEIC and PDF are refused as scans (decision 0006); a born-digital PDF is a record of its own kind (0009). */
export type ScanFormat = 'jpeg' | 'png' | 'tiff';

/** EXIF/TIFF orientation 1..8: how the stored pixels must be turned to stand upright. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export type ColourMode = 'bilevel' | 'gray' | 'rgb' | 'cmyk' | 'other';

/**
 * How the page's image goes into the PDF.
 * - passthrough: the file's bytes as they are (JPEG as /DCTDecode, plain PNG as /FlateDecode), so that
 *   `pdfimages -j` gives back the scanner's bytes (DA/T 31: keep the original bytes).
 * - png: decoded with sharp and re-encoded as lossless PNG; `reason` says why, for the record.
 */
export type EmbedPlan = { kind: 'passthrough' } | { kind: 'png'; reason: string };

export interface Resolution {
  /** Dots per inch along the stored image's x and y axes. */
  x: number;
  y: number;
  /** header: read from JFIF/EXIF/pHYs/TIFF tags; default: the unit's setting, because the header had none. */
  source: 'header' | 'default';
}

export interface BlankMeasure {
  isBlank: boolean;
  /** Fraction of dark pixels on a downscaled grayscale copy with the margins trimmed. */
  darkFraction: number;
  /** A page is flagged blank when darkFraction is below this. */
  threshold: number;
}

export interface ScanPage {
  /** Absolute path of the source file (the original stays byte-identical in the vault). */
  file: string;
  format: ScanFormat;
  /** Page within a multi-page TIFF, 0 for single images. */
  pageInFile: number;
  /** Pixel size as stored, before orientation. */
  pixelWidth: number;
  pixelHeight: number;
  orientation: Orientation;
  resolution: Resolution;
  /** Upright page size in PDF points (pixels / dpi × 72), orientation applied. */
  widthPt: number;
  heightPt: number;
  colour: ColourMode;
  /** TIFF compression name (e.g. 'ccitt-g4', 'jpeg', 'lzw'), when the file is a TIFF. */
  compression?: string;
  embed: EmbedPlan;
  blank: BlankMeasure;
  /** Upright thumbnail, long side `thumbnailSize` px. */
  thumbnail: { mediaType: 'image/webp'; data: Buffer; width: number; height: number };
  /** Chinese notes for the page record (default resolution used, re-encoding, low dpi…). */
  notes: string[];
}

/**
 * What the writer needs to place one scanned page, without decoding it again: where its bytes are,
 * their stored size and resolution, how to turn them upright (the orientation the page is drawn with)
 * and how they are embedded. A ScanPage is one; so is a stored scan page of a record (cases/recordPages.ts).
 */
export type PlacedScanPage = Pick<ScanPage, 'file' | 'format' | 'pageInFile' | 'pixelWidth' | 'pixelHeight' | 'orientation' | 'resolution' | 'widthPt' | 'heightPt' | 'colour' | 'embed'>;

/**
 * A page of a born-digital PDF record (decision 0009), placed by copying the source page as a Form
 * XObject (`pdf/import`), never rasterized: text stays text in its embedded font.
 */
export interface PlacedPdfPage {
  /** The PDF as kept in the file store, byte-identical to the one added. */
  file: string;
  format: 'pdf';
  /** 0-based page of the PDF. */
  pageInFile: number;
  /** The archivist's turn as an orientation (1, 6, 3 or 8), applied to the page as the PDF shows it. */
  orientation: Orientation;
  /** Size on the output page in points, the turn applied. */
  widthPt: number;
  heightPt: number;
}

/** Any page of a record as the writer places it. */
export type PlacedPage = PlacedScanPage | PlacedPdfPage;

/** How a record's page goes into the PDF: a scan's EmbedPlan, or a born-digital page copied as a form. */
export type PageEmbedding = EmbedPlan | { kind: 'pdf-form' };

export interface ScanProblem {
  file: string;
  message: string;
}

export interface IntakeResult {
  pages: ScanPage[];
  problems: ScanProblem[];
}

export interface IntakeOptions {
  /** Used when a file's header has no resolution (unit setting; default 300 dpi, DA/T 31). */
  defaultDpi?: number;
  /** Refuse images above this many pixels before decoding (decompression bombs). Default 150 MP. */
  maxPixels?: number;
  /** Long side of thumbnails in px. Default 256. */
  thumbnailSize?: number;
  /** Dark-pixel fraction below which a page is flagged blank. Default 0.002. */
  blankThreshold?: number;
  /** How many files are read at once; sharp works in libuv's thread pool. Default 2. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, file: string) => void;
}
