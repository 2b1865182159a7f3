import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveApi, RecordPageDto } from '../../../src/contract';
import { createCore } from '../../../src/core/createCore';
import { passphraseProtector } from '../../../src/core/pdf/sign';
import type { Core } from '../../../src/core/types';
import { FIXTURE_FOLDER, newCaller, PASSWORD, sampleCase, tempDir, value } from '../../helpers/core';
import { a4Pixels, grayImage, makeGoodScans, textLikePage, type ScanFixtures } from '../scan/fixtures';

let core: Core | undefined;
let dir: string;
afterEach(() => core?.close());

let scans: ScanFixtures;
beforeAll(async () => {
  scans = await makeGoodScans(tempDir());
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function archivist(): Promise<ArchiveApi> {
  dir = tempDir();
  core = createCore({ dataDir: dir, scryptCost: 1024, keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 });
  const admin = core.client(newCaller());
  value(await admin.setup.initialize({ compilingUnit: '南通市烟草专卖局', fondsNumber: 'J032', admin: { username: 'admin', displayName: '管理员', department: '办公室', password: PASSWORD } }));
  value(await admin.users.create({ username: 'liu', displayName: '刘芳', department: '档案室', roles: ['archivist', 'case-officer'], password: PASSWORD }));
  const client = core.client(newCaller());
  value(await client.auth.login({ username: 'liu', password: PASSWORD }));
  return client;
}

async function newRecord(a: ArchiveApi): Promise<{ caseId: string; recordId: string }> {
  const c = value(await a.cases.create(sampleCase()));
  const r = value(await a.records.add({ caseId: c.id, record: { type: '检查(勘验)笔录', title: '现场检查笔录', responsible: '陈立', date: '2024-03-04', documentNumber: '' } }));
  return { caseId: c.id, recordId: r.id };
}

function counts() {
  const raw = new Database(path.join(dir, 'archive.db'), { readonly: true });
  const n = (t: string) => (raw.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n;
  const c = { files: n('files'), links: n('record_files'), pages: n('record_pages') };
  raw.close();
  return c;
}

function storedFiles(): string[] {
  return fs.readdirSync(path.join(dir, 'files'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
}

function storedPath(sha256: string): string {
  return path.join(dir, 'files', sha256.slice(0, 2), sha256);
}

async function thumbnailSize(page: RecordPageDto) {
  const meta = await sharp(Buffer.from(page.thumbnail.replace(/^data:image\/webp;base64,/, ''), 'base64')).metadata();
  return { width: meta.width, height: meta.height, format: meta.format };
}

/** Page sizes in points as pdfinfo reports them, rounded. */
function pdfPageSizes(file: string, pages: number): [number, number][] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
}

describe('records.addScans', () => {
  it('reads JPEG, PNG and a two-page TIFF once, keeps each original byte-identical, and lists pages in order', async () => {
    const a = await archivist();
    const { recordId } = await newRecord(a);
    const r = value(await a.records.addScans({ recordId, inputs: [scans.a4Jpeg, scans.png, scans.multiTiff] }));
    expect(r.pageCount).toBe(4);
    expect(r.added.map((p) => [p.position, p.file.name, p.pageInFile])).toEqual([
      [1, '01-a4.jpg', 0],
      [2, '02-page.png', 0],
      [3, '03-two-pages.tif', 0],
      [4, '03-two-pages.tif', 1],
    ]);
    expect(r.added[0]).toMatchObject({ dpi: 150, dpiSource: 'header', rotation: 0, isBlank: false, hasOcr: false, embedding: '原始字节' });
    expect(r.added[0]!.widthPt).toBeCloseTo(595.3, 0);
    expect(r.added[2]!.embedding).toContain('无损 PNG');
    expect(await thumbnailSize(r.added[0]!)).toMatchObject({ format: 'webp', height: 256 });
    for (const [page, source] of [[r.added[0]!, scans.a4Jpeg], [r.added[1]!, scans.png], [r.added[2]!, scans.multiTiff]] as const) {
      expect(page.file.sha256).toBe(sha(source));
      expect(fs.readFileSync(storedPath(page.file.sha256)).equals(fs.readFileSync(source))).toBe(true);
    }
    // The record lists its three originals and its four pages; the page list is the same as returned.
    const record = value(await a.cases.get({ caseNumber: sampleCase().caseNumber })).records[0]!;
    expect(record.files.map((f) => f.name)).toEqual(['01-a4.jpg', '02-page.png', '03-two-pages.tif']);
    expect(record.pageCount).toBe(4);
    expect(value(await a.records.pages({ recordId }))).toEqual(r.added);
  });

  it('takes a folder in natural order, appends after the pages already there, and flags a blank page', async () => {
    const a = await archivist();
    const { recordId } = await newRecord(a);
    value(await a.records.addScans({ recordId, inputs: [scans.png] }));
    const folder = tempDir();
    fs.copyFileSync(scans.blankJpeg, path.join(folder, '第10页.jpg'));
    fs.copyFileSync(scans.a4Jpeg, path.join(folder, '第2页.jpg'));
    const r = value(await a.records.addScans({ recordId, inputs: [folder] }));
    expect(r.added.map((p) => [p.position, p.file.name, p.isBlank])).toEqual([
      [2, '第2页.jpg', false],
      [3, '第10页.jpg', true],
    ]);
    expect(r.pageCount).toBe(3);
  });

  it('takes the resolution from the header, or the unit’s setting when the header has none', async () => {
    const a = await archivist();
    const { recordId } = await newRecord(a);
    const noDpi = path.join(tempDir(), 'nodpi.jpg');
    await sharp({ create: { width: 600, height: 300, channels: 3, background: '#fff' } }).jpeg().toFile(noDpi);
    const [byDefault] = value(await a.records.addScans({ recordId, inputs: [noDpi] })).added;
    expect(byDefault).toMatchObject({ dpi: 300, dpiSource: 'default', widthPt: 144, heightPt: 72 });
    expect(byDefault!.notes.join()).toContain('未记录分辨率');
    const raw = new Database(path.join(dir, 'archive.db'));
    raw.prepare("INSERT INTO settings (key, value) VALUES ('scan.defaultDpi', '200')").run();
    raw.close();
    const [bySetting] = value(await a.records.addScans({ recordId, inputs: [noDpi] })).added;
    expect(bySetting).toMatchObject({ dpi: 200, dpiSource: 'default', widthPt: 216, heightPt: 108 });
    const [fromHeader] = value(await a.records.addScans({ recordId, inputs: [scans.png] })).added;
    expect(fromHeader).toMatchObject({ dpi: 100, dpiSource: 'header' });
  });

  it('refuses every bad file by name, adds nothing, and leaves nothing in the file store', async () => {
    const a = await archivist();
    const { recordId } = await newRecord(a);
    value(await a.records.addScans({ recordId, inputs: [scans.png] }));
    const before = { counts: counts(), files: storedFiles() };
    const bad = tempDir();
    const corrupt = path.join(bad, '截断.jpg');
    fs.writeFileSync(corrupt, fs.readFileSync(scans.a4Jpeg).subarray(0, 4000));
    const empty = path.join(bad, '空文件.jpg');
    fs.writeFileSync(empty, '');
    const text = path.join(bad, '说明.jpg');
    fs.writeFileSync(text, '这是文字，不是图像');
    const missing = path.join(bad, '不存在.jpg');
    const r = await a.records.addScans({ recordId, inputs: [scans.a4Jpeg, corrupt, empty, text, missing, scans.multiTiff] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const name of ['截断.jpg', '空文件.jpg', '说明.jpg', '不存在.jpg']) expect(r.error.message).toContain(name);
    expect(r.error.message).toContain('没有添加任何页面');
    expect(r.error.message).toContain('其余 2 个文件无误');
    expect(counts()).toEqual(before.counts);
    expect(storedFiles()).toEqual(before.files);
  });

  it('is cancelled from its first progress event and then leaves no rows and no files', async () => {
    const a = await archivist();
    const { recordId } = await newRecord(a);
    const folder = tempDir();
    for (let i = 1; i <= 12; i++) fs.copyFileSync(i % 2 ? scans.a4Jpeg : scans.png, path.join(folder, `${i}.${i % 2 ? 'jpg' : 'png'}`));
    const jobId = randomUUID();
    const stop = core!.onEvent((e) => {
      if (e.type === 'job.progress' && e.jobId === jobId) void a.jobs.cancel({ jobId });
    });
    const r = await a.records.addScans({ recordId, inputs: [folder], jobId });
    stop();
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('已取消') } });
    expect(counts()).toEqual({ files: 0, links: 0, pages: 0 });
    expect(storedFiles()).toEqual([]);
  });

  it('is refused once the record is signed, and in an archived case', async () => {
    const a = await archivist();
    const { caseId, recordId } = await newRecord(a);
    const [page] = value(await a.records.addScans({ recordId, inputs: [scans.a4Jpeg] })).added;
    value(await a.records.convert({ recordId }));
    const readOnly = { ok: false, error: { code: 'read-only', message: expect.stringContaining('已签章') } };
    expect(await a.records.addScans({ recordId, inputs: [scans.png] })).toMatchObject(readOnly);
    expect(await a.records.rotatePage({ recordId, pageId: page!.id, rotation: 90 })).toMatchObject(readOnly);
    expect(await a.records.arrangePages({ recordId, pageIds: [page!.id] })).toMatchObject(readOnly);
    expect(await a.records.ocr({ recordId })).toMatchObject(readOnly);
    // Reading the pages of a signed record is still fine.
    expect(value(await a.records.pages({ recordId }))).toHaveLength(1);

    const other = value(await a.records.add({ caseId, record: { type: '询问笔录', title: '询问笔录', responsible: '陈立', date: '2024-03-05', documentNumber: '' } }));
    // Archiving is the archive department's acceptance (another feature); set the state directly.
    const raw = new Database(path.join(dir, 'archive.db'));
    raw.prepare("UPDATE cases SET state = '已归档' WHERE id = ?").run(Number(caseId));
    raw.close();
    expect(await a.records.addScans({ recordId: other.id, inputs: [scans.png] })).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringContaining('已归档') } });
  });
});

