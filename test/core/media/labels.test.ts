import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { value } from '../../helpers/core';
import { type MediaUnit, register, useMediaUnit } from './unit';

/**
 * Label sheets (DB3206/T 1060 §6.1.3 b): the text is the register's, the Code 128 and the QR decode
 * back to the tag (zbarimg over the images pdfimages extracts), fonts embedded, kept in the store.
 */
let u: MediaUnit;
useMediaUnit(async (unit) => {
  u = unit;
  await register(u.centre, 'NTYC-2026-0001', { department: '专卖监督管理科' });
  await register(u.centre, 'NTYC-2026-0002', { classification: '机密', kind: 'hdd', department: '办公室' });
});

const stored = (sha256: string) => path.join(u.dir, 'files', sha256.slice(0, 2), sha256);

function decodeImages(pdf: string): string[] {
  const out = path.join(u.work, `img-${path.basename(pdf).slice(0, 8)}-${Date.now()}`);
  fs.mkdirSync(out);
  execFileSync('pdfimages', ['-png', pdf, path.join(out, 'i')]);
  const images = fs.readdirSync(out).map((f) => path.join(out, f));
  // zbarimg exits 4 when an image holds no code; the codes it found are on stdout either way.
  return images.flatMap((image) => {
    try {
      return execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Scode128.enable', '-Sqrcode.enable', image], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? '').trim().split('\n').filter(Boolean);
    }
  });
}

describe('media.label', () => {
  it('draws one 60 × 40 mm label per medium with tag, 密级, kind, department, Code 128 and QR', async () => {
    const ref = value(await u.centre.media.label({ tags: ['NTYC-2026-0001', 'NTYC-2026-0002'], size: '60x40' }));
    expect(ref).toMatchObject({ mediaType: 'application/pdf', name: '介质标签-NTYC-2026-0001等2张.pdf' });
    const pdf = stored(ref.sha256);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+170\.0\d* x 113\.3\d* pts/);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\byes\b/); // every font embedded
    for (const [page, expected] of [
      [1, ['NTYC-2026-0001', '非涉密', 'U盘', '专卖监督管理科', '南通市烟草专卖局']],
      [2, ['NTYC-2026-0002', '机密', '机械硬盘', '办公室']],
    ] as const) {
      const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
      for (const t of expected) expect(text).toContain(t);
    }
    const codes = decodeImages(pdf);
    expect(codes).toEqual(expect.arrayContaining(['NTYC-2026-0001', 'NTYC-2026-0002', 'DOSSIER-MEDIUM;TAG=NTYC-2026-0001;FONDS=J032', 'DOSSIER-MEDIUM;TAG=NTYC-2026-0002;FONDS=J032']));
    const history = value(await u.centre.media.get({ tag: 'NTYC-2026-0002' })).history;
    expect(history.at(-1)).toMatchObject({ action: '打印标签', actor: 'baoguan' });
  }, 60_000);

  it('fills an A4 sheet of 24 labels and starts another for the 25th', async () => {
    const tags = Array.from({ length: 25 }, (_, i) => `NTYC-2027-${String(i + 1).padStart(4, '0')}`);
    for (const tag of tags) await register(u.centre, tag);
    const ref = value(await u.centre.media.label({ tags, size: 'a4-24' }));
    const pdf = stored(ref.sha256);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    expect(first).toContain('NTYC-2027-0024');
    expect(first).not.toContain('NTYC-2027-0025');
    expect(execFileSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' })).toContain('NTYC-2027-0025');
  }, 60_000);

  it('refuses an unknown tag and keeps nothing', async () => {
    const before = fs.readdirSync(path.join(u.dir, 'files')).length;
    const r = await u.centre.media.label({ tags: ['NTYC-2026-0001', 'NTYC-2099-0001'], size: '50x30' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('NTYC-2099-0001') } });
    expect(fs.readdirSync(path.join(u.dir, 'files')).length).toBe(before);
  });
});
