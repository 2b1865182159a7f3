import { afterEach, describe, expect, it } from 'vitest';
import { dossierUnit, signedFixtureCase } from './unit';
import type { Core } from '../../../src/core/types';
import { newCaller, PASSWORD, sampleCase, value } from '../../helpers/core';

let core: Core | undefined;
afterEach(() => core?.close());

/** The fixture case (4 records, 5 pages, 一般程序), every record converted to a signed version. */
async function signedCase() {
  const unit = await dossierUnit();
  core = unit.core;
  const { caseId, ids } = await signedFixtureCase(unit, { withService: false });
  return { archivist: unit.archivist, officer: unit.officer, caseId, ids };
}

describe('dossiers (DB3206/T 1060 §5.5)', () => {
  it('binds the records in stage order with 页次 from their signed versions and lists what is missing', async () => {
    const { archivist, caseId } = await signedCase();
    const d = value(await archivist.dossiers.get({ caseId }));
    expect(d.state).toBe('编制中');
    expect(d.volumes).toHaveLength(1);
    expect(d.volumes[0]!.records.map((r) => [r.sequence, r.type, r.pageRange])).toEqual([
      [1, '立案报告表', '1'],
      [2, '检查(勘验)笔录', '2-3'],
      [3, '行政处罚决定书', '4'],
      [4, '结案报告表', '5'],
    ]);
    expect(d.volumes[0]).toMatchObject({ itemCount: 4, pageCount: 5 });
    expect(d.cover).toMatchObject({ compilingUnit: '南通市烟草专卖局', fondsNumber: 'J032', filingNumber: '20240012', retention: '30年', suggestedFilingNumber: '20240013', volumeNumber: null });
    expect(d.remarks.draftStatement).toBe('本卷共有文件材料4件5页，本卷材料齐全。');
    const errors = d.findings.filter((f) => f.level === 'error').map((f) => f.message);
    expect(errors).toEqual([expect.stringContaining('送达回证')]);
    expect(d.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['disposition-number']));
  });

  it('follows the archivist’s order, 副卷 and exclusions, states them on the remarks sheet, and refuses an incomplete arrangement', async () => {
    const { officer, caseId, ids } = await signedCase();
    const arranged = value(
      await officer.dossiers.arrange({
        caseId,
        volumes: { 正卷: [ids['立案报告表']!, ids['行政处罚决定书']!, ids['结案报告表']!], 副卷: [] },
        excluded: [{ recordId: ids['检查(勘验)笔录']!, reason: '与第 2 份重复' }],
        duplex: [],
      }),
    );
    expect(arranged.volumes[0]!.records.map((r) => r.pageRange)).toEqual(['1', '2', '3']);
    expect(arranged.excluded).toEqual([{ recordId: ids['检查(勘验)笔录'], title: '现场检查笔录', reason: '与第 2 份重复' }]);
    expect(arranged.remarks.draftStatement).toContain('另有1件未入卷：《现场检查笔录》（与第 2 份重复）');
    const missing = await officer.dossiers.arrange({ caseId, volumes: { 正卷: [ids['立案报告表']!], 副卷: [] }, excluded: [], duplex: [] });
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('没有安排') } });
    const twice = await officer.dossiers.arrange({ caseId, volumes: { 正卷: [ids['立案报告表']!, ids['立案报告表']!, ids['行政处罚决定书']!, ids['结案报告表']!, ids['检查(勘验)笔录']!], 副卷: [] }, excluded: [], duplex: [] });
    expect(twice).toMatchObject({ ok: false, error: { message: expect.stringContaining('不止一次') } });
  });

  it('keeps 归档号 unique and checks the remarks people, pointing at the field', async () => {
    const { officer, archivist, caseId } = await signedCase();
    const other = value(await officer.cases.create(sampleCase('通烟立〔2024〕第13号')));
    expect(await officer.dossiers.update({ caseId: other.id, filingNumber: '20240012' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'filingNumber', message: expect.stringContaining('通烟立〔2024〕第12号') } });
    const d = value(await officer.dossiers.update({ caseId, checker: '陈立', statement: '无' }));
    expect(d.findings.filter((f) => f.level === 'error').map((f) => f.field)).toEqual(expect.arrayContaining(['remarks.statement', 'remarks.checker']));
    const atArchive = value(await archivist.dossiers.check({ caseId, stage: 'archive' }));
    expect(atArchive.map((f) => f.rule)).toEqual(expect.arrayContaining(['volume-number-missing', 'class-code-missing', 'compiler-is-checker', 'statement']));
  });

  it('lets only dossier roles change a dossier, and logs each change', async () => {
    const { archivist, caseId } = await signedCase();
    const reader = core!.client(newCaller());
    expect(await reader.dossiers.get({ caseId })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const leader = core!.client(newCaller());
    const admin = core!.client(newCaller());
    value(await admin.auth.login({ username: 'admin', password: PASSWORD }));
    value(await admin.users.create({ username: 'wang', displayName: '王局', department: '局领导', roles: ['leader'], password: PASSWORD }));
    value(await admin.users.create({ username: 'shen', displayName: '沈审', department: '信息中心', roles: ['auditor'], password: PASSWORD }));
    value(await leader.auth.login({ username: 'wang', password: PASSWORD }));
    expect(value(await leader.dossiers.get({ caseId })).caseId).toBe(caseId);
    expect(await leader.dossiers.update({ caseId, compiler: '王局' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await archivist.dossiers.update({ caseId, stampPosition: 'bottom-outer', compiler: '陈立' }))).toMatchObject({ stampPosition: 'bottom-outer', remarks: { compiler: '陈立' } });
    const auditor = core!.client(newCaller());
    value(await auditor.auth.login({ username: 'shen', password: PASSWORD }));
    const log = value(await auditor.audit.list({ limit: 5 }));
    expect(log.items.map((e) => [e.action, e.actor, e.outcome])).toEqual(expect.arrayContaining([['dossiers.update', 'liu', 'ok'], ['dossiers.update', 'wang', 'denied']]));
  });
});

