import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveApi, ReadingPageDto } from '../../../src/contract';
import { openPdf, renderPage } from '../../../src/core/reading/render';
import { tempDir, value } from '../../helpers/core';
import { readingUnit, type ReadingUnit } from './readingUnit';

let unit: ReadingUnit;
beforeAll(async () => {
  unit = await readingUnit();
}, 120_000);
afterAll(() => unit?.close());

const jpegOf = (page: ReadingPageDto) => Buffer.from(page.image.replace(/^data:image\/jpeg;base64,/, ''), 'base64');

/** Share of pixels that differ visibly (by more than 24 of 255 in grey) over a region given in fractions of the page. */
async function regionDifference(a: Buffer, b: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  const gray = async (img: Buffer) => {
    const meta = await sharp(img).metadata();
    const r = { left: Math.floor(region.left * meta.width!), top: Math.floor(region.top * meta.height!), width: Math.floor(region.width * meta.width!), height: Math.floor(region.height * meta.height!) };
    return sharp(img).extract(r).greyscale().raw().toBuffer();
  };
  const [x, y] = [await gray(a), await gray(b)];
  let changed = 0;
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i]! - y[i]!) > 24) changed++;
  return changed / x.length;
}

/** The same page drawn without any watermark, at the same width: what the reader must never get. */
async function cleanPage(sha256: string, page: number, widthPx: number): Promise<Buffer> {
  const opened = await openPdf(path.join(unit.dir, 'files', sha256.slice(0, 2), sha256));
  try {
    return (await renderPage(opened, page, { widthPx, watermark: null })).jpeg;
  } finally {
    await opened.close();
  }
}

const volumeFile = () => unit.db().prepare("SELECT f.sha256 FROM dossier_volumes v JOIN files f ON f.id = v.file_id WHERE v.case_id = ? AND v.volume = '正卷' AND v.is_current = 1").get(Number(unit.caseId)) as { sha256: string };
const auditOf = (action: string) => unit.db().prepare('SELECT actor, outcome, detail, target FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor: string; outcome: string; detail: string; target: string }[];

describe('reading.open: only with a grant, at a designated terminal, after the pledge (§4.10.2, §4.10.3)', () => {
  it('refuses a reader without a grant, and logs the refusal', async () => {
    const reader = await unit.person('zhao');
    expect(await reader.reading.open({ caseId: unit.caseId })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('借阅申请') } });
    expect(auditOf('reading.open').filter((e) => e.actor === 'zhao')).toEqual([expect.objectContaining({ outcome: 'denied' })]);
  });

  it('refuses a granted reader before the pledge is accepted', async () => {
    const reader = await unit.person('qian');
    await unit.grant(reader, { pledge: false });
    expect(await reader.reading.open({ caseId: unit.caseId })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'pledge', message: expect.stringContaining('保密承诺') } });
  });

  it('lets the archive department read without a grant, but neither print nor export', async () => {
    const session = value(await unit.archivist.reading.open({ caseId: unit.caseId }));
    expect(session).toMatchObject({ grant: null, printAllowed: false, exportAllowed: false, copyAllowed: false, watermark: { reader: '刘芳（liu）' } });
    expect(value(await unit.archivist.reading.page({ readingId: session.readingId, volume: '正卷', page: 1, widthPx: 300 })).text).toBeNull();
    expect(await unit.archivist.reading.print({ readingId: session.readingId, volume: '正卷', pages: [1] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    value(await unit.archivist.reading.close({ readingId: session.readingId }));
  });

  it('refuses at a terminal that is not (or no longer) designated', async () => {
    const reader = await unit.person('sun');
    await unit.grant(reader, {});
    value(await unit.security.terminals.designate({ terminalId: unit.core.terminalId, designated: false }));
    try {
      expect(await reader.reading.open({ caseId: unit.caseId })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('指定的查阅终端') } });
    } finally {
      value(await unit.security.terminals.designate({ terminalId: unit.core.terminalId, designated: true }));
    }
  });
});

