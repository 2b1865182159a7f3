import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/createCore';
import { passphraseProtector } from '../../../src/core/pdf/sign';
import type { Core } from '../../../src/core/types';
import { newCaller, PASSWORD, tempDir, value } from '../../helpers/core';

let core: Core | undefined;
afterEach(() => core?.close());

describe('the sample case shipped with the app (issue 4 item 8)', () => {
  it('imports with signed records and a free 归档号, then compiles and archives with every 四性检测 item passed', async () => {
    core = createCore({ dataDir: tempDir(), scryptCost: 1024, keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 });
    const admin = core.client(newCaller());
    value(await admin.setup.initialize({ compilingUnit: '示例市烟草专卖局', fondsNumber: 'J001', admin: { username: 'admin', displayName: '管理员', department: '办公室', password: PASSWORD } }));
    value(await admin.users.create({ username: 'liu', displayName: '刘芳', department: '档案室', roles: ['archivist'], password: PASSWORD }));
    const archivist = core.client(newCaller());
    value(await archivist.auth.login({ username: 'liu', password: PASSWORD }));

    const imported = value(await archivist.cases.importSample());
    expect(imported).toMatchObject({ case: { caseNumber: '示例烟立〔2024〕第1号', state: '已结案' }, recordCount: 8, fileCount: 10 });
    const caseId = imported.case.id;
    const dossier = value(await archivist.dossiers.get({ caseId }));
    expect(dossier.findings).toEqual([]);
    expect(dossier.cover.filingNumber).toBe('20240001');
    // The blank back of the 送达回证 is kept but not numbered.
    expect(dossier.volumes[0]).toMatchObject({ itemCount: 8, pageCount: 9 });
    expect(dossier.volumes[0]!.records.find((r) => r.type === '送达回证')).toMatchObject({ blankPages: 1 });

    const report = value(await archivist.dossiers.archive({ caseId, classCode: 'XZCF' }));
    expect(report.items.filter((i) => !i.passed)).toEqual([]);
    expect(report).toMatchObject({ passed: true, state: '已归档', archivalCode: 'J001-XZCF-2024-0001' });

    expect(await archivist.cases.importSample()).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
