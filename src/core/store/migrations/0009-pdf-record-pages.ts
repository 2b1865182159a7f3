import type { Migration } from '../migrate';

/**
 * A record's page may come from a born-digital PDF (issue 4 item 6; decision 0009 "Wired into
 * records"): `format` 'pdf', the page inside the file in `page_in_file`, its size as shown in points.
 * What only a scan has (pixels, EXIF orientation, dpi, colour) is NULL on such a page, never a
 * made-up value; a scan page must still have all of it. SQLite cannot change a CHECK in place, so the
 * table is rebuilt (sqlite.org/lang_altertable.html, "other kinds of table schema changes"); no table
 * refers to record_pages, and every existing row is copied unchanged.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'pdf-record-pages',
  up(db) {
    db.exec(`
      CREATE TABLE record_pages_0009 (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES records(id),
        position INTEGER NOT NULL CHECK (position >= 1),
        file_id INTEGER NOT NULL REFERENCES files(id),
        page_in_file INTEGER NOT NULL CHECK (page_in_file >= 0),
        format TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'tiff', 'pdf')),
        pixel_width INTEGER CHECK (pixel_width > 0),
        pixel_height INTEGER CHECK (pixel_height > 0),
        orientation INTEGER CHECK (orientation BETWEEN 1 AND 8),
        dpi_x REAL CHECK (dpi_x > 0),
        dpi_y REAL CHECK (dpi_y > 0),
        dpi_source TEXT CHECK (dpi_source IN ('header', 'default')),
        colour TEXT CHECK (colour IN ('bilevel', 'gray', 'rgb', 'cmyk', 'other')),
        compression TEXT,
        embed TEXT NOT NULL CHECK (json_valid(embed)),
        width_pt REAL NOT NULL CHECK (width_pt > 0),
        height_pt REAL NOT NULL CHECK (height_pt > 0),
        rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
        is_blank INTEGER NOT NULL CHECK (is_blank IN (0, 1)),
        dark_fraction REAL NOT NULL,
        thumbnail BLOB NOT NULL,
        notes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes)),
        ocr TEXT CHECK (ocr IS NULL OR json_valid(ocr)),
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        UNIQUE (record_id, position),
        -- A scan page has its pixels, orientation, dpi and colour; a PDF page has none of them.
        CHECK (CASE WHEN format = 'pdf'
          THEN coalesce(pixel_width, pixel_height, orientation, dpi_x, dpi_y, dpi_source, colour) IS NULL
          ELSE pixel_width IS NOT NULL AND pixel_height IS NOT NULL AND orientation IS NOT NULL AND dpi_x IS NOT NULL
            AND dpi_y IS NOT NULL AND dpi_source IS NOT NULL AND colour IS NOT NULL END)
      ) STRICT;
      INSERT INTO record_pages_0009 SELECT * FROM record_pages;
      DROP TABLE record_pages;
      ALTER TABLE record_pages_0009 RENAME TO record_pages;
      CREATE INDEX record_pages_file ON record_pages(file_id);
    `);
  },
};
