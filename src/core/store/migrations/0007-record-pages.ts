import type { Migration } from '../migrate';

/**
 * The page model of a record (decision 0008): one row per page, read once when its scan is added
 * (size, resolution, orientation, thumbnail, blank flag), so that turning a record into its signed
 * PDF (DB3206/T 1060 §6.2.2 b) only writes and signs. `record_files` keeps its meaning, the record's
 * original files; a page names the original it comes from and its page within that file. A record
 * made before this migration has files but no pages; its pages are read from the store the first
 * time they are needed (cases/recordPages.ts ensurePages).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'record-pages',
  up(db) {
    db.exec(`
      CREATE TABLE record_pages (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES records(id),
        position INTEGER NOT NULL CHECK (position >= 1),
        file_id INTEGER NOT NULL REFERENCES files(id),
        page_in_file INTEGER NOT NULL CHECK (page_in_file >= 0),
        format TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'tiff')),
        pixel_width INTEGER NOT NULL CHECK (pixel_width > 0),
        pixel_height INTEGER NOT NULL CHECK (pixel_height > 0),
        -- EXIF/TIFF orientation of the file (1-8), as read; the archivist's turn is kept apart.
        orientation INTEGER NOT NULL CHECK (orientation BETWEEN 1 AND 8),
        dpi_x REAL NOT NULL CHECK (dpi_x > 0),
        dpi_y REAL NOT NULL CHECK (dpi_y > 0),
        dpi_source TEXT NOT NULL CHECK (dpi_source IN ('header', 'default')),
        colour TEXT NOT NULL CHECK (colour IN ('bilevel', 'gray', 'rgb', 'cmyk', 'other')),
        compression TEXT,
        embed TEXT NOT NULL CHECK (json_valid(embed)),
        -- Upright size in points: the file's orientation and the archivist's rotation applied.
        width_pt REAL NOT NULL CHECK (width_pt > 0),
        height_pt REAL NOT NULL CHECK (height_pt > 0),
        rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
        is_blank INTEGER NOT NULL CHECK (is_blank IN (0, 1)),
        dark_fraction REAL NOT NULL,
        -- Upright WebP, long side 256 px, rotation applied.
        thumbnail BLOB NOT NULL,
        notes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes)),
        -- OCR of the upright page (rotation applied); cleared when the page is turned.
        ocr TEXT CHECK (ocr IS NULL OR json_valid(ocr)),
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        UNIQUE (record_id, position)
      ) STRICT;
      CREATE INDEX record_pages_file ON record_pages(file_id);
    `);
  },
};
