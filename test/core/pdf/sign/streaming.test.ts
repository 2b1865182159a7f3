import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeLargePdf } from '../../../../src/core/pdf/sign/bench';
import { createUnitIdentity } from '../../../../src/core/pdf/sign/identity';
import { passphraseProtector } from '../../../../src/core/pdf/sign/keyProtection';
import { run, tempDir } from './fixtures';

const dir = tempDir('dossier-sign-stream-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('signs and verifies a ~200 MB file by streaming: RSS grows by a few MB, not by the file', async () => {
  const protector = passphraseProtector('档案室口令 2026', { logN: 14 });
  const identity = await createUnitIdentity({ unitName: '南通市烟草专卖局', keyBits: 2048 }, protector);
  // The child gets the key as PEM in a temp file only to keep its start-up small; the app never does this.
  const plain = protector.unprotect(identity.sealedKey);
  const keyPem = createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }) as string;
  fs.writeFileSync(path.join(dir, 'key.pem'), keyPem, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'cert.der'), identity.certificateDer);

  const file = path.join(dir, 'large.pdf');
  const bytes = await writeLargePdf(file, 200 * 2 ** 20);
  expect(bytes).toBeGreaterThan(190 * 2 ** 20);

  const child = path.join(import.meta.dirname, 'signChild.ts');
  const report = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, file, path.join(dir, 'cert.der'), path.join(dir, 'key.pem')], {
      encoding: 'utf8',
      cwd: path.resolve(import.meta.dirname, '../../../..'),
    }),
  );
  const growthMb = (report.peak - report.baseline) / 2 ** 20;
  const mb = report.bytes / 2 ** 20;
  console.log(`streaming: ${mb.toFixed(0)} MB signed in ${report.signMs.toFixed(0)} ms (${((mb / report.signMs) * 1000).toFixed(0)} MB/s), verified in ${report.verifyMs.toFixed(0)} ms; RSS ${(report.baseline / 2 ** 20).toFixed(0)} → ${(report.peak / 2 ** 20).toFixed(0)} MB (+${growthMb.toFixed(1)} MB)`);
  expect(report.reasons).toEqual([]);
  expect(report.isValid).toBe(true);
  expect(growthMb).toBeLessThan(40);
  const pdfsig = run('pdfsig', [file]).output;
  expect(pdfsig).toContain('Signature is Valid');
  expect(pdfsig).toContain('Total document signed');
}, 60_000);
