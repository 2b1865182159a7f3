import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { passphraseProtector } from '../../src/core/pdf/sign';
import { makePfx, PFX_PASSWORD, signedWithStoredKey } from '../core/signing/fixtures';
import { ADMIN_PASSWORD, cli, KEY_PASSPHRASE, OFFICER_PASSWORD, setUpUnitViaCli, tempDir, type Invocation } from './harness';

describe('dossier cert list, import and rotate', () => {
  let dataDir: string;
  let admin: Invocation;
  let officer: Invocation;
  const withEnv = (inv: Invocation, env: Record<string, string>): Invocation => ({ ...inv, env: { ...inv.env, ...env } });

  beforeAll(async () => {
    let as: (user: string, password: string) => Invocation;
    ({ dataDir, as } = await setUpUnitViaCli());
    admin = withEnv(as('admin', ADMIN_PASSWORD), { DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE });
    officer = as('chenli', OFFICER_PASSWORD);
  });

  const signedPdf = () => signedWithStoredKey(dataDir, passphraseProtector(KEY_PASSPHRASE));

  const list = async () => JSON.parse((await cli(['--json', 'cert', 'list'], officer)).stdout) as { certificates: { fingerprint: string; isCurrent: boolean; subject: string }[] };

  it('lists the certificate made at init, current marked, for anyone signed in', async () => {
    const r = await cli(['cert', 'list'], officer);
    expect(r.code).toBe(0);
    const [header, , row] = r.stdout.split('\n');
    expect(header).toMatch(/^当前\s+SHA-256 指纹\s+证书主体\s+有效期\s+私钥保护$/);
    expect(row).toMatch(/^\*\s+[0-9a-f]{64}\s+C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 电子文件签章\s+\d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d\s+口令$/);
    expect((await list()).certificates).toHaveLength(1);
  });

  it('imports a pfx (password from DOSSIER_PFX_PASSWORD or the terminal), rotates, and old files still verify', async () => {
    const before = await signedPdf();
    const pfx = makePfx();
    const wrong = await cli(['cert', 'import', pfx.file], withEnv(admin, { DOSSIER_PFX_PASSWORD: '不对的密码' }));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('证书文件的密码不正确');

    const imported = await cli(['--json', 'cert', 'import', pfx.file], withEnv(admin, { DOSSIER_PFX_PASSWORD: PFX_PASSWORD }));
    expect(imported.code).toBe(0);
    const certificate = JSON.parse(imported.stdout) as { fingerprint: string; isCurrent: boolean };
    expect(certificate).toMatchObject({ isCurrent: true, subject: 'C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 电子签章' });

    const asked: string[] = [];
    const again = await cli(['cert', 'import', makePfx({ cn: '南通市烟草专卖局 第二张' }).file], {
      ...admin,
      prompt: async (question) => {
        asked.push(question);
        return PFX_PASSWORD;
      },
    });
    expect(again.code).toBe(0);
    expect(asked).toEqual(['证书文件密码：']);
    expect(again.stdout).toContain('以往证书签章的文件仍可验证');

    const rotated = await cli(['cert', 'rotate'], admin);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('已更换签章证书');
    const certificates = (await list()).certificates;
    expect(certificates).toHaveLength(4);
    expect(certificates.filter((c) => c.isCurrent)).toHaveLength(1);
    expect(certificates.at(-1)).toMatchObject({ isCurrent: true, subject: 'C=CN, O=南通市烟草专卖局, CN=南通市烟草专卖局 电子文件签章' });
    expect((await cli(['verify', before], officer)).code).toBe(0);
    expect((await cli(['verify', await signedPdf()], officer)).code).toBe(0);
  });

  it('exits 2 for a file it cannot read or a wrong key passphrase, 3 for someone who may not', async () => {
    const missing = await cli(['cert', 'import', path.join(tempDir(), '没有这个文件.pfx')], admin);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('文件不存在');
    const typo = await cli(['cert', 'rotate'], withEnv(admin, { DOSSIER_KEY_PASSPHRASE: '另一个口令-12345' }));
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('口令不一致');
    const notAdmin = await cli(['cert', 'rotate'], withEnv(officer, { DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE }));
    expect(notAdmin.code).toBe(3);
    const json = await cli(['--json', 'cert', 'import', path.join(tempDir(), 'x.pfx')], admin);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'bad-request' } });
    expect((await cli(['cert', 'import'], admin)).code).toBe(2);
    expect(fs.existsSync(dataDir)).toBe(true);
  });
});
