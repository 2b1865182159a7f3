import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { tempDir } from '../../helpers/core';

const PAGE = `INSERT INTO record_pages (record_id, position, file_id, page_in_file, format, pixel_width, pixel_height, orientation, dpi_x, dpi_y, dpi_source,
  colour, compression, embed, width_pt, height_pt, rotation, is_blank, dark_fraction, thumbnail, notes, ocr, added_by, added_at)
  VALUES (1, ?, 1, 0, 'jpeg', 2480, 3508, 1, 300, 300, 'header', 'gray', NULL, '{"kind":"passthrough"}', 595.2, 841.92, ?, 0, 0.05, x'00', '[]', NULL, 'liu', '2024-06-01')`;

describe('migration 0007 record-pages', () => {
  it('upgrades a database with records and files to pages without touching them, and keeps pages consistent', () => {
    const db = new Database(path.join(tempDir(), 'a.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 6));
    // Only the tables matter here: a file linked to a record, as 0002–0006 kept them.
    db.prepare(
      `INSERT INTO cases (id, case_number, cause, party_kind, party_name, party, source, procedure, department, disposition, state, created_at, updated_at)
       VALUES (1, 'A-1', '案由', 'person', '王建国', '{}', '举报', '一般程序', '科', '', '办理中', '', '')`,
    ).run();
    db.prepare("INSERT INTO records (id, case_id, type_number, title, document_number, responsible, date, created_at) VALUES (1, 1, 1, '立案报告表', '', '局', '2024-03-04', '')").run();
    db.prepare("INSERT INTO files (id, sha256, size, name, media_type, stored_at) VALUES (1, ?, 1, 'p.jpg', 'image/jpeg', '')").run('a'.repeat(64));
    db.prepare('INSERT INTO record_files (record_id, position, file_id) VALUES (1, 1, 1)').run();

    migrate(db, MIGRATIONS.slice(0, 7));
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT count(*) n FROM record_files').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) n FROM record_pages').get()).toEqual({ n: 0 });

    db.prepare(PAGE).run(1, 0);
    expect(() => db.prepare(PAGE).run(1, 0)).toThrow(/UNIQUE/);
    expect(() => db.prepare(PAGE).run(2, 45)).toThrow(/CHECK/);
    expect(() => db.prepare(PAGE).run(0, 0)).toThrow(/CHECK/);
    expect(() => db.prepare(PAGE.replace("'jpeg'", "'gif'")).run(3, 0)).toThrow(/CHECK/);
    expect(() => db.prepare(PAGE.replace('VALUES (1,', 'VALUES (99,')).run(4, 0)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
