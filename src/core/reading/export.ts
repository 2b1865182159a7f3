import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReadingExportDto } from '../../contract';
import type { Context } from '../context';
import { asJob } from '../jobs/asJob';
import { throwIfCancelled } from '../jobs/jobs';
import { writeRecordPdf } from '../pdf/writer';
import type { PlacedScanPage } from '../scan/types';
import { openPdf } from './render';
import { renderPage } from './render';
import type { SessionVolume } from './sessions';
import { watermarkText, type Watermark } from './watermark';

/** Pages of an export are drawn at this resolution: legible print, a file that stays moderate. */
export const EXPORT_DPI = 150;

export interface ExportRequest {
  readingId: string;
  username: string;
  requestId: number | null;
  caseNumber: string;
  volume: SessionVolume;
  watermark: Watermark;
}

/**
 * reading.export (issue 5 item 5): a PDF of the volume whose every page is the watermarked image,
 * so the watermark cannot be taken off as a layer and nothing of the original (text, signature) goes
 * out. Pages are drawn one at a time to JPEG files in a private folder under the store's tmp/, then
 * written with the project's PDF writer (temp name, fsync, rename) and moved into the store under
 * their hash. A failed or cancelled job removes the folder and the file and inserts nothing.
 */
export async function exportVolume(ctx: Context, req: ExportRequest): Promise<ReadingExportDto & { jobId: string }> {
  const tmpRoot = path.join(ctx.vault.root, 'tmp');
  const workDir = path.join(tmpRoot, `reading-export-${randomUUID()}`);
  const outPath = path.join(tmpRoot, `${randomUUID()}.pdf`);
  const label = `导出：${req.caseNumber} ${req.volume.volume}`;
  let written: { sha256: string; pageCount: number };
  let jobId: string;
  try {
    ({ jobId, value: written } = await asJob(ctx, 'reading-export', label, async (control) => {
      fs.mkdirSync(workDir, { mode: 0o700 });
      const total = req.volume.pageCount;
      const pages: PlacedScanPage[] = [];
      const opened = await openPdf(ctx.vault.pathOf(req.volume.sha256));
      try {
        for (let n = 1; n <= total; n++) {
          throwIfCancelled(control.signal);
          const page = await renderPage(opened, n, { dpi: EXPORT_DPI, watermark: req.watermark, quality: 85 });
          const file = path.join(workDir, `${n}.jpg`);
          fs.writeFileSync(file, page.jpeg, { mode: 0o600 });
          pages.push(placedJpeg(file, page));
          control.progress(n, total * 2, `绘制第 ${n} 页（共 ${total} 页）`);
        }
      } finally {
        await opened.close();
      }
      throwIfCancelled(control.signal);
      const result = await writeRecordPdf({
        pages,
        outPath,
        signal: control.signal,
        metadata: { title: `${req.caseNumber} ${req.volume.volume}（查阅导出件）`, caseNumber: req.caseNumber, recordType: '查阅导出件', subject: watermarkText(req.watermark), createdAt: req.watermark.at },
        onProgress: (done) => control.progress(total + done, total * 2, `写入第 ${done} 页（共 ${total} 页）`),
      });
      return { sha256: await sha256Of(outPath), pageCount: result.pageCount };
    }));
  } catch (error) {
    fs.rmSync(outPath, { force: true });
    throw error;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  const name = `${req.caseNumber}-${req.volume.volume}-查阅导出件-${req.username}.pdf`;
  let stored: ReturnType<Context['vault']['adopt']> | undefined;
  try {
    stored = ctx.vault.adopt(outPath, written.sha256);
    const file = stored;
    const fileId = ctx.db.transaction(() => {
      const id = Number(
        ctx.db.prepare("INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, 'application/pdf', ?)").run(written.sha256, file.size, name, ctx.nowIso).lastInsertRowid,
      );
      ctx.db.prepare('INSERT INTO reading_exports (file_id, reading_id, username, request_id, created_at) VALUES (?, ?, ?, ?, ?)').run(id, req.readingId, req.username, req.requestId, ctx.nowIso);
      return id;
    })();
    return { jobId, fileId: String(fileId), name, pageCount: written.pageCount, sha256: written.sha256 };
  } catch (error) {
    if (stored?.isNew) ctx.vault.discard(written.sha256);
    throw error;
  } finally {
    fs.rmSync(outPath, { force: true });
  }
}

/** A rendered page as the writer places a scan: the JPEG untouched, at the page's own size in points. */
function placedJpeg(file: string, page: { widthPx: number; heightPx: number; widthPt: number; heightPt: number }): PlacedScanPage {
  return {
    file,
    format: 'jpeg',
    pageInFile: 0,
    pixelWidth: page.widthPx,
    pixelHeight: page.heightPx,
    orientation: 1,
    resolution: { x: (page.widthPx / page.widthPt) * 72, y: (page.heightPx / page.heightPt) * 72, source: 'header' },
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    colour: 'rgb',
    embed: { kind: 'passthrough' },
  };
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
