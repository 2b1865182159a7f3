import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/types';
import { PASSWORD, value } from '../../helpers/core';
import { dossierUnit } from './unit';

let core: Core | undefined;
afterEach(() => core?.close());

describe('the sample case shipped with the app (issue 4 item 8)', () => {
  it('imports with signed records and a free 归档号, then compiles and archives with every 四性检测 item passed', async () => {
    const unit = await dossierUnit('示例市烟草专卖局', 'J001');
    core = unit.core;
    const { archivist } = unit;

    const imported = value(await archivist.cases.importSample());
    expect(imported).toMatchObject({ case: { caseNumber: '示例烟立〔2024〕第1号', state: '已结案' }, recordCount: 8, fileCount: 10 });
    const caseId = imported.case.id;
    const dossier = value(await archivist.dossiers.get({ caseId }));
    expect(dossier.findings).toEqual([]);
    expect(dossier.cover.filingNumber).toBe('20240001');
    // The blank back of the 送达回证 is kept but not numbered.
    expect(dossier.volumes[0]).toMatchObject({ itemCount: 8, pageCount: 9 });
    expect(dossier.volumes[0]!.records.find((r) => r.type === '送达回证')).toMatchObject({ blankPages: 1, remark: '空白页1页不编号' });

    const report = value(await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD }));
    expect(report.items.filter((i) => !i.passed)).toEqual([]);
    expect(report).toMatchObject({ passed: true, state: '已归档', archivalCode: 'J001-XZCF-2024-0001' });

    expect(await archivist.cases.importSample()).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('starts its dossier from the unit\'s rules, like any case: the stamp corner set by the archive department', async () => {
    const unit = await dossierUnit('示例市烟草专卖局', 'J001');
    core = unit.core;
    const current = value(await unit.archivist.rules.get());
    value(await unit.archivist.rules.update({ ...current, stampPosition: 'bottom-outer' }));
    const { case: imported } = value(await unit.archivist.cases.importSample());
    const dossier = value(await unit.archivist.dossiers.get({ caseId: imported.id }));
    expect(dossier.stampPosition).toBe('bottom-outer');
    expect(dossier.cover.filingNumber).toBe('20240001');
  });
});
