import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeGoodScans, type ScanFixtures } from '../core/scan/fixtures';
import { cli, FIXTURE_FOLDER, KEY_PASSPHRASE, OFFICER_PASSWORD, setUpUnitViaCli, tempDir, type Invocation } from './harness';

const CASE = '通烟立〔2024〕第12号';

describe('dossier record add-scans / pages / rotate / arrange', () => {
  let officer: Invocation;
  let scans: ScanFixtures;

  beforeAll(async () => {
    const unit = await setUpUnitViaCli();
    const base = unit.as('chenli', OFFICER_PASSWORD);
    officer = { ...base, env: { ...base.env, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE } };
    scans = await makeGoodScans(tempDir());
    expect((await cli(['case', 'import', FIXTURE_FOLDER], officer)).code).toBe(0);
  });

  it('adds scans from files and a folder, lists the pages, turns and reorders them, and case show counts them', async () => {
    const folder = tempDir();
    fs.copyFileSync(scans.blankJpeg, path.join(folder, 'b.jpg'));
    const added = await cli(['--json', 'record', 'add-scans', CASE, '1', scans.multiTiff, folder], officer);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const result = JSON.parse(added.stdout);
    expect(result.pageCount).toBe(4);
    expect(result.added.map((p: { position: number; isBlank: boolean }) => [p.position, p.isBlank])).toEqual([
      [2, false],
      [3, false],
      [4, true],
    ]);

    const human = await cli(['record', 'pages', CASE, '1'], officer);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('03-two-pages.tif');
    expect(human.stdout).toContain('210×297');
    expect(human.stdout).toContain('第 4 页疑似空白');

    const turned = await cli(['record', 'rotate', CASE, '1', '2', '90'], officer);
    expect(turned.code).toBe(0);
    expect(turned.stdout).toContain('297×210 mm');

    expect((await cli(['record', 'arrange', CASE, '1', '4', '3', '2', '1'], officer)).code).toBe(0);
    const json = JSON.parse((await cli(['--json', 'record', 'pages', CASE, '1'], officer)).stdout);
    expect(json.map((p: { file: { name: string }; pageInFile: number; rotation: number }) => [p.file.name, p.pageInFile, p.rotation])).toEqual([
      ['b.jpg', 0, 0],
      ['03-two-pages.tif', 1, 0],
      ['03-two-pages.tif', 0, 90],
      ['page-1.png', 0, 0],
    ]);
    expect(json[0].thumbnail).toBeUndefined();
    expect((await cli(['case', 'show', CASE], officer)).stdout).toMatch(/页数/);
  }, 60_000);

  it('names each bad file, exits 2 and adds nothing; refuses usage mistakes', async () => {
    const bad = path.join(tempDir(), '坏图.jpg');
    fs.writeFileSync(bad, 'not an image');
    const r = await cli(['record', 'add-scans', CASE, '3', scans.png, bad], officer);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('坏图.jpg');
    expect(r.stderr).toContain('其余 1 个文件无误');
    const pages = JSON.parse((await cli(['--json', 'record', 'pages', CASE, '3'], officer)).stdout);
    expect(pages).toHaveLength(1);

    expect((await cli(['record', 'rotate', CASE, '3', '1', '45'], officer)).stderr).toContain('0、90、180 或 270');
    expect((await cli(['record', 'rotate', CASE, '3', '7', '90'], officer)).stderr).toContain('没有第 7 页');
    expect((await cli(['record', 'pages', CASE, '0'], officer)).code).toBe(2);
    expect((await cli(['record', 'arrange', CASE, '3', '1', '1'], officer)).stderr).toContain('页面重复');
  }, 60_000);

  it('refuses to change the pages of a signed record', async () => {
    expect((await cli(['scan', '--case', CASE, '--record', '4'], officer)).code).toBe(0);
    const r = await cli(['record', 'add-scans', CASE, '4', scans.png], officer);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('已签章');
    expect((await cli(['record', 'ocr', CASE, '4'], officer)).stderr).toContain('已签章');
  }, 60_000);
});
