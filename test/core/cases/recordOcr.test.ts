import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/createCore';
import { passphraseProtector } from '../../../src/core/pdf/sign';
import type { Core } from '../../../src/core/types';
import { newCaller, PASSWORD, sampleCase, tempDir, value } from '../../helpers/core';
import { renderTextPage } from '../scan/ocr/fixtures';

let core: Core | undefined;
afterEach(() => core?.close());

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s/g, '');

describe('OCR stored per page (issue 3 item 4)', () => {
  it('is recognized once, drawn into the signed version, cleared when a page is turned, and recognized again on request', async () => {
    const dir = tempDir();
    core = createCore({ dataDir: dir, scryptCost: 1024, keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 });
    const admin = core.client(newCaller());
    value(await admin.setup.initialize({ compilingUnit: '南通市烟草专卖局', fondsNumber: 'J032', admin: { username: 'admin', displayName: '管理员', department: '办公室', password: PASSWORD } }));
    value(await admin.users.create({ username: 'liu', displayName: '刘芳', department: '档案室', roles: ['archivist', 'case-officer'], password: PASSWORD }));
    const a = core.client(newCaller());
    value(await a.auth.login({ username: 'liu', password: PASSWORD }));
    const c = value(await a.cases.create(sampleCase()));
    const { id: recordId } = value(await a.records.add({ caseId: c.id, record: { type: '行政处罚决定书', title: '行政处罚决定书', responsible: '南通市烟草专卖局', date: '2024-04-28', documentNumber: '' } }));

    const scans = tempDir();
    const files = [];
    for (const [i, text] of ['行政处罚决定书', '现场检查笔录'].entries()) {
      const page = await renderTextPage([{ text, x: 120, baseline: 260, size: 80 }], 1200, 800, 200);
      files.push(path.join(scans, `${i + 1}.png`));
      fs.writeFileSync(files[i]!, page.png);
    }
    const [first, second] = value(await a.records.addScans({ recordId, inputs: files })).added;

    // Cancelled as soon as it reports progress: nothing is kept.
    const jobId = randomUUID();
    const stop = core.onEvent((e) => {
      if (e.type === 'job.progress' && e.jobId === jobId) void a.jobs.cancel({ jobId });
    });
    expect(await a.records.ocr({ recordId, jobId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已取消') } });
    stop();
    expect(value(await a.records.pages({ recordId })).map((p) => p.hasOcr)).toEqual([false, false]);

    expect(value(await a.records.ocr({ recordId }))).toMatchObject({ recognized: 2, lines: expect.any(Number) });
    expect(value(await a.records.pages({ recordId })).map((p) => p.hasOcr)).toEqual([true, true]);
    expect(value(await a.records.ocr({ recordId }))).toMatchObject({ recognized: 0 });

    // Turning a page clears its text: its boxes were read from the page as it stood.
    value(await a.records.rotatePage({ recordId, pageId: second!.id, rotation: 180 }));
    value(await a.records.rotatePage({ recordId, pageId: second!.id, rotation: 0 }));
    expect(value(await a.records.pages({ recordId })).map((p) => p.hasOcr)).toEqual([true, false]);

    // The stored text goes into the signed version without recognizing again.
    const v1 = value(await a.records.convert({ recordId }));
    expect(v1.hasOcr).toBe(false);
    const text1 = pdfText(path.join(dir, 'files', v1.file.sha256.slice(0, 2), v1.file.sha256));
    expect(text1).toContain('行政处罚决定书');
    expect(text1).not.toContain('现场检查笔录');

    // ocr: true recognizes the page without text and keeps it for later versions.
    const v2 = value(await a.records.convert({ recordId, ocr: true, reason: '补充文字识别' }));
    expect(v2.hasOcr).toBe(true);
    const text2 = pdfText(path.join(dir, 'files', v2.file.sha256.slice(0, 2), v2.file.sha256));
    expect(text2).toContain('行政处罚决定书');
    expect(text2).toContain('现场检查笔录');
    expect(value(await a.records.pages({ recordId })).map((p) => [p.id, p.hasOcr])).toEqual([
      [first!.id, true],
      [second!.id, true],
    ]);
  }, 240_000);
});