describe('reading pages: drawn by the core, watermark in the pixels, policy asked on every page', () => {
  let reader: ArchiveApi;
  beforeAll(async () => {
    reader = await unit.person('wang', ['reader'], '王敏');
    await unit.grant(reader, {});
  });

  it('opens with the grant and the flags of the grant, and serves a watermarked JPEG without text', async () => {
    const session = value(await reader.reading.open({ caseId: unit.caseId }));
    expect(session).toMatchObject({ caseId: unit.caseId, archivalCode: 'J032-XZCF-2024-0001', watermark: { reader: '王敏（wang）', terminalId: unit.core.terminalId }, printAllowed: false, exportAllowed: false, copyAllowed: false, grant: { print: false, export: false } });
    expect(session.volumes[0]).toMatchObject({ volume: '正卷', edition: 1 });
    expect(session.volumes[0]!.pageCount).toBeGreaterThan(5);

    const page = value(await reader.reading.page({ readingId: session.readingId, volume: '正卷', page: 4, widthPx: 800 }));
    const jpeg = jpegOf(page);
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 800, height: page.heightPx });
    expect(page).toMatchObject({ volume: '正卷', page: 4, widthPx: 800, text: null, watermark: expect.stringContaining('王敏（wang） · 终端 ' + unit.core.terminalId) });

    // The watermark covers the whole page (tiled), not a corner: every quarter differs from the clean page.
    const clean = await cleanPage(volumeFile().sha256, 4, 800);
    for (const [left, top] of [[0, 0], [0.5, 0], [0, 0.5], [0.5, 0.45]] as const) {
      expect(await regionDifference(jpeg, clean, { left, top, width: 0.5, height: 0.45 })).toBeGreaterThan(0.01);
    }
    // The legible line at the bottom.
    expect(await regionDifference(jpeg, clean, { left: 0.1, top: 0.97, width: 0.8, height: 0.03 })).toBeGreaterThan(0.05);

    expect(await reader.reading.page({ readingId: session.readingId, volume: '正卷', page: session.volumes[0]!.pageCount + 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    value(await reader.reading.close({ readingId: session.readingId }));
  });

  it('lists the pages viewed in the closing entry of the log (issue 5 item 7)', async () => {
    const { readingId } = value(await reader.reading.open({ caseId: unit.caseId }));
    for (const page of [2, 1, 3, 5, 2]) value(await reader.reading.page({ readingId, volume: '正卷', page, widthPx: 300 }));
    value(await reader.reading.close({ readingId }));
    const closing = auditOf('reading.close').filter((e) => e.actor === 'wang').at(-1)!;
    expect(closing).toMatchObject({ outcome: 'ok', detail: expect.stringContaining('正卷 第1–3、5页'), target: expect.stringMatching(/^case:/) });
    expect(await reader.reading.page({ readingId, volume: '正卷', page: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('已结束') } });
  });

  it('refuses print and export without those flags in the grant, and logs the refusals', async () => {
    const { readingId } = value(await reader.reading.open({ caseId: unit.caseId }));
    expect(await reader.reading.print({ readingId, volume: '正卷', pages: [1] })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('不含打印') } });
    expect(await reader.reading.export({ readingId, volume: '正卷' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('不含导出') } });
    expect(auditOf('reading.print').filter((e) => e.actor === 'wang')).toEqual([expect.objectContaining({ outcome: 'denied' })]);
    value(await reader.reading.close({ readingId }));
  });

  it("refuses another person's session", async () => {
    const { readingId } = value(await reader.reading.open({ caseId: unit.caseId }));
    const other = await unit.person('li');
    await unit.grant(other, {});
    expect(await other.reading.page({ readingId, volume: '正卷', page: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('不是您的查阅会话') } });
    value(await reader.reading.close({ readingId }));
  });
});

