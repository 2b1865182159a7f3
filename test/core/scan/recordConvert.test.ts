import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveApi } from '../../../src/contract';
import { createCore } from '../../../src/core/createCore';
import { passphraseProtector } from '../../../src/core/pdf/sign';
import type { Core } from '../../../src/core/types';
import { FIXTURE_FOLDER, newCaller, PASSWORD, tempDir, value } from '../../helpers/core';

let core: Core | undefined;
afterEach(() => core?.close());

async function archiveWithCase(): Promise<{ dir: string; archivist: ArchiveApi; recordId: string; otherId: string }> {
  const dir = tempDir();
  core = createCore({ dataDir: dir, scryptCost: 1024, keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 });
  const admin = core.client(newCaller());
  value(await admin.setup.initialize({ compilingUnit: '南通市烟草专卖局', fondsNumber: 'J032', admin: { username: 'admin', displayName: '管理员', department: '办公室', password: PASSWORD } }));
  value(await admin.users.create({ username: 'liu', displayName: '刘芳', department: '档案室', roles: ['archivist'], password: PASSWORD }));
  const archivist = core.client(newCaller());
  value(await archivist.auth.login({ username: 'liu', password: PASSWORD }));
  const imported = value(await archivist.cases.importFolder({ folder: FIXTURE_FOLDER }));
  const records = value(await archivist.cases.get({ caseId: imported.case.id })).records;
  const inspection = records.find((r) => r.type === '检查(勘验)笔录')!;
  return { dir, archivist, recordId: inspection.id, otherId: records.find((r) => r.id !== inspection.id)!.id };
}

describe('records.convert', () => {
  it('turns a record’s stored scans into a signed version kept in the file store', async () => {
    const { dir, archivist, recordId } = await archiveWithCase();
    const v = value(await archivist.records.convert({ recordId }));
    expect(v).toMatchObject({ version: 1, pageCount: 2, supersedesVersion: null, file: { mediaType: 'application/pdf', name: '现场检查笔录.pdf' } });
    const stored = path.join(dir, 'files', v.file.sha256.slice(0, 2), v.file.sha256);
    expect(fs.statSync(stored).mode & 0o222).toBe(0);
    expect(value(await archivist.pdf.verify({ path: stored }))).toMatchObject({ status: 'valid', fileSha256: v.file.sha256 });
    expect(spawnSync('pdfinfo', [stored], { encoding: 'utf8' }).stdout).toContain('现场检查笔录');
    // The record lists it, and fixity now watches it too.
    expect(value(await archivist.cases.get({ caseNumber: '通烟立〔2024〕第12号' })).records.find((r) => r.id === recordId)!.versions).toHaveLength(1);
    expect(value(await archivist.fixity.run())).toMatchObject({ checked: 6, findings: [] });
    expect(fs.readdirSync(path.join(dir, 'files', 'tmp'))).toEqual([]);
  });

  it('refuses to modify a signed record; a correction is a new version with a reason, the original stays', async () => {
    const { archivist, recordId } = await archiveWithCase();
    const first = value(await archivist.records.convert({ recordId }));
    expect(await archivist.records.update({ recordId, patch: { title: '改' } })).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringContaining('已签章') } });
    expect(await archivist.records.remove({ recordId, reason: '重复' })).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(await archivist.records.convert({ recordId })).toMatchObject({ ok: false, error: { field: 'reason' } });
    const second = value(await archivist.records.convert({ recordId, reason: '第 2 页扫描不清，重新扫描' }));
    expect(second).toMatchObject({ version: 2, supersedesVersion: 1, reason: '第 2 页扫描不清，重新扫描' });
    const versions = value(await archivist.cases.get({ caseNumber: '通烟立〔2024〕第12号' })).records.find((r) => r.id === recordId)!.versions;
    expect(versions.map((x) => x.file.sha256)).toEqual([first.file.sha256, second.file.sha256]);
  });

  it('signs a record large enough to be hashed beside the writer (decision 0017): valid for us, pdfsig and the hash on record', async () => {
    const { dir, archivist, otherId } = await archiveWithCase();
    const scans = tempDir();
    // Noise compresses badly: three 2600 × 2600 colour pages make a record of some 20 MB, above the 16 MB threshold.
    for (let i = 0; i < 3; i++) {
      await sharp({ create: { width: 2600, height: 2600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 70 } } })
        .jpeg({ quality: 95 })
        .withMetadata({ density: 300 })
        .toFile(path.join(scans, `p${i + 1}.jpg`));
    }
    value(await archivist.records.addScans({ recordId: otherId, inputs: [scans] }));
    const v = value(await archivist.records.convert({ recordId: otherId }));
    const stored = path.join(dir, 'files', v.file.sha256.slice(0, 2), v.file.sha256);
    expect(fs.statSync(stored).size).toBeGreaterThan(16 << 20);
    expect(execFileSync('sha256sum', [stored], { encoding: 'utf8' }).split(' ')[0]).toBe(v.file.sha256);
    expect(value(await archivist.pdf.verify({ path: stored }))).toMatchObject({ status: 'valid', fileSha256: v.file.sha256 });
    const pdfsig = spawnSync('pdfsig', [stored], { encoding: 'utf8' }).stdout;
    expect(pdfsig).toContain('Signature is Valid');
    expect(pdfsig).toContain('Total document signed');
    expect(fs.readdirSync(path.join(dir, 'files', 'tmp'))).toEqual([]);
  }, 60_000);

  it('needs the key protector and leaves nothing behind without it', async () => {
    const { dir, otherId } = await archiveWithCase();
    core!.close();
    core = createCore({ dataDir: dir, scryptCost: 1024 });
    const again = core.client(newCaller());
    value(await again.auth.login({ username: 'liu', password: PASSWORD }));
    expect(await again.records.convert({ recordId: otherId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('私钥保护口令') } });
  });
});

