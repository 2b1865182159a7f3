import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dossierUnit, signedFixtureCase } from './unit';
import type { Core } from '../../../src/core/types';
import { value } from '../../helpers/core';

let core: Core | undefined;
afterEach(() => core?.close());

/** The fixture case with a 送达回证 added, so that the 一般程序 requirements are met; all records signed. */
async function readyCase() {
  const unit = await dossierUnit();
  core = unit.core;
  const { caseId } = await signedFixtureCase(unit, { withService: true });
  return { dir: unit.dir, archivist: unit.archivist, caseId };
}

const stored = (dir: string, sha256: string) => path.join(dir, 'files', sha256.slice(0, 2), sha256);

describe('dossiers.compile (DB3206/T 1060 §5.5)', () => {
  it('writes one signed, read-only PDF/A per volume: covers, contents with ranges, stamped pages, remarks sheet, bookmarks', async () => {
    const { dir, archivist, caseId } = await readyCase();
    const before = value(await archivist.dossiers.get({ caseId }));
    expect(before.findings.filter((f) => f.level === 'error')).toEqual([]);
    const { volumes } = value(await archivist.dossiers.compile({ caseId }));
    expect(volumes).toHaveLength(1);
    const v = volumes[0]!;
    expect(v).toMatchObject({ volume: '正卷', edition: 1, itemCount: 5, pageCount: 6 });
    expect(v.ranges.map((r) => r.pageRange)).toEqual(['1', '2-3', '4', '5', '6']);
    // Where each form sits, for printing one of them: 2 covers, 1 contents page, 6 record pages, remarks.
    expect(v.formPages).toEqual({ archivalCover: 1, dossierCover: 2, contents: { first: 3, last: 3 }, remarks: 10 });
    const file = stored(dir, v.file.sha256);
    expect(fs.statSync(file).mode & 0o222).toBe(0);
    expect(value(await archivist.pdf.verify({ fileId: v.file.id }))).toMatchObject({ status: 'valid', hasDocMdpP1: true, coversWholeFile: true });
    expect(spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout).toContain('Total document signed');

    // 2 covers + 1 contents page + 6 record pages + remarks sheet.
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+10/);
    const page = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(page(1)).toContain('档案封面');
    expect(page(1)).toContain('5件');
    expect(page(1)).toContain('6页');
    expect(page(2)).toContain('王建国');
    expect(page(3)).toContain('卷宗目录');
    expect(page(3)).toMatch(/现场检查笔录.*2-3/);
    // Stamps: record pages carry 1..6 in order; covers, contents and the remarks sheet none.
    for (let n = 1; n <= 6; n++) expect(page(3 + n)).toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
    expect(page(10)).toContain('卷内备考表');
    expect(page(10)).toContain('本卷共有文件材料4件5页');
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).every((l) => / yes\s+yes\s+yes /.test(l))).toBe(true);
    expect(fs.readFileSync(file, 'latin1')).toMatch(/\/Outlines/);
    expect(fs.readdirSync(path.join(dir, 'files', 'tmp'))).toEqual([]);

    const after = value(await archivist.dossiers.get({ caseId }));
    expect(after).toMatchObject({ state: '已组卷', compiled: [{ edition: 1 }] });
    // Any change makes the volume out of date; recompiling gives the next edition.
    expect(value(await archivist.dossiers.update({ caseId, statement: '本卷材料齐全。' }))).toMatchObject({ state: '编制中', compiled: [] });
    expect(value(await archivist.dossiers.compile({ caseId })).volumes[0]).toMatchObject({ edition: 2 });
  });

  it('refuses to compile while blocking checks fail, and leaves nothing behind', async () => {
    const { dir, archivist, caseId } = await readyCase();
    value(await archivist.dossiers.update({ caseId, checker: '陈立' }));
    const r = await archivist.dossiers.compile({ caseId });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'remarks.checker', message: expect.stringContaining('立卷人和检查人不能是同一人') } });
    expect(value(await archivist.dossiers.get({ caseId })).compiled).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'files', 'tmp'))).toEqual([]);
  });
});
