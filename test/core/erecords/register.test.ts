import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ELECTRONIC_RECORD_NAME_PATTERN } from '../../../src/contract';
import { value } from '../../helpers/core';
import { erecordsUnit, inspection, type ErecordsUnit } from './unit';

let unit: ErecordsUnit | undefined;
afterEach(() => unit?.close());

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('erecords.register (DB3206/T 1060 §6.1.2 Table 2, §4.7.3)', () => {
  it('names the record by §4.7.3 in China time, keeps its files byte-identical and computes Table 2', async () => {
    unit = await erecordsUnit();
    const video = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
    const file = unit.stage('DSJ_0001.mp4', video);
    // 2024-05-31 17:30 UTC is 1 June 01:30 in China: the name carries 6月1日.
    const r = value(await unit.archivist.erecords.register(inspection('2024-05-31T17:30:00Z', { caseNumber: '通烟立〔2024〕第7号', uploadedAt: '2024-06-01T08:00:00Z', paths: [file] })));
    expect(r.name).toBe('2024年6月1日南通市烟草专卖局稽查一中队市场检查记录（崇川区宏达便利店+通烟立〔2024〕第7号）（记录人：陈立）');
    expect(r.name).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    expect(r).toMatchObject({
      unitName: '南通市烟草专卖局',
      kindLabel: '市场检查电子记录',
      retentionLabel: '6 月',
      uploadDeadline: '2024-06-01T17:30:00.000Z',
      isLate: false,
      disposalDueOn: '2024-12-01',
      isDue: false,
      status: 'kept',
      registeredBy: 'liu',
    });
    expect(r.files).toEqual([{ id: expect.any(String), name: 'DSJ_0001.mp4', sha256: sha(video), size: 4096, mediaType: 'video/mp4' }]);
    expect(fs.readFileSync(unit.storedPath(sha(video))).equals(video)).toBe(true);
    expect(value(await unit.archivist.erecords.get({ recordId: r.id }))).toEqual(r);
  });

  it('marks a late upload, keeps its reason and lists it under late; a timely one takes no reason', async () => {
    unit = await erecordsUnit();
    // Now is 2024-06-01T08:00Z; ended 25 hours ago.
    const late = value(await unit.archivist.erecords.register(inspection('2024-05-31T07:00:00Z', { lateReason: '异地执法，返回单位后 24 小时内上传' })));
    expect(late).toMatchObject({ isLate: true, uploadDeadline: '2024-06-01T07:00:00.000Z', lateReason: '异地执法，返回单位后 24 小时内上传' });
    const timely = value(await unit.archivist.erecords.register(inspection('2024-05-31T09:00:00Z', { party: '李四' })));
    expect(timely.isLate).toBe(false);
    expect(value(await unit.archivist.erecords.list({ view: 'late' })).map((x) => x.id)).toEqual([late.id]);
    expect(await unit.archivist.erecords.register(inspection('2024-05-31T09:00:00Z', { lateReason: '路远' }))).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'lateReason' } });
  });

  it('gives a second record of the same name （2）, then （3）', async () => {
    unit = await erecordsUnit();
    const names = [];
    for (let i = 0; i < 3; i++) names.push(value(await unit.archivist.erecords.register(inspection('2024-06-01T01:00:00Z'))).name);
    expect(names[1]).toBe(`${names[0]}（2）`);
    expect(names[2]).toBe(`${names[0]}（3）`);
    // The §4.7.3 name is what precedes the number.
    expect(names[2]!.replace(/（\d+）$/, '')).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
  });

  it('asks for the party’s confirmation and the case of a case-evidence medium, counting a week from the closing', async () => {
    unit = await erecordsUnit();
    const medium = inspection('2024-05-28T08:00:00Z', { retentionClass: 'case-evidence-medium', activityType: '案件查办', caseNumber: '通烟立〔2024〕第7号' });
    expect(await unit.archivist.erecords.register(medium)).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'partyConfirmed' } });
    expect(await unit.archivist.erecords.register({ ...medium, caseNumber: '', partyConfirmed: true })).toMatchObject({ ok: false, error: { field: 'caseNumber' } });
    const r = value(await unit.archivist.erecords.register({ ...medium, partyConfirmed: true }));
    expect(r).toMatchObject({ partyConfirmed: true, uploadDeadline: '2024-06-04T08:00:00.000Z', isLate: false, retentionLabel: '长期', disposalDueOn: null });
  });

  it('refuses bad input with nothing written: no row, no file left in the store', async () => {
    unit = await erecordsUnit();
    const file = unit.stage('a.mp4', 'recording bytes');
    const missing = unit.stage('b.mp4', 'x').replace('b.mp4', 'gone.mp4');
    const cases = [
      [inspection('2024-06-01T01:00:00Z', { unitName: '江苏省烟草专卖局', paths: [file] }), 'unitName'],
      [inspection('2024-06-01T01:00:00Z', { squad: '稽查组', paths: [file] }), 'squad'],
      [inspection('2024-06-02T01:00:00Z', { paths: [file] }), 'endedAt'],
      [inspection('2024-06-01T01:00:00Z', { uploadedAt: '2024-06-01T00:00:00Z', paths: [file] }), 'uploadedAt'],
      [inspection('2024-06-01T01:00:00Z', { paths: [file, missing] }), 'paths.1'],
      [inspection('2024-06-01T01:00:00Z', { paths: ['relative.mp4'] }), 'paths.0'],
    ] as const;
    for (const [request, field] of cases) {
      expect(await unit.archivist.erecords.register(request)).toMatchObject({ ok: false, error: { code: 'bad-request', field } });
    }
    expect(value(await unit.archivist.erecords.list({}))).toEqual([]);
    expect(fs.existsSync(unit.storedPath(sha('recording bytes')))).toBe(false);
  });

  it('discards the files it copied when a later file cannot be read', async () => {
    unit = await erecordsUnit();
    const first = unit.stage('first.mp4', 'first recording');
    // A regular file by stat whose reading fails (EIO at offset 0), even for root.
    const unreadable = '/proc/self/mem';
    expect(fs.statSync(unreadable).isFile()).toBe(true);
    const r = await unit.archivist.erecords.register(inspection('2024-06-01T01:00:00Z', { paths: [first, unreadable] }));
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(fs.existsSync(unit.storedPath(sha('first recording')))).toBe(false);
    expect(value(await unit.archivist.erecords.list({}))).toEqual([]);
  });

  it('finds records by name, case number, party or recorder, newest activity first', async () => {
    unit = await erecordsUnit();
    const older = value(await unit.archivist.erecords.register(inspection('2024-05-30T01:00:00Z', { party: '甲店', caseNumber: '通烟立〔2024〕第3号', lateReason: '连续工作' })));
    const newer = value(await unit.archivist.erecords.register(inspection('2024-06-01T01:00:00Z', { party: '乙店', recorder: '周敏' })));
    const ids = async (query: string) => value(await unit!.archivist.erecords.list({ query })).map((r) => r.id);
    expect(await ids('')).toEqual([newer.id, older.id]);
    expect(await ids('甲店')).toEqual([older.id]);
    expect(await ids('第3号')).toEqual([older.id]);
    expect(await ids('周敏')).toEqual([newer.id]);
    expect(await ids('5月30日')).toEqual([older.id]);
    expect(await ids('丙店')).toEqual([]);
  });

  it('is refused to roles without erecords.write and logged', async () => {
    unit = await erecordsUnit();
    expect(await unit.head.erecords.register(inspection('2024-06-01T01:00:00Z'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    value(await unit.archivist.erecords.register(inspection('2024-06-01T01:00:00Z')));
    const log = value(await unit.auditor.audit.list({ action: 'erecords.register' })).items;
    expect(log.map((e) => [e.actor, e.outcome])).toEqual([
      ['liu', 'ok'],
      ['wang', 'denied'],
    ]);
    expect(log[0]!.target).toMatch(/^erecord:2024年6月1日/);
  });
});
