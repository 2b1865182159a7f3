import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, BIN, OFFICER_PASSWORD, setUpUnitViaCli, tempDir } from './harness';

/** The real command in a child process, as a user's shell would start it: no build, no tsx on the command line. */
function dossier(bin: string, args: string[], env: Record<string, string>, cwd = tempDir()) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DOSSIER_')));
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...clean, ...env }, cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/dossier.mjs', () => {
  let dataDir: string;
  beforeAll(async () => {
    ({ dataDir } = await setUpUnitViaCli());
  });

  it('runs through the symlink npm puts in node_modules/.bin, from any folder', () => {
    const binDir = tempDir('dossier-bin-');
    const link = path.join(binDir, 'dossier');
    fs.symlinkSync(BIN, link);
    const r = dossier(link, ['case', 'list', '--json'], { DOSSIER_DATA: dataDir, DOSSIER_USER: 'chenli', DOSSIER_PASSWORD: OFFICER_PASSWORD }, binDir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ total: 0, items: [] });
  });

  it('exits with the documented codes in a real process', () => {
    const env = { DOSSIER_DATA: dataDir, DOSSIER_USER: 'admin' };
    const noPassword = dossier(BIN, ['user', 'list'], env);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('请设置环境变量 DOSSIER_PASSWORD');

    expect(dossier(BIN, ['user', 'list'], { ...env, DOSSIER_PASSWORD: 'not-the-password' }).code).toBe(3);
    expect(dossier(BIN, ['user', 'list', '--no-such-option'], { ...env, DOSSIER_PASSWORD: ADMIN_PASSWORD }).code).toBe(2);

    const ok = dossier(BIN, ['user', 'list'], { ...env, DOSSIER_PASSWORD: ADMIN_PASSWORD });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('共 3 人');
  });
});
