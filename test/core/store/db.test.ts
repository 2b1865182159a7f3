import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/core/store/db';

describe('openDatabase: statements prepared once per text (decision 0021)', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-statements-'));
    db = openDatabase(path.join(dir, 'archive.db'));
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    db.prepare('INSERT INTO t (name) VALUES (?)').run('甲');
    db.prepare('INSERT INTO t (name) VALUES (?)').run('乙');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the statement it prepared before for the same text', () => {
    const first = db.prepare('SELECT name FROM t WHERE id = ?');
    expect(db.prepare('SELECT name FROM t WHERE id = ?')).toBe(first);
    expect(db.prepare('SELECT name FROM t WHERE id = ? ')).not.toBe(first);
    expect(db.prepare('SELECT name FROM t WHERE id = ?').get(2)).toEqual({ name: '乙' });
  });

  it('gives a statement back in its default mode after a caller made it raw, plucked or expanded', () => {
    const sql = 'SELECT id, name FROM t ORDER BY id';
    expect(db.prepare(sql).raw().all()).toEqual([[1, '甲'], [2, '乙']]);
    expect(db.prepare(sql).all()).toEqual([{ id: 1, name: '甲' }, { id: 2, name: '乙' }]);
    expect(db.prepare(sql).pluck().all()).toEqual([1, 2]);
    expect(db.prepare(sql).get()).toEqual({ id: 1, name: '甲' });
    expect(db.prepare(sql).expand().get()).toEqual({ t: { id: 1, name: '甲' } });
    expect(db.prepare(sql).get()).toEqual({ id: 1, name: '甲' });
  });

  it('prepares a new statement when the kept one is still being iterated', () => {
    const sql = 'SELECT name FROM t ORDER BY id';
    const pairs: string[] = [];
    for (const outer of db.prepare(sql).iterate() as Iterable<{ name: string }>) {
      for (const inner of db.prepare(sql).iterate() as Iterable<{ name: string }>) pairs.push(`${outer.name}${inner.name}`);
    }
    expect(pairs).toEqual(['甲甲', '甲乙', '乙甲', '乙乙']);
  });

  it('keeps a bounded number of texts, dropping the oldest first', () => {
    const first = db.prepare('SELECT 0');
    for (let i = 1; i <= 300; i++) db.prepare(`SELECT ${i}`);
    expect(db.prepare('SELECT 0')).not.toBe(first);
    const recent = db.prepare('SELECT 300');
    expect(db.prepare('SELECT 300')).toBe(recent);
  });

  it('still refuses bad SQL with SQLite’s message, every time', () => {
    expect(() => db.prepare('SELECT nope FROM t')).toThrow(/no such column/);
    expect(() => db.prepare('SELECT nope FROM t')).toThrow(/no such column/);
  });
});
