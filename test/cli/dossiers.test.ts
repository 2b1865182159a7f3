import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/createCore';
import { passphraseProtector } from '../../src/core/pdf/sign';
import { value } from '../helpers/core';
import { cli, FIXTURE_FOLDER, KEY_PASSPHRASE, OFFICER_PASSWORD, setUpUnitViaCli, tempDir } from './harness';

const CASE = '通烟立〔2024〕第12号';

/** The fixture case imported, a 送达回证 added, every record signed: ready to compile. */
async function readyUnit() {
  const unit = await setUpUnitViaCli();
  const officer = unit.as('chenli', OFFICER_PASSWORD);
  const withKey = { env: { ...officer.env, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE } };
  expect((await cli(['case', 'import', FIXTURE_FOLDER], officer)).code).toBe(0);
  const core = createCore({ dataDir: unit.dataDir, scryptCost: 1024, keyProtector: passphraseProtector(KEY_PASSPHRASE) });
  try {
    const api = core.client({ channel: 'cli', session: { token: null } });
    value(await api.auth.login({ username: 'chenli', password: OFFICER_PASSWORD }));
    const caseId = value(await api.cases.get({ caseNumber: CASE })).case.id;
    const served = value(await api.records.add({ caseId, record: { type: '送达回证', title: '送达回证', responsible: '陈立', date: '2024-04-29' } }));
    value(await api.records.addScans({ recordId: served.id, inputs: [path.join(FIXTURE_FOLDER, 'scans', 'page-4.png')] }));
    for (const r of value(await api.cases.get({ caseId })).records) value(await api.records.convert({ recordId: r.id }));
    value(await api.dossiers.update({ caseId, filingNumber: '20240001' }));
  } finally {
    core.close();
  }
  return { ...unit, officer, withKey };
}

describe('dossier check / compile / archive', () => {
  it('checks, compiles into --out with ranges and sha256, and exits 1 on a blocking check', async () => {
    const { officer, withKey } = await readyUnit();
    const checked = await cli(['check', CASE], officer);
    expect(checked.code).toBe(0);
    const atArchive = await cli(['--json', 'check', CASE, '--archive'], officer);
    expect(atArchive.code).toBe(1);
    expect(JSON.parse(atArchive.stdout).map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['volume-number-missing', 'class-code-missing']));

    const out = tempDir('dossier-out-');
    const compiled = await cli(['--json', 'compile', CASE, '--out', out], withKey);
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    const result = JSON.parse(compiled.stdout) as { volumes: { volume: string; itemCount: number; pageCount: number; path: string; file: { sha256: string }; ranges: { pageRange: string }[] }[] };
    expect(result.volumes).toHaveLength(1);
    expect(result.volumes[0]).toMatchObject({ volume: '正卷', itemCount: 5, pageCount: 6 });
    expect(result.volumes[0]!.ranges.map((r) => r.pageRange)).toEqual(['1', '2-3', '4', '5', '6']);
    expect(fs.existsSync(result.volumes[0]!.path)).toBe(true);
    const human = await cli(['compile', CASE, '--out', out], withKey);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain('已存在，未覆盖');
  });

  it('archives as the archive department only, printing the 四性检测', async () => {
    const { officer, withKey, dataDir } = await readyUnit();
    const denied = await cli(['archive', CASE, '--class', 'XZCF'], withKey);
    expect(denied.code).toBe(3);
    const admin = { DOSSIER_DATA: dataDir, DOSSIER_USER: 'admin', DOSSIER_PASSWORD: 'admin-pass-2024', DOSSIER_NEW_PASSWORD: 'archivist-pass-2024' };
    expect((await cli(['user', 'add', 'liufang', '--role', 'archivist', '--display-name', '刘芳', '--department', '档案室'], { env: admin })).code).toBe(0);
    const archivist = { env: { DOSSIER_DATA: dataDir, DOSSIER_USER: 'liufang', DOSSIER_PASSWORD: 'archivist-pass-2024', DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE } };
    const archived = await cli(['archive', CASE, '--class', 'XZCF'], archivist);
    expect(archived.stderr).toBe('');
    expect(archived.code).toBe(0);
    expect(archived.stdout).toContain('四性检测全部通过，卷宗已归档');
    expect(archived.stdout).toContain('J032-XZCF-2024-0001');
    // Archived: the catalogue lists it, but even its handler reads it only with a grant at a designated terminal (§4.10.2).
    expect((await cli(['case', 'list', '--search', CASE], officer)).stdout).toContain('已归档');
    const show = await cli(['case', 'show', CASE], officer);
    expect(show.code).not.toBe(0);
    expect(show.stderr).toContain('指定的查阅终端');
  });

  it('imports the sample case, then compiles it straight away', async () => {
    const unit = await setUpUnitViaCli();
    const officer = { env: { ...unit.as('chenli', OFFICER_PASSWORD).env, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE } };
    const imported = await cli(['case', 'import-sample'], officer);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('已导入示例案件 示例烟立〔2024〕第1号');
    expect((await cli(['check', '示例烟立〔2024〕第1号'], officer)).code).toBe(0);
    const compiled = await cli(['--json', 'compile', '示例烟立〔2024〕第1号', '--out', tempDir('sample-out-')], officer);
    expect(JSON.parse(compiled.stdout).volumes[0]).toMatchObject({ itemCount: 8, pageCount: 9 });
  });

  it('shows the unit rules and lets the archive department set them from a JSON file', async () => {
    const { officer, dataDir } = await readyUnit();
    const shown = await cli(['--json', 'rules', 'show'], officer);
    expect(shown.code).toBe(0);
    const rules = JSON.parse(shown.stdout);
    expect(rules.stampPosition).toBe('top-outer');
    const file = path.join(tempDir('rules-'), 'rules.json');
    fs.writeFileSync(file, JSON.stringify({ stampPosition: 'bottom-outer' }));
    expect((await cli(['rules', 'set', file], officer)).code).toBe(3);
    const admin = { DOSSIER_DATA: dataDir, DOSSIER_USER: 'admin', DOSSIER_PASSWORD: 'admin-pass-2024', DOSSIER_NEW_PASSWORD: 'archivist-pass-2024' };
    expect((await cli(['user', 'add', 'liufang', '--role', 'archivist', '--display-name', '刘芳', '--department', '档案室'], { env: admin })).code).toBe(0);
    const archivist = { env: { DOSSIER_DATA: dataDir, DOSSIER_USER: 'liufang', DOSSIER_PASSWORD: 'archivist-pass-2024' } };
    const set = await cli(['rules', 'set', file], archivist);
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('下外角');
    fs.writeFileSync(file, '{ not json');
    const bad = await cli(['rules', 'set', file], archivist);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('无法读取规则文件');
  });
});
