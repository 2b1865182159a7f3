import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dossierUnit, signedFixtureCase } from './unit';
import type { Core } from '../../../src/core/types';
import { FIXTURE_FOLDER, newCaller, PASSWORD, tempDir, value } from '../../helpers/core';

let core: Core | undefined;
afterEach(() => core?.close());

async function readyCase() {
  const unit = await dossierUnit();
  core = unit.core;
  const { caseId } = await signedFixtureCase(unit, { withService: true });
  return { dir: unit.dir, archivist: unit.archivist, officer: unit.officer, caseId };
}

describe('dossiers.archive: acceptance with the 四性检测 (DA/T 70)', () => {
  it('assigns 案卷号 and 档号, compiles, passes every item, archives, and then nothing changes', async () => {
    const { dir, archivist, officer, caseId } = await readyCase();
    value(await officer.dossiers.update({ caseId, filingNumber: '20240001' }));
    expect(await officer.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const report = value(await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD }));
    expect(report.items.filter((i) => !i.passed)).toEqual([]);
    expect(report).toMatchObject({ passed: true, state: '已归档', volumeNumber: '2024年度第1号', archivalCode: 'J032-XZCF-2024-0001' });
    expect(new Set(report.items.map((i) => i.property))).toEqual(new Set(['真实性', '完整性', '可用性', '安全性']));
    expect(value(await archivist.pdf.verify({ fileId: report.reportPdf.id }))).toMatchObject({ status: 'valid' });
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'files', report.reportJson.sha256.slice(0, 2), report.reportJson.sha256), 'utf8'));
    expect(json).toMatchObject({ passed: true, archivalCode: 'J032-XZCF-2024-0001' });

    const d = value(await archivist.dossiers.get({ caseId }));
    expect(d).toMatchObject({ state: '已归档', caseState: '已归档', cover: { volumeNumber: '2024年度第1号', classCode: 'XZCF', archivalCode: 'J032-XZCF-2024-0001' }, archiveReport: { passed: true } });
    const volume = d.compiled[0]!;
    // At the archive room's designated terminal: the report may be saved and handed on; the archived
    // volume itself never leaves as a file (a reader gets a watermarked export, §4.10.2).
    const caller = newCaller();
    value(await core!.client(caller).auth.login({ username: 'liu', password: PASSWORD }));
    expect(core!.openFile(report.reportJson.id, caller, { intent: 'download' }).ok).toBe(true);
    expect(core!.openFile(volume.file.id, caller, { intent: 'download' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core!.openFile(volume.file.id, caller).ok).toBe(true);
    const cover = path.join(dir, 'files', volume.file.sha256.slice(0, 2), volume.file.sha256);
    expect(fs.existsSync(cover)).toBe(true);
    // Archived: the dossier, its records and its row in the store refuse every change.
    expect(await officer.dossiers.update({ caseId, statement: '改' })).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'read-only' } });
    const recordId = d.volumes[0]!.records[0]!.recordId;
    expect(await officer.records.update({ recordId, patch: { title: '改' } })).toMatchObject({ ok: false, error: { code: 'read-only' } });
    core!.close();
    core = undefined;
    const db = new Database(path.join(dir, 'archive.db'));
    expect(() => db.prepare('UPDATE dossier_drafts SET statement = ? WHERE case_id = ?').run('改', Number(caseId))).toThrow(/卷宗已归档/);
    db.close();
  });

  it('keeps the report but does not archive when an item fails (归档号 not continuous within the year)', async () => {
    const { archivist, caseId } = await readyCase();
    const report = value(await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD }));
    expect(report.passed).toBe(false);
    expect(report.items.find((i) => !i.passed)).toMatchObject({ property: '完整性', item: '归档号连续', detail: expect.stringContaining('0001') });
    expect(value(await archivist.dossiers.get({ caseId }))).toMatchObject({ state: '已组卷', caseState: '已结案', archiveReport: { passed: false } });
  });

  it('refuses acceptance with the archive-stage findings and assigns nothing', async () => {
    const { archivist, officer, caseId } = await readyCase();
    value(await officer.dossiers.update({ caseId, checker: '' }));
    const r = await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { field: 'remarks.checker', message: expect.stringContaining('请填写检查人') } });
    expect(value(await archivist.dossiers.get({ caseId })).cover).toMatchObject({ volumeNumber: null, classCode: null });
  });
});

describe('a correction after archiving (DOMAIN.md: an appended record, a new remarks sheet, the original stays)', () => {
  it('appends a record as a signed supplement numbered on from the volume, leaving the archived volume as it was', async () => {
    const { dir, archivist, officer, caseId } = await readyCase();
    const scan = path.join(FIXTURE_FOLDER, 'scans', 'page-5.png');
    const record = { type: '案件处理有关事项审批表', title: '更正当事人住址的审批表', responsible: '南通市烟草专卖局', date: '2024-06-01' };
    expect(await archivist.dossiers.appendRecord({ caseId, record, reason: '当事人住址笔误', inputs: [scan] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('尚未归档') } });
    value(await officer.dossiers.update({ caseId, filingNumber: '20240001' }));
    value(await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD }));
    const before = value(await archivist.dossiers.get({ caseId }));
    expect(await officer.dossiers.appendRecord({ caseId, record, reason: '当事人住址笔误', inputs: [scan] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const added = value(await archivist.dossiers.appendRecord({ caseId, record, reason: '当事人住址笔误', inputs: [scan] }));
    expect(added).toMatchObject({ title: '更正当事人住址的审批表', reason: '当事人住址笔误', pageRange: '7' });
    const file = path.join(dir, 'files', added.file.sha256.slice(0, 2), added.file.sha256);
    expect(value(await archivist.pdf.verify({ fileId: added.file.id }))).toMatchObject({ status: 'valid' });
    const text = (await import('node:child_process')).execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('追加文件材料1件1页（第7页）：《更正当事人住址的审批表》。追加原因：当事人住址笔误。原卷宗保持不变。');

    const after = value(await archivist.dossiers.get({ caseId }));
    expect(after.compiled).toEqual(before.compiled);
    // The archived volume's contents and counts stay as archived: the supplement is listed on its own.
    expect(after.volumes).toEqual(before.volumes);
    expect(after.findings).toEqual(before.findings);
    expect(after.supplements).toHaveLength(1);
    expect(after.state).toBe('已归档');
    // A second correction numbers on from the first.
    const second = value(await archivist.dossiers.appendRecord({ caseId, record: { ...record, title: '第二份更正' }, reason: '补充说明', inputs: [scan, path.join(FIXTURE_FOLDER, 'scans', 'page-4.png')] }));
    expect(second.pageRange).toBe('8-9');
  });

  it('leaves nothing behind when a scan is bad', async () => {
    const { dir, archivist, officer, caseId } = await readyCase();
    value(await officer.dossiers.update({ caseId, filingNumber: '20240001' }));
    value(await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD }));
    const bad = path.join(tempDir(), 'broken.jpg');
    fs.writeFileSync(bad, 'not a jpeg');
    const records = value(await archivist.cases.get({ caseId })).records.length;
    const r = await archivist.dossiers.appendRecord({ caseId, record: { type: '案件处理有关事项审批表', title: '更正', responsible: '局', date: '2024-06-01' }, reason: '笔误', inputs: [bad] });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('broken.jpg') } });
    expect(value(await archivist.cases.get({ caseId })).records).toHaveLength(records);
    expect(value(await archivist.dossiers.get({ caseId })).supplements).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'files', 'tmp'))).toEqual([]);
  });
});
