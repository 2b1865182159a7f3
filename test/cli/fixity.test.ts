import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, cli, FIXTURE_FOLDER, OFFICER_PASSWORD, setUpUnitViaCli, type Invocation } from './harness';

const KEEPER_PASSWORD = 'keeper-pass-2024';

describe('dossier fixity', () => {
  let dataDir: string;
  let officer: Invocation;
  let keeper: Invocation;

  beforeAll(async () => {
    let as: (user: string, password: string) => Invocation;
    ({ dataDir, as } = await setUpUnitViaCli());
    officer = as('chenli', OFFICER_PASSWORD);
    const added = await cli(['--user', 'admin', 'user', 'add', 'anquan', '--role', 'security-officer', '--display-name', '安全员'], {
      env: { ...as('admin', ADMIN_PASSWORD).env, DOSSIER_NEW_PASSWORD: KEEPER_PASSWORD },
    });
    expect(added.code).toBe(0);
    keeper = as('anquan', KEEPER_PASSWORD);
    expect((await cli(['case', 'import', FIXTURE_FOLDER], officer)).code).toBe(0);
  });

  it('exits 0 when every stored file is intact', async () => {
    const r = await cli(['fixity'], keeper);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已校验 5 个文件');
    expect(r.stdout).toContain('全部完好');
  });

  it('is refused to a case officer with exit 3', async () => {
    expect((await cli(['fixity'], officer)).code).toBe(3);
  });

  it('exits 1 naming the changed file, and reports it as JSON', async () => {
    const root = path.join(dataDir, 'files');
    const victim = fs.readdirSync(root, { recursive: true, withFileTypes: true }).find((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name))!;
    const file = path.join(victim.parentPath, victim.name);
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, 'tampered');
    const human = await cli(['fixity'], keeper);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('发现 1 处问题');
    expect(human.stdout).toMatch(/\[已改变\] 文件“page-\d\.png”的内容已改变/);
    const json = await cli(['--json', 'fixity'], keeper);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ checked: 5, findings: [{ problem: 'changed', name: expect.stringMatching(/page-\d\.png/) }] });
  });
});
