import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FileRef, LabelSize } from '../../../contract';
import { LABEL_SIZE_LABELS, MEDIUM_KIND_LABELS } from '../../../contract';
import { getUnit } from '../../access/users';
import type { Context } from '../../context';
import { writeRecordPdf } from '../../pdf/writer';
import { removeReadOnlyFile } from '../../scan/convert';
import { withStoredFile } from '../files';
import { recordMediumEvent } from '../history';
import { getMediumByTag, type MediumRow } from '../store';
import { code128Png, qrPayload, qrPng } from './barcodes';
import { drawLabel, type LabelContent } from './draw';
import { labelPageLayout } from './layout';

/**
 * The label sheet for the media named (§6.1.3 b), in tag order as asked, as a PDF/A with the CJK font
 * embedded; kept in the file store (a label printed is part of the medium's history) and returned.
 */
export async function printLabels(ctx: Context, tags: readonly string[], size: LabelSize): Promise<FileRef> {
  const unique = [...new Set(tags)];
  ctx.audit.target = `medium:${unique.length <= 5 ? unique.join(',') : `${unique.slice(0, 5).join(',')}…`}`;
  const media = unique.map((tag) => getMediumByTag(ctx.db, tag));
  const unit = getUnit(ctx.db)!;
  const contents = await Promise.all(media.map((m) => labelContent(m, unit.compilingUnit, unit.fondsNumber)));
  const layout = labelPageLayout(size);
  const tmpPath = path.join(ctx.vault.root, 'tmp', `${randomUUID()}.pdf`);
  const name = `介质标签-${unique[0]}${unique.length > 1 ? `等${unique.length}张` : ''}.pdf`;
  try {
    await writeRecordPdf({
      pages: [],
      withoutScans: true,
      outPath: tmpPath,
      metadata: { title: name.replace(/\.pdf$/, ''), caseNumber: '', recordType: '存储介质标签', author: unit.compilingUnit, createdAt: new Date() },
      beforeEnd: (doc) => {
        contents.forEach((content, i) => {
          const slot = layout.slots[i % layout.slots.length]!;
          if (i % layout.slots.length === 0) doc.addPage({ size: [layout.page.width, layout.page.height], margin: 0 } as PDFKit.PDFDocumentOptions);
          drawLabel(doc, slot, content);
        });
      },
    });
    return withStoredFile(ctx, tmpPath, name, 'application/pdf', (stored) => {
      // The file route hands a label sheet to media.read holders by this row (access/registerFiles.ts).
      ctx.db.prepare('INSERT INTO media_label_sheets (file_id, tags, size, made_by, made_at) VALUES (?, ?, ?, ?, ?)').run(stored.fileId, unique.join(','), size, ctx.user!.username, ctx.nowIso);
      for (const m of media) recordMediumEvent(ctx.db, m.id, { at: ctx.nowIso, actor: ctx.user!.username, action: '打印标签', detail: LABEL_SIZE_LABELS[size] });
      ctx.audit.detail = `${LABEL_SIZE_LABELS[size]}，${unique.length} 张：${unique.join('、')}`;
      return stored.ref;
    });
  } finally {
    removeReadOnlyFile(tmpPath);
  }
}

async function labelContent(m: MediumRow, unit: string, fondsNumber: string): Promise<LabelContent> {
  const [code128, qr] = await Promise.all([code128Png(m.tag), qrPng(qrPayload(m.tag, fondsNumber))]);
  return { tag: m.tag, classification: m.classification, kind: MEDIUM_KIND_LABELS[m.kind], department: m.department, unit, code128, qr };
}
