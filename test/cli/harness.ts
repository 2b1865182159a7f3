import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/program';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const FIXTURE_FOLDER = path.join(REPO_ROOT, 'test/fixtures/case-folder');
export const BIN = path.join(REPO_ROOT, 'bin/dossier.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'dossier-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Invocation {
  env?: Record<string, string | undefined>;
  prompt?: (question: string) => Promise<string>;
  cwd?: string;
}

/**
 * Runs the CLI in-process with only the environment given, so that the developer's own DOSSIER_*
 * variables cannot leak into a test, and with cheap scrypt so that each login costs milliseconds.
 */
export async function cli(argv: string[], { env = {}, prompt, cwd }: Invocation = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(
    argv,
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env,
      prompt,
      cwd: cwd ?? os.tmpdir(),
    },
    { core: { scryptCost: 1024, signingKeyBits: 2048 } },
  );
  return { code, stdout, stderr };
}

export const ADMIN_PASSWORD = 'admin-pass-2024';
export const KEY_PASSPHRASE = '签章口令-admin-2024';
export const OFFICER_PASSWORD = 'officer-pass-2024';
export const AUDITOR_PASSWORD = 'auditor-pass-2024';

/** A unit set up through the CLI itself, with a case officer and an auditor. */
export async function setUpUnitViaCli(dataDir = tempDir()): Promise<{ dataDir: string; as: (user: string, password: string) => Invocation }> {
  const admin = { DOSSIER_DATA: dataDir, DOSSIER_PASSWORD: ADMIN_PASSWORD, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE };
  const init = await cli(['init', '--unit', '南通市烟草专卖局', '--fonds', 'J032', '--admin', 'admin', '--admin-name', '王管理', '--department', '办公室'], { env: admin });
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  for (const [name, role, password, displayName] of [
    ['chenli', 'case-officer', OFFICER_PASSWORD, '陈立'],
    ['shenji', 'auditor', AUDITOR_PASSWORD, '沈计'],
  ] as const) {
    const added = await cli(['--user', 'admin', 'user', 'add', name, '--role', role, '--display-name', displayName, '--department', '专卖监督管理科'], {
      env: { ...admin, DOSSIER_NEW_PASSWORD: password },
    });
    if (added.code !== 0) throw new Error(`user add ${name} failed: ${added.stderr}`);
  }
  return {
    dataDir,
    as: (user, password) => ({ env: { DOSSIER_DATA: dataDir, DOSSIER_USER: user, DOSSIER_PASSWORD: password } }),
  };
}