describe('records.strike (加划改符号, §6.2.2 c)', () => {
  it('draws the struck-through region and its reason when the record is signed, and keeps it in the history', async () => {
    const { dir, archivist, recordId } = await archiveWithCase();
    const strike = value(await archivist.records.strike({ recordId, page: 2, region: { x: 0.1, y: 0.2, width: 0.5, height: 0.1 }, reason: '笔误' }));
    expect(strike).toMatchObject({ page: 2, reason: '笔误', createdBy: 'liu' });
    const v = value(await archivist.records.convert({ recordId }));
    const stored = path.join(dir, 'files', v.file.sha256.slice(0, 2), v.file.sha256);
    const text = execFileSync('pdftotext', ['-f', '2', '-l', '2', stored, '-'], { encoding: 'utf8' });
    // Wrapped to the page width on these small fixture pages.
    expect(text.replace(/\s/g, '')).toContain('更正：笔误');
    // The strike line runs through the middle of the region in red.
    const png = path.join(tempDir(), 'p');
    execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '600', '-png', '-singlefile', stored, png]);
    const { data, info } = await sharp(`${png}.png`).raw().toBuffer({ resolveWithObject: true });
    const at = (fx: number, fy: number) => {
      const i = (Math.round(fy * (info.height - 1)) * info.width + Math.round(fx * (info.width - 1))) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!] as const;
    };
    const [r, g, b] = at(0.35, 0.25);
    expect(r).toBeGreaterThan(150);
    expect(g + b).toBeLessThan(200);
    expect(value(await archivist.pdf.verify({ path: stored })).status).toBe('valid');
    const record = value(await archivist.cases.get({ caseNumber: '通烟立〔2024〕第12号' })).records.find((x) => x.id === recordId)!;
    expect(record.corrections).toHaveLength(1);
  });

  it('is refused once the record is signed, and for a region off the page', async () => {
    const { archivist, recordId, otherId } = await archiveWithCase();
    expect(await archivist.records.strike({ recordId, page: 1, region: { x: 0.8, y: 0.1, width: 0.5, height: 0.1 }, reason: 'x' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('超出了页面') },
    });
    value(await archivist.records.convert({ recordId }));
    expect(await archivist.records.strike({ recordId, page: 1, region: { x: 0.1, y: 0.1, width: 0.2, height: 0.1 }, reason: '笔误' })).toMatchObject({
      ok: false,
      error: { code: 'read-only', message: expect.stringContaining('新版本') },
    });
    // A mark on a page the record does not have stops the conversion, with nothing stored.
    value(await archivist.records.strike({ recordId: otherId, page: 5, region: { x: 0.1, y: 0.1, width: 0.2, height: 0.1 }, reason: '笔误' }));
    expect(await archivist.records.convert({ recordId: otherId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('第 5 页') } });
  });
});
