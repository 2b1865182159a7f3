import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeGoodScans, type ScanFixtures } from '../core/scan/fixtures';
import { renderTextPage } from '../core/scan/ocr/fixtures';
import { cli, FIXTURE_FOLDER, KEY_PASSPHRASE, OFFICER_PASSWORD, setUpUnitViaCli, tempDir, type Invocation } from './harness';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('dossier scan --out', () => {
  let officer: Invocation;
  let scans: ScanFixtures;

  beforeAll(async () => {
    const unit = await setUpUnitViaCli();
    const base = unit.as('chenli', OFFICER_PASSWORD);
    officer = { ...base, env: { ...base.env, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE } };
    scans = await makeGoodScans(tempDir());
  });

  it('makes one certified, read-only PDF/A that keeps the scanner’s JPEG bytes and flags blank pages', async () => {
    const out = path.join(tempDir(), '现场检查笔录.pdf');
    const r = await cli(['--json', 'scan', scans.a4Jpeg, scans.multiTiff, scans.blankJpeg, '--out', out, '--case', '通烟立〔2024〕第12号', '--type', '检查(勘验)笔录'], officer);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.pages.map((p: { isBlank: boolean }) => p.isBlank)).toEqual([false, false, false, true]);
    expect(result.signer.subject).toContain('南通市烟草专卖局');
    expect(result.sha256).toBe(sha(fs.readFileSync(out)));
    expect(fs.statSync(out).mode & 0o222).toBe(0);

    // Independent tools agree: signature, structure, the scanner's bytes.
    const pdfsig = spawnSync('pdfsig', [out], { encoding: 'utf8' }).stdout;
    expect(pdfsig).toContain('Signature is Valid');
    expect(pdfsig).toContain('Total document signed');
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
    const images = tempDir();
    execFileSync('pdfimages', ['-j', out, path.join(images, 'img')]);
    const extracted = fs.readdirSync(images).filter((f) => f.endsWith('.jpg')).map((f) => sha(fs.readFileSync(path.join(images, f))));
    expect(extracted).toContain(sha(fs.readFileSync(scans.a4Jpeg)));

    expect((await cli(['verify', out], officer)).code).toBe(0);
  });

  it('adds a searchable Chinese text layer with --ocr', async () => {
    const page = await renderTextPage([{ text: '行政处罚决定书', x: 120, baseline: 260, size: 80 }], 1200, 800, 200);
    const png = path.join(tempDir(), 'page.png');
    fs.writeFileSync(png, page.png);
    const out = path.join(tempDir(), '决定书.pdf');
    const r = await cli(['scan', png, '--out', out, '--ocr'], officer);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s/g, '')).toContain('行政处罚决定书');
  }, 60_000);

  it('refuses a bad file by name, reports the rest, and leaves no output file', async () => {
    const empty = path.join(tempDir(), '空文件.jpg');
    fs.writeFileSync(empty, '');
    const text = path.join(tempDir(), '说明.jpg');
    fs.writeFileSync(text, '这是文字，不是图像');
    const out = path.join(tempDir(), 'bad.pdf');
    const r = await cli(['scan', scans.a4Jpeg, empty, text, '--out', out], officer);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('空文件.jpg');
    expect(r.stderr).toContain('说明.jpg');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  });

  it('needs the signing-key passphrase, and refuses a wrong one', async () => {
    const out = path.join(tempDir(), 'x.pdf');
    const noPassphrase = { env: { ...officer.env, DOSSIER_KEY_PASSPHRASE: undefined } };
    const none = await cli(['scan', scans.png, '--out', out], noPassphrase);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('DOSSIER_KEY_PASSPHRASE');
    const wrong = await cli(['scan', scans.png, '--out', out], { env: { ...officer.env, DOSSIER_KEY_PASSPHRASE: 'not-the-passphrase' } });
    expect(wrong.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('dossier scan --case --record', () => {
  it('makes signed versions of a registered record, a correction only with a reason', async () => {
    const unit = await setUpUnitViaCli();
    const base = unit.as('chenli', OFFICER_PASSWORD);
    const officer = { ...base, env: { ...base.env, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE } };
    expect((await cli(['case', 'import', FIXTURE_FOLDER], officer)).code).toBe(0);
    const caseNumber = '通烟立〔2024〕第12号';

    const first = await cli(['--json', 'scan', '--case', caseNumber, '--record', '2'], officer);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ version: 1, pageCount: 2 });
    expect((await cli(['case', 'show', caseNumber], officer)).stdout).toContain('第 1 版');

    const noReason = await cli(['scan', '--case', caseNumber, '--record', '2'], officer);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('更正原因');
    const corrected = await cli(['scan', '--case', caseNumber, '--record', '2', '--reason', '重新扫描第 2 页'], officer);
    expect(corrected.code).toBe(0);
    expect(corrected.stdout).toContain('替代第 1 版');

    expect((await cli(['scan', '--case', caseNumber, '--record', '9'], officer)).code).toBe(2);

    // Corrections: before signing they are recorded, after signing refused (exit 2: read-only).
    const strike = ['record', 'strike', '--case', caseNumber, '--page', '1', '--region', '0.1,0.2,0.5,0.05', '--reason', '笔误'];
    expect((await cli([...strike, '--record', '1'], officer)).stdout).toContain('已记录');
    expect((await cli([...strike, '--record', '2'], officer)).stderr).toContain('已签章');
    expect((await cli(['record', 'strike', '--case', caseNumber, '--record', '1', '--page', '1', '--region', '0.1,0.2', '--reason', 'x'], officer)).code).toBe(2);
    expect((await cli(['scan', '--record', '1'], officer)).code).toBe(2);
  }, 60_000);
});
