import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { passphraseProtector } from '../../src/core/pdf/sign';
import { signedWithStoredKey } from '../core/signing/fixtures';
import { cli, KEY_PASSPHRASE, OFFICER_PASSWORD, setUpUnitViaCli, tempDir, type Invocation } from './harness';

describe('dossier cert export and verify', () => {
  let dataDir: string;
  let officer: Invocation;

  beforeAll(async () => {
    let as: (user: string, password: string) => Invocation;
    ({ dataDir, as } = await setUpUnitViaCli());
    officer = as('chenli', OFFICER_PASSWORD);
  });

  const signedPdf = () => signedWithStoredKey(dataDir, passphraseProtector(KEY_PASSPHRASE));

  it('exports the unit certificate made at init, and will not overwrite a file without --force', async () => {
    const out = path.join(tempDir(), 'unit.pem');
    const r = await cli(['cert', 'export', '--out', out], officer);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('南通市烟草专卖局');
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect((await cli(['cert', 'export', '--out', out], officer)).code).toBe(2);
    expect((await cli(['cert', 'export', '--out', out, '--force'], officer)).code).toBe(0);
  });

  it('exits 0 for a valid file, 1 for a changed one, 2 for one that is not a PDF', async () => {
    const file = await signedPdf();
    const valid = await cli(['verify', file], officer);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('有效');
    const json = await cli(['--json', 'verify', file], officer);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'valid', signer: { subject: expect.stringContaining('南通市烟草专卖局') } });

    fs.chmodSync(file, 0o644);
    fs.appendFileSync(file, 'trailing bytes');
    const invalid = await cli(['verify', file], officer);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('无效');
    expect(invalid.stdout).toContain('原因');

    const text = path.join(tempDir(), 'note.pdf');
    fs.writeFileSync(text, '这不是 PDF');
    expect((await cli(['verify', text], officer)).code).toBe(2);
  });
});
