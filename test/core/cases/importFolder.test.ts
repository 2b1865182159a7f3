import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveApi } from '../../../src/contract';
import { FIXTURE_FOLDER, setUpUnit, tempDir, value, type TestUnit } from '../../helpers/core';

let unit: TestUnit;
afterEach(() => unit?.close());

/** A copy of the fixture folder with case.json changed by `edit`. */
function folderWith(edit: (manifest: Record<string, any>) => void): string {
  const dir = path.join(tempDir('case-folder-'), 'case');
  fs.cpSync(FIXTURE_FOLDER, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'));
  edit(manifest);
  fs.writeFileSync(path.join(dir, 'case.json'), JSON.stringify(manifest));
  return dir;
}

function storedFiles(u: TestUnit): string[] {
  const root = path.join(u.dir, 'files');
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

function rowCounts(u: TestUnit) {
  const raw = new Database(path.join(u.dir, 'archive.db'), { readonly: true });
  const n = (t: string) => (raw.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n;
  const counts = { cases: n('cases'), records: n('records'), files: n('files'), links: n('record_files'), drafts: n('dossier_drafts') };
  raw.close();
  return counts;
}

async function officer(): Promise<ArchiveApi> {
  unit = await setUpUnit();
  return unit.signIn('chen', ['archivist']);
}

describe('case folder import', () => {
  it('imports the case, its records and its files with SHA-256, byte-identical', async () => {
    const a = await officer();
    const result = value(await a.cases.importFolder({ folder: FIXTURE_FOLDER }));
    expect(result).toMatchObject({ recordCount: 4, fileCount: 5, case: { caseNumber: '通烟立〔2024〕第12号', state: '已结案', handlers: [{ name: '陈立' }, { name: '周敏' }] } });
    const detail = value(await a.cases.get({ caseId: result.case.id }));
    const inspection = detail.records.find((r) => r.type === '检查(勘验)笔录')!;
    expect(inspection.files.map((f) => f.name)).toEqual(['page-2.png', 'page-3.png']);
    for (const r of detail.records) {
      for (const f of r.files) {
        const original = fs.readFileSync(path.join(FIXTURE_FOLDER, 'scans', f.name));
        const served = unit.core.openFile(f.id, { channel: 'cli', session: { token: null } });
        expect(served.ok).toBe(false); // a file needs a session, like everything else
        const stored = fs.readFileSync(path.join(unit.dir, 'files', f.sha256.slice(0, 2), f.sha256));
        expect(stored.equals(original)).toBe(true);
        expect(f.mediaType).toBe('image/png');
      }
    }
    expect(rowCounts(unit)).toMatchObject({ cases: 1, records: 4, files: 5, drafts: 1 });
    expect(value(await a.cases.list({ search: '建国' })).total).toBe(1);
  });

  it('links handlers named in case.json to the user of that name', async () => {
    unit = await setUpUnit();
    value(await unit.admin.users.create({ username: 'chenli', displayName: '陈立', department: '专卖科', roles: ['case-officer'], password: 'password-123' }));
    const a = await unit.signIn('liu', ['archivist']);
    const result = value(await a.cases.importFolder({ folder: FIXTURE_FOLDER }));
    expect(result.case.handlers[0]).toMatchObject({ name: '陈立', userId: expect.any(String) });
    expect(result.case.handlers[1]).toMatchObject({ name: '周敏', userId: null });
  });

  it.each([
    ['a path that leaves the folder', (m: any) => (m.records[0].files = ['../../../etc/passwd']), '文件夹之外'],
    ['an absolute path', (m: any) => (m.records[0].files = ['/etc/passwd']), '文件夹之外'],
    ['a Windows drive path', (m: any) => (m.records[0].files = ['C:\\Windows\\win.ini']), '文件夹之外'],
    ['a missing file', (m: any) => (m.records[3].files = ['scans/page-9.png']), '找不到文件'],
    ['an unknown record type', (m: any) => (m.records[2].type = '处罚决定书'), '行政处罚决定书'],
    ['a missing field', (m: any) => delete m.cause, '请填写案由'],
    ['a wrong type', (m: any) => (m.party.age = '四十六'), '年龄应为数字'],
    ['a bad date', (m: any) => (m.records[1].date = '2024/03/04'), '年-月-日'],
    ['a bad filing number', (m: any) => (m.dossier.filingNumber = '2024-12'), '8 位数字'],
  ])('refuses %s and changes nothing', async (_what, edit, words) => {
    const a = await officer();
    const before = storedFiles(unit);
    const r = await a.cases.importFolder({ folder: folderWith(edit) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(words);
    expect(rowCounts(unit)).toEqual({ cases: 0, records: 0, files: 0, links: 0, drafts: 0 });
    expect(storedFiles(unit)).toEqual(before);
  });

  it('refuses a link that points outside the folder', async () => {
    const a = await officer();
    const dir = folderWith(() => {});
    fs.symlinkSync('/etc/hostname', path.join(dir, 'scans', 'evil.png'));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'));
    manifest.records[0].files = ['scans/evil.png'];
    fs.writeFileSync(path.join(dir, 'case.json'), JSON.stringify(manifest));
    expect(await a.cases.importFolder({ folder: dir })).toMatchObject({ ok: false, error: { message: expect.stringContaining('文件夹之外') } });
  });

  it('removes the files it copied when the import fails after copying', async () => {
    const a = await officer();
    // The dossier draft is written last, after every file was copied: make the database refuse it.
    const dir = folderWith(() => {});
    const raw = new Database(path.join(unit.dir, 'archive.db'));
    raw.exec("CREATE TRIGGER fail_draft BEFORE INSERT ON dossier_drafts BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    raw.close();
    const r = await a.cases.importFolder({ folder: dir });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('数据未作更改') } });
    expect(rowCounts(unit)).toEqual({ cases: 0, records: 0, files: 0, links: 0, drafts: 0 });
    expect(storedFiles(unit)).toEqual([]);
    const auditor = await unit.signIn('shen', ['auditor']);
    expect(value(await auditor.audit.list({ action: 'cases.importFolder' })).items[0]).toMatchObject({ outcome: 'failed' });
  });

  it('refuses a folder without case.json, invalid JSON, and a second import of the same case', async () => {
    const a = await officer();
    expect(await a.cases.importFolder({ folder: tempDir() })).toMatchObject({ ok: false, error: { message: expect.stringContaining('case.json') } });
    const broken = folderWith(() => {});
    fs.writeFileSync(path.join(broken, 'case.json'), '{ "caseNumber": ');
    expect(await a.cases.importFolder({ folder: broken })).toMatchObject({ ok: false, error: { message: expect.stringContaining('不是有效的 JSON') } });
    expect(await a.cases.importFolder({ folder: 'relative/path' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('完整路径') } });
    value(await a.cases.importFolder({ folder: FIXTURE_FOLDER }));
    expect(await a.cases.importFolder({ folder: FIXTURE_FOLDER })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(rowCounts(unit).files).toBe(5);
  });
});
