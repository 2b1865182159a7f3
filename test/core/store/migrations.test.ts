import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/store/db';
import { migrate, type Migration } from '../../../src/core/store/migrate';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { tempDir } from '../../helpers/core';

const fresh = () => new Database(path.join(tempDir(), 'a.db'));
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger') ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('store', () => {
  it('opens with WAL, foreign keys and the latest user_version', () => {
    const db = openDatabase(path.join(tempDir(), 'archive.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('makes every table STRICT', () => {
    const db = openDatabase(path.join(tempDir(), 'archive.db'));
    const list = db.prepare("PRAGMA table_list").all() as { name: string; type: string; strict: number }[];
    const ours = list.filter((t) => t.type === 'table' && !t.name.startsWith('sqlite_') && !t.name.startsWith('case_search'));
    expect(ours.length).toBeGreaterThan(5);
    for (const t of ours) expect(t.strict, t.name).toBe(1);
    expect(() => db.prepare("INSERT INTO audit_log (seq, at, actor, action, target, terminal_id, channel, outcome, detail, prev_hash, hash) VALUES ('not a number', '', '', '', '', '', '', 'ok', '', '', '')").run()).toThrow(/datatype mismatch|cannot store/);
    db.close();
  });

  it('is idempotent: opening twice applies nothing again', () => {
    const file = path.join(tempDir(), 'archive.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database written by a newer version of the app', () => {
    const file = path.join(tempDir(), 'archive.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/升级本程序/);
  });

  it('rolls a failing migration back whole, user_version included', () => {
    const db = fresh();
    const bad: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'bad',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, bad])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('half_done');
  });

  it('refuses numbering gaps', () => {
    expect(() => migrate(fresh(), [MIGRATIONS[0]!, MIGRATIONS[2]!])).toThrow(/不连续/);
  });
});

describe('migration 0001-people-and-audit', () => {
  it('creates people, sessions, settings and the append-only audit log', () => {
    const db = fresh();
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(tables(db)).toEqual(expect.arrayContaining(['unit', 'users', 'user_roles', 'sessions', 'settings', 'audit_log', 'audit_no_update', 'audit_no_delete']));
    expect(() => db.prepare("INSERT INTO unit VALUES (2, 'a', 'b', 'c')").run()).toThrow(/CHECK/);
  });
});

describe('migration 0002-cases-and-records', () => {
  it('adds cases, handlers, records, files on top of 0001 and enforces references', () => {
    const db = fresh();
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO users (username, display_name, department, password_hash, created_at) VALUES ('u', 'U', 'D', 'h', 'now')").run();
    migrate(db, MIGRATIONS.slice(0, 2));
    db.pragma('foreign_keys = ON');
    expect(tables(db)).toEqual(expect.arrayContaining(['cases', 'case_handlers', 'records', 'files', 'record_files', 'dossier_drafts']));
    expect((db.prepare('SELECT count(*) n FROM users').get() as { n: number }).n).toBe(1);
    expect(() => db.prepare("INSERT INTO records (case_id, type_number, title, document_number, responsible, date, created_at) VALUES (99, 2, 't', '', 'r', '2024-01-01', 'now')").run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO cases (case_number, cause, party_kind, party_name, party, source, procedure, department, disposition, state, created_at, updated_at) VALUES ('1','c','person','p','{}','s','普通程序','d','','办理中','n','n')").run(),
    ).toThrow(/CHECK/);
  });
});

describe('migration 0003-case-search', () => {
  it('indexes cases that existed before it and follows later changes', () => {
    const db = fresh();
    migrate(db, MIGRATIONS.slice(0, 2));
    const insert = db.prepare(
      "INSERT INTO cases (case_number, cause, party_kind, party_name, party, source, procedure, department, disposition, state, created_at, updated_at) VALUES (?, ?, 'person', ?, '{}', 's', '一般程序', 'd', '', '办理中', 'n', 'n')",
    );
    insert.run('A-1', '无证经营卷烟', '王建国');
    migrate(db, MIGRATIONS.slice(0, 3));
    const find = (q: string) => (db.prepare('SELECT rowid FROM case_search WHERE case_search MATCH ?').all(`"${q}"`) as unknown[]).length;
    expect(find('王建国')).toBe(1);
    insert.run('A-2', '销售假冒卷烟', '李小红');
    expect(find('假冒卷')).toBe(1);
    db.prepare("UPDATE cases SET party_name = '李小兰' WHERE case_number = 'A-2'").run();
    expect(find('李小红')).toBe(0);
    expect(find('李小兰')).toBe(1);
  });
});

describe('migration 0004-signing-identities', () => {
  it('keeps every certificate, at most one of them current, keys only as sealed blobs', () => {
    const db = fresh();
    migrate(db, MIGRATIONS.slice(0, 4));
    const insert = db.prepare(
      "INSERT INTO signing_certificates (fingerprint, subject, not_before, not_after, certificate_der, sealed_key, protection, is_current, created_at) VALUES (?, 's', 'a', 'b', x'30', x'00', 'passphrase', ?, 'now')",
    );
    insert.run('a'.repeat(64), 1);
    insert.run('b'.repeat(64), 0);
    expect(() => insert.run('c'.repeat(64), 1)).toThrow(/UNIQUE/);
    expect(() => insert.run('short', 0)).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO signing_certificates (fingerprint, subject, not_before, not_after, certificate_der, sealed_key, protection, created_at) VALUES (?, 's', 'a', 'b', x'30', x'00', 'plain', 'now')").run('d'.repeat(64)),
    ).toThrow(/CHECK/);
  });
});