describe('turning and ordering pages', () => {
  it('a turn swaps the page’s sides, the thumbnail turns with it, and the signed PDF shows pages turned and in the new order', async () => {
    const a = await archivist();
    const { recordId } = await newRecord(a);
    const [rotated, a4] = value(await a.records.addScans({ recordId, inputs: [scans.rotatedJpeg, scans.a4Jpeg] })).added;
    // EXIF 6: stored 300 × 200 px at 100 dpi stands upright 144 × 216 pt.
    expect([rotated!.widthPt, rotated!.heightPt]).toEqual([144, 216]);
    const before = await thumbnailSize(rotated!);
    const turned = value(await a.records.rotatePage({ recordId, pageId: rotated!.id, rotation: 90 }));
    expect(turned).toMatchObject({ rotation: 90, widthPt: 216, heightPt: 144 });
    const after = await thumbnailSize(turned);
    expect([after.width, after.height]).toEqual([before.height, before.width]);

    const arranged = value(await a.records.arrangePages({ recordId, pageIds: [a4!.id, rotated!.id] }));
    expect(arranged.map((p) => [p.id, p.position])).toEqual([
      [a4!.id, 1],
      [rotated!.id, 2],
    ]);
    const v = value(await a.records.convert({ recordId }));
    const pdf = storedPath(v.file.sha256);
    expect(pdfPageSizes(pdf, 2)).toEqual([
      [595, 842],
      [216, 144],
    ]);
    // The black block is in the stored top-left corner; EXIF 6 puts it top-right, a further 90° bottom-right.
    const png = path.join(tempDir(), 'p');
    execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '72', '-gray', '-png', '-singlefile', pdf, png]);
    const { data, info } = await sharp(`${png}.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
    const at = (fx: number, fy: number) => data[Math.floor(fy * info.height) * info.width + Math.floor(fx * info.width)]!;
    expect(at(0.95, 0.9)).toBeLessThan(60);
    expect(at(0.05, 0.1)).toBeGreaterThan(200);
    expect(at(0.95, 0.1)).toBeGreaterThan(200);
  });

  it('refuses an order that is not each page exactly once, and keeps corrections on the page they were made on', async () => {
    const a = await archivist();
    const { recordId } = await newRecord(a);
    const [p1, p2, p3] = value(await a.records.addScans({ recordId, inputs: [scans.a4Jpeg, scans.png, scans.blankJpeg] })).added;
    const refused = await a.records.arrangePages({ recordId, pageIds: [p1!.id, p1!.id, '999999'] });
    expect(refused).toMatchObject({ ok: false, error: { field: 'pageIds', message: expect.stringContaining('页面重复') } });
    if (!refused.ok) {
      expect(refused.error.message).toContain('不是本文书的页面');
      expect(refused.error.message).toContain('缺少原第 2、3 页');
    }
    value(await a.records.strike({ recordId, page: 2, region: { x: 0.1, y: 0.2, width: 0.3, height: 0.1 }, reason: '笔误' }));
    value(await a.records.arrangePages({ recordId, pageIds: [p3!.id, p1!.id, p2!.id] }));
    const record = value(await a.cases.get({ caseNumber: sampleCase().caseNumber })).records[0]!;
    // The PNG was page 2 and is now page 3; its correction moved with it.
    expect(record.corrections.map((c) => c.page)).toEqual([3]);
    // A quarter turn of that page turns the struck region with it (fractions of the upright page).
    value(await a.records.rotatePage({ recordId, pageId: p2!.id, rotation: 90 }));
    const turned = value(await a.cases.get({ caseNumber: sampleCase().caseNumber })).records[0]!.corrections[0]!;
    expect(turned.region.x).toBeCloseTo(0.7, 6);
    expect(turned.region.y).toBeCloseTo(0.1, 6);
    expect(turned.region.width).toBeCloseTo(0.1, 6);
    expect(turned.region.height).toBeCloseTo(0.3, 6);
  });
});

describe('records made before pages existed', () => {
  it('get their pages read from the file store the first time they are needed, once', async () => {
    const a = await archivist();
    const imported = value(await a.cases.importFolder({ folder: FIXTURE_FOLDER }));
    expect(counts().pages).toBe(5);
    const records = value(await a.cases.get({ caseId: imported.case.id })).records;
    const inspection = records.find((r) => r.type === '检查(勘验)笔录')!;
    expect(inspection.pageCount).toBe(2);
    // As a database made before migration 0007 has them: files, no pages.
    const raw = new Database(path.join(dir, 'archive.db'));
    raw.prepare('DELETE FROM record_pages').run();
    raw.close();
    const [listed, again] = await Promise.all([a.records.pages({ recordId: inspection.id }), a.records.pages({ recordId: inspection.id })]);
    expect(value(listed).map((p) => [p.position, p.file.name])).toEqual([
      [1, 'page-2.png'],
      [2, 'page-3.png'],
    ]);
    expect(value(again)).toEqual(value(listed));
    expect(counts().pages).toBe(2);
    // Converting another such record reads its pages first, too.
    const other = records.find((r) => r.type === '行政处罚决定书')!;
    expect(value(await a.records.convert({ recordId: other.id }))).toMatchObject({ pageCount: 1 });
    expect(counts().pages).toBe(3);
  });

  it('a case folder import refuses a bad scan by name and keeps a non-image original without pages', async () => {
    const a = await archivist();
    const folder = path.join(tempDir(), 'case');
    fs.cpSync(FIXTURE_FOLDER, folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'scans', 'page-3.png'), 'not a png');
    expect(await a.cases.importFolder({ folder })).toMatchObject({ ok: false, error: { message: expect.stringContaining('page-3.png') } });
    expect(counts()).toEqual({ files: 0, links: 0, pages: 0 });
    expect(storedFiles()).toEqual([]);

    fs.copyFileSync(path.join(FIXTURE_FOLDER, 'scans', 'page-3.png'), path.join(folder, 'scans', 'page-3.png'));
    fs.writeFileSync(path.join(folder, 'scans', '录音说明.txt'), '现场录音见光盘');
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'case.json'), 'utf8'));
    manifest.records[1].files.push('scans/录音说明.txt');
    fs.writeFileSync(path.join(folder, 'case.json'), JSON.stringify(manifest));
    const result = value(await a.cases.importFolder({ folder, jobId: randomUUID() }));
    expect(result.fileCount).toBe(6);
    const inspection = value(await a.cases.get({ caseId: result.case.id })).records.find((r) => r.type === '检查(勘验)笔录')!;
    expect(inspection.files.map((f) => f.name)).toEqual(['page-2.png', 'page-3.png', '录音说明.txt']);
    expect(inspection.pageCount).toBe(2);
  });
});

describe('a page with a different size in the middle', () => {
  it('keeps its own physical size in the signed PDF', async () => {
    const a = await archivist();
    const { recordId } = await newRecord(a);
    const small = a4Pixels(100);
    const landscape = path.join(tempDir(), 'landscape.png');
    await grayImage(textLikePage(small.height, small.width, 5), small.height, small.width).png().withDensity(100).toFile(landscape);
    value(await a.records.addScans({ recordId, inputs: [scans.a4Jpeg, landscape, scans.png] }));
    const v = value(await a.records.convert({ recordId }));
    expect(pdfPageSizes(storedPath(v.file.sha256), 3)).toEqual([
      [595, 842],
      [842, 595],
      [595, 842],
    ]);
  });
});