describe('the unit’s dossier rules as data (issue 4 items 1, 2, 5)', () => {
  it('starts from the defaults; the archive department changes the template, required records and stamp position', async () => {
    const { archivist, officer, caseId, ids } = await signedCase();
    const defaults = value(await officer.rules.get());
    expect(defaults).toMatchObject({ stampPosition: 'top-outer', bindingTemplate: { secondaryTypes: [30, 40, 42] } });
    expect(await officer.rules.update({ stampPosition: 'bottom-outer' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The closing report first, the 行政处罚决定书 into 副卷, and 送达回证 no longer required.
    const rules = value(
      await archivist.rules.update({
        bindingTemplate: { ...defaults.bindingTemplate, name: '本单位模板', stageOrder: ['结案归档', '立案', '调查取证', '审查决定', '送达执行', '通用'], secondaryTypes: [46] },
        requiredRecords: { ...defaults.requiredRecords, 一般程序: defaults.requiredRecords['一般程序'].filter((r) => !r.anyOf.includes(50)) },
      }),
    );
    expect(rules.bindingTemplate.name).toBe('本单位模板');
    const d = value(await archivist.dossiers.get({ caseId }));
    expect(d.volumes.map((v) => [v.volume, v.records.map((r) => r.recordId)])).toEqual([
      ['正卷', [ids['结案报告表'], ids['立案报告表'], ids['检查(勘验)笔录']]],
      ['副卷', [ids['行政处罚决定书']]],
    ]);
    expect(d.findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(await archivist.rules.update({ bindingTemplate: { ...defaults.bindingTemplate, stageOrder: ['立案'] } })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('每个执法阶段各一次') } });

    // The defaults stay available after a change (恢复默认), and saving them restores the defaults.
    const original = value(await officer.rules.defaults());
    expect(original).toEqual(defaults);
    expect(value(await archivist.rules.get()).bindingTemplate.name).toBe('本单位模板');
    expect(value(await archivist.rules.update(original))).toEqual(defaults);
  });
});