describe('migration 0005-record-versions', () => {
  it('numbers versions per record, and only a later version names the one it supersedes', () => {
    const db = fresh();
    migrate(db, MIGRATIONS.slice(0, 5));
    db.exec(`
      INSERT INTO cases (case_number, cause, party_kind, party_name, party, source, procedure, department, disposition, state, created_at, updated_at)
        VALUES ('A', 'c', 'person', 'p', '{}', 's', '一般程序', 'd', '', '办理中', 'n', 'n');
      INSERT INTO records (case_id, type_number, title, document_number, responsible, date, created_at) VALUES (1, 2, 't', '', 'r', '2024-01-01', 'n');
      INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES ('${'a'.repeat(64)}', 1, 'x.pdf', 'application/pdf', 'n');
    `);
    const insert = db.prepare(
      "INSERT INTO record_versions (record_id, version, file_id, page_count, has_ocr, signer_fingerprint, signed_at, supersedes, reason, created_by, created_at) VALUES (1, ?, 1, 1, 0, 'f', 's', ?, ?, 'u', 'n')",
    );
    insert.run(1, null, null);
    expect(() => insert.run(1, null, null)).toThrow(/UNIQUE/);
    expect(() => insert.run(2, null, 'r')).toThrow(/CHECK/);
    insert.run(2, 1, '重扫');
  });
});

describe('migration 0006-record-corrections', () => {
  it('keeps regions on the page and a reason for every correction', () => {
    const db = fresh();
    migrate(db, MIGRATIONS.slice(0, 6));
    db.exec(`
      INSERT INTO cases (case_number, cause, party_kind, party_name, party, source, procedure, department, disposition, state, created_at, updated_at)
        VALUES ('A', 'c', 'person', 'p', '{}', 's', '一般程序', 'd', '', '办理中', 'n', 'n');
      INSERT INTO records (case_id, type_number, title, document_number, responsible, date, created_at) VALUES (1, 2, 't', '', 'r', '2024-01-01', 'n');
    `);
    const insert = db.prepare('INSERT INTO record_corrections (record_id, page, x, y, width, height, reason, created_by, created_at) VALUES (1, 1, ?, 0.1, ?, 0.1, ?, \'u\', \'n\')');
    insert.run(0.1, 0.5, '笔误');
    expect(() => insert.run(0.8, 0.5, '笔误')).toThrow(/CHECK/);
    expect(() => insert.run(0.1, 0.5, '')).toThrow(/CHECK/);
  });
});