describe('print and export with the flags granted', () => {
  let reader: ArchiveApi;
  let readingId: string;
  beforeAll(async () => {
    reader = await unit.person('zhou', ['reader'], '周强');
    await unit.grant(reader, { print: true, export: true });
    readingId = value(await reader.reading.open({ caseId: unit.caseId })).readingId;
  });

  it('gives the text for copying only with an export grant', async () => {
    const page = value(await reader.reading.page({ readingId, volume: '正卷', page: 1, widthPx: 400 }));
    expect(page.text).toEqual(expect.stringContaining('南通市烟草专卖局'));
  });

  it('prints the pages asked, logged with the pages and the watermark', async () => {
    const printed = value(await reader.reading.print({ readingId, volume: '正卷', pages: [3, 1, 2] }));
    expect(printed).toMatchObject({ pages: [1, 2, 3], watermark: expect.stringContaining('周强（zhou）') });
    expect(auditOf('reading.print').filter((e) => e.actor === 'zhou').at(-1)).toMatchObject({ outcome: 'ok', detail: expect.stringContaining('正卷 第1–3页') });
  });

  it('exports a PDF whose pages are the watermarked images, stored and logged', async () => {
    const pageCount = (unit.db().prepare('SELECT volumes FROM reading_sessions WHERE id = ?').get(readingId) as { volumes: string }).volumes;
    const total = (JSON.parse(pageCount) as { pageCount: number }[])[0]!.pageCount;
    const exported = value(await reader.reading.export({ readingId, volume: '正卷' }));
    expect(exported).toMatchObject({ pageCount: total, name: expect.stringContaining('查阅导出件') });
    const file = path.join(unit.dir, 'files', exported.sha256.slice(0, 2), exported.sha256);
    expect(fs.existsSync(file)).toBe(true);
    expect(unit.db().prepare('SELECT username FROM reading_exports WHERE file_id = ?').get(Number(exported.fileId))).toEqual({ username: 'zhou' });

    // One image per page, no text layer: nothing but the watermarked picture goes out.
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.map((line) => Number(line.trim().split(/\s+/)[0]))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).trim()).toBe('');

    const out = tempDir('reading-export-');
    execFileSync('pdfimages', ['-j', '-f', '4', '-l', '4', file, path.join(out, 'p')]);
    const image = fs.readFileSync(path.join(out, fs.readdirSync(out)[0]!));
    const { width } = await sharp(image).metadata();
    const clean = await cleanPage(volumeFile().sha256, 4, width!);
    expect(await regionDifference(image, clean, { left: 0, top: 0, width: 1, height: 0.9 })).toBeGreaterThan(0.01);
    expect(await regionDifference(image, clean, { left: 0.1, top: 0.97, width: 0.8, height: 0.03 })).toBeGreaterThan(0.05);
    expect(auditOf('reading.export').filter((e) => e.actor === 'zhou').at(-1)).toMatchObject({ outcome: 'ok', detail: expect.stringContaining(exported.sha256.slice(0, 16)) });
  }, 120_000);

  it('leaves no file, row or temporary folder when the export is cancelled midway', async () => {
    const count = () => ({
      files: (unit.db().prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n,
      exports: (unit.db().prepare('SELECT count(*) AS n FROM reading_exports').get() as { n: number }).n,
    });
    const before = count();
    const jobId = crypto.randomUUID();
    const stop = unit.core.onEvent((event) => {
      if (event.type === 'job.progress' && event.jobId === jobId && event.done >= 2) void reader.jobs.cancel({ jobId });
    });
    try {
      expect(await reader.reading.export({ readingId, volume: '正卷', jobId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已取消') } });
    } finally {
      stop();
    }
    expect(count()).toEqual(before);
    expect(fs.readdirSync(path.join(unit.dir, 'files', 'tmp'))).toEqual([]);
    expect(auditOf('reading.export').at(-1)).toMatchObject({ outcome: 'failed' });
  }, 120_000);

  it('leaves nothing when the volume cannot be read midway', async () => {
    const { sha256 } = volumeFile();
    const stored = path.join(unit.dir, 'files', sha256.slice(0, 2), sha256);
    const original = fs.readFileSync(stored);
    const before = (unit.db().prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    fs.chmodSync(stored, 0o600);
    fs.writeFileSync(stored, original.subarray(0, 2000));
    try {
      expect(await reader.reading.export({ readingId, volume: '正卷' })).toMatchObject({ ok: false });
    } finally {
      fs.writeFileSync(stored, original);
      fs.chmodSync(stored, 0o444);
    }
    expect((unit.db().prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n).toBe(before);
    expect(fs.readdirSync(path.join(unit.dir, 'files', 'tmp'))).toEqual([]);
  }, 60_000);
});

describe('the session ends with the grant or when left idle', () => {
  it('closes the session at the next page once the grant has ended, and logs it with the pages', async () => {
    const reader = await unit.person('feng', ['reader'], '冯琳');
    const requestId = await unit.grant(reader, {});
    const { readingId } = value(await reader.reading.open({ caseId: unit.caseId }));
    value(await reader.reading.page({ readingId, volume: '正卷', page: 2, widthPx: 300 }));
    // The grant ends in five minutes (a real grant runs whole days; the login would lapse first).
    const end = new Date(unit.clock.now().getTime() + 5 * 60_000).toISOString();
    unit.db().prepare('UPDATE access_requests SET ends_at = ? WHERE id = ?').run(end, Number(requestId));
    unit.clock.advanceMinutes(6);
    expect(await reader.reading.page({ readingId, volume: '正卷', page: 3, widthPx: 300 })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('到期') } });
    expect(unit.db().prepare('SELECT close_reason, closed_at FROM reading_sessions WHERE id = ?').get(readingId)).toMatchObject({ close_reason: 'refused', closed_at: expect.any(String) });
    expect(auditOf('reading.page').filter((e) => e.actor === 'feng').at(-1)).toMatchObject({ outcome: 'denied', detail: expect.stringContaining('正卷 第2页') });
    expect(await reader.reading.page({ readingId, volume: '正卷', page: 2 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已结束') } });
  });

  it('closes the session at the next page once the archive department revokes the grant', async () => {
    const reader = await unit.person('jiang', ['reader'], '蒋华');
    const requestId = await unit.grant(reader, {});
    const { readingId } = value(await reader.reading.open({ caseId: unit.caseId }));
    value(await reader.reading.page({ readingId, volume: '正卷', page: 1, widthPx: 300 }));
    value(await unit.archivist.access.revoke({ requestId, reason: '借阅目的已完成' }));
    expect(await reader.reading.page({ readingId, volume: '正卷', page: 2, widthPx: 300 })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('撤销') } });
    expect(unit.db().prepare('SELECT close_reason FROM reading_sessions WHERE id = ?').get(readingId)).toEqual({ close_reason: 'refused' });
  });

  it('does not let a session move to another terminal', async () => {
    const reader = await unit.person('shen', ['reader'], '沈洁');
    await unit.grant(reader, {});
    const { readingId } = value(await reader.reading.open({ caseId: unit.caseId }));
    unit.db().prepare("UPDATE reading_sessions SET terminal_id = 'T-000000000000' WHERE id = ?").run(readingId);
    expect(await reader.reading.page({ readingId, volume: '正卷', page: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('打开它的终端') } });
  });

  it('ends the session a person left open when they open another at the same terminal, listing its pages', async () => {
    const reader = await unit.person('han', ['reader'], '韩梅');
    await unit.grant(reader, {});
    const first = value(await reader.reading.open({ caseId: unit.caseId }));
    value(await reader.reading.page({ readingId: first.readingId, volume: '正卷', page: 3, widthPx: 300 }));
    value(await reader.reading.open({ caseId: unit.caseId }));
    expect(unit.db().prepare('SELECT close_reason FROM reading_sessions WHERE id = ?').get(first.readingId)).toEqual({ close_reason: 'superseded' });
    expect(auditOf('reading.open').filter((e) => e.actor === 'han').at(-1)).toMatchObject({ outcome: 'ok', detail: expect.stringContaining(`${first.readingId}（已查阅：正卷 第3页）`) });
  });

  it('logs the pages of a session nobody closed once its idle limit has passed', async () => {
    const reader = await unit.person('yang', ['reader'], '杨帆');
    await unit.grant(reader, {});
    const { readingId } = value(await reader.reading.open({ caseId: unit.caseId }));
    value(await reader.reading.page({ readingId, volume: '正卷', page: 6, widthPx: 300 }));
    const lastSeen = (unit.db().prepare('SELECT last_seen_at FROM reading_sessions WHERE id = ?').get(readingId) as { last_seen_at: string }).last_seen_at;
    // The window went away without reading.close; later someone else opens the reading room.
    unit.clock.advanceMinutes(30);
    const next = await unit.signInAgain('liu');
    value(await next.reading.close({ readingId: value(await next.reading.open({ caseId: unit.caseId })).readingId }));
    expect(unit.db().prepare('SELECT close_reason, closed_at FROM reading_sessions WHERE id = ?').get(readingId)).toEqual({
      close_reason: 'idle',
      closed_at: new Date(Date.parse(lastSeen) + 10 * 60_000).toISOString(),
    });
    expect(auditOf('reading.close').filter((e) => e.actor === 'yang')).toEqual([expect.objectContaining({ outcome: 'ok', detail: expect.stringContaining('正卷 第6页') })]);
  });

  it('ends a session left idle past the unit setting', async () => {
    const reader = await unit.person('chu', ['reader'], '褚云');
    await unit.grant(reader, {});
    const { readingId } = value(await reader.reading.open({ caseId: unit.caseId }));
    value(await reader.reading.page({ readingId, volume: '正卷', page: 1, widthPx: 300 }));
    unit.clock.advanceMinutes(11);
    const again = await unit.signInAgain('chu');
    expect(await again.reading.page({ readingId, volume: '正卷', page: 2 })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('闲置') } });
    expect(unit.db().prepare('SELECT close_reason FROM reading_sessions WHERE id = ?').get(readingId)).toEqual({ close_reason: 'idle' });
  });
});
