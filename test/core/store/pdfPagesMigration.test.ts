import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { tempDir } from '../../helpers/core';

const COLUMNS = `record_id, position, file_id, page_in_file, format, pixel_width, pixel_height, orientation, dpi_x, dpi_y, dpi_source,
  colour, compression, embed, width_pt, height_pt, rotation, is_blank, dark_fraction, thumbnail, notes, ocr, added_by, added_at`;
const SCAN = `INSERT INTO record_pages (${COLUMNS})
  VALUES (1, ?, 1, 0, 'jpeg', 2480, 3508, 1, 300, 300, 'header', 'gray', NULL, '{"kind":"passthrough"}', 595.2, 841.92, 90, 0, 0.05, x'00', '[]', '{"lines":[]}', 'liu', '2024-06-01')`;
const PDF = `INSERT INTO record_pages (${COLUMNS})
  VALUES (1, ?, 1, 2, 'pdf', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{"kind":"pdf-form"}', 595.28, 841.89, 0, 0, 0.01, x'01', '[]', NULL, 'liu', '2024-06-01')`;

describe('migration 0009 pdf-record-pages', () => {
  it('keeps every existing page as it was and admits PDF pages, which have no pixels, orientation, dpi or colour', () => {
    const db = new Database(path.join(tempDir(), 'a.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 8));
    db.prepare(
      `INSERT INTO cases (id, case_number, cause, party_kind, party_name, party, source, procedure, department, disposition, state, created_at, updated_at)
       VALUES (1, 'A-1', '案由', 'person', '王建国', '{}', '举报', '一般程序', '科', '', '办理中', '', '')`,
    ).run();
    db.prepare("INSERT INTO records (id, case_id, type_number, title, document_number, responsible, date, created_at) VALUES (1, 1, 1, '立案报告表', '', '局', '2024-03-04', '')").run();
    db.prepare("INSERT INTO files (id, sha256, size, name, media_type, stored_at) VALUES (1, ?, 1, 'p.jpg', 'image/jpeg', '')").run('a'.repeat(64));
    db.prepare(SCAN).run(1);
    expect(() => db.prepare(PDF).run(2)).toThrow(/CHECK|NOT NULL/);
    const before = db.prepare('SELECT * FROM record_pages').all();

    migrate(db, MIGRATIONS.slice(0, 9));
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT * FROM record_pages').all()).toEqual(before);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'record_pages' AND sql IS NOT NULL").all()).toEqual([{ name: 'record_pages_file' }]);

    db.prepare(PDF).run(2);
    expect(() => db.prepare(PDF).run(2)).toThrow(/UNIQUE/);
    // A PDF page with a scan's pixels, or a scan page without them, is refused.
    expect(() => db.prepare(PDF.replace("'pdf', NULL", "'pdf', 100")).run(3)).toThrow(/CHECK/);
    expect(() => db.prepare(SCAN.replace("'jpeg', 2480", "'jpeg', NULL")).run(4)).toThrow(/CHECK/);
    expect(() => db.prepare(SCAN.replace("'jpeg'", "'gif'")).run(5)).toThrow(/CHECK/);
    expect(() => db.prepare(PDF.replace('VALUES (1,', 'VALUES (99,')).run(6)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
