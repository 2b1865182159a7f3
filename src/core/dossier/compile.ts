import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CompiledVolumeDto, DossierCompileResult, Volume } from '../../contract';
import { asJob } from '../jobs/asJob';
import { ocrOf, pageRowsOf, placedPageOf } from '../cases/recordPages';
import { correctionsOf } from '../cases/recordVersions';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { throwIfCancelled } from '../jobs/jobs';
import { removeReadOnlyFile, writeSignedPdf, type SignedPdf, type StrikeMark } from '../scan/convert';
import { loadPdfkit, prefetchFont } from '../pdf/writer';
import { unitSignerAsync } from '../signing/unitSigner';
import type { PageStamp } from './pagination';
import { dossierFindings, statementOf, type DossierState } from './assemble';
import { drawArchivalCover, drawContents, drawDossierCover, drawPageStamp, drawRemarksSheet, type ContentsRow } from './forms';
import { formatVolumeNumber } from './numbers';
import { contentsRemark } from './statement';
import { compiledVolumes } from './volumes';

/**
 * Compiles a dossier: one certified, read-only PDF/A per volume with, in order, the archival cover,
 * the dossier cover, the contents, the records' pages with their numbers stamped, and the remarks
 * sheet (DB3206/T 1060 §5.5; DOMAIN.md "Dossier rules"). The records' pages are written again from
 * the page model their signed versions were made from (decision 0008), with the same text layer and
 * strike-throughs, so nothing is merged from other PDFs and memory stays bounded by the writer.
 * The contents' ranges, the stamps and the cover counts all come from `s.pagination`.
 */
export async function compileDossier(ctx: Context, s: DossierState, signing: () => ReturnType<typeof unitSignerAsync> = () => unitSignerAsync(ctx, '生成签章 PDF')): Promise<DossierCompileResult> {
  const errors = dossierFindings(ctx.db, s, 'compile').filter((f) => f.level === 'error');
  if (errors.length) {
    throw new CoreError('bad-request', `组卷前检查未通过，请先处理：\n${errors.map((f) => `· ${f.message}`).join('\n')}`, errors[0]!.field);
  }
  // Unsealing the key is a scrypt (~0.4 s at N = 2^17): an acceptance passes the one it signs its report with.
  // The PDF writer loads while the key is unsealed (decision 0017).
  loadPdfkit().catch(() => undefined);
  // Every volume has forms to draw: the font is read on libuv's pool meanwhile (decision 0021).
  void prefetchFont();
  const { identity, signer, unit } = await signing();
  const volumes = (['正卷', '副卷'] as const).filter((v) => s.volumes[v].length > 0);
  const outs = new Map(volumes.map((v) => [v, path.join(ctx.vault.root, 'tmp', `${randomUUID()}.pdf`)]));
  let written: Map<Volume, WrittenVolume>;
  let jobId: string;
  try {
    ({ jobId, value: written } = await asJob(ctx, 'compile', `组卷：${s.caseRow.case_number}`, async (control) => {
      const results = new Map<Volume, WrittenVolume>();
      for (const volume of volumes) {
        throwIfCancelled(control.signal);
        results.set(volume, await writeVolume(ctx, s, volume, outs.get(volume)!, { signer, signerName: identity.subject, location: unit.compilingUnit, compilingUnit: unit.compilingUnit, fondsNumber: unit.fondsNumber }, control));
      }
      return results;
    }));
  } catch (error) {
    for (const out of outs.values()) removeReadOnlyFile(out);
    throw error;
  }

  const stored: { volume: Volume; sha256: string; size: number; isNew: boolean }[] = [];
  try {
    for (const volume of volumes) {
      // The signer hashed the final bytes; the file moves into the store under that hash, not copied again.
      const out = outs.get(volume)!;
      try {
        stored.push({ volume, ...ctx.vault.adopt(out, written.get(volume)!.sha256) });
      } finally {
        removeReadOnlyFile(out);
      }
    }
    ctx.db.transaction(() => {
      ctx.db.prepare('UPDATE dossier_volumes SET is_current = 0 WHERE case_id = ? AND is_current = 1').run(s.caseRow.id);
      for (const st of stored) {
        const signed = written.get(st.volume)!;
        const p = s.pagination[st.volume];
        const fileId = Number(
          ctx.db
            .prepare("INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, ?, ?, 'application/pdf', ?)")
            .run(st.sha256, st.size, `${s.caseRow.case_number}-${st.volume}.pdf`, ctx.nowIso).lastInsertRowid,
        );
        const edition = (ctx.db.prepare('SELECT COALESCE(MAX(edition), 0) + 1 AS n FROM dossier_volumes WHERE case_id = ? AND volume = ?').get(s.caseRow.id, st.volume) as { n: number }).n;
        const layout = {
          ranges: s.volumes[st.volume].map((r, i) => ({ recordId: r.recordId, title: r.row.title, version: r.signedVersion, pageRange: p.records[i]!.pageRange })),
          formPages: signed.formPages,
        };
        ctx.db
          .prepare(
            `INSERT INTO dossier_volumes (case_id, volume, edition, file_id, item_count, page_count, layout, signer_fingerprint, signed_at, compiled_by, compiled_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(s.caseRow.id, st.volume, edition, fileId, p.itemCount, p.pageCount, JSON.stringify(layout), signed.signer.fingerprint, signed.signedAt, ctx.user!.username, ctx.nowIso);
      }
    })();
  } catch (error) {
    for (const st of stored) if (st.isNew) ctx.vault.discard(st.sha256);
    throw error;
  }
  const compiled: CompiledVolumeDto[] = compiledVolumes(ctx.db, s.caseRow.id);
  ctx.audit.detail = compiled.map((v) => `${v.volume}第 ${v.edition} 版 ${v.itemCount} 件 ${v.pageCount} 页，SHA-256 ${v.file.sha256.slice(0, 16)}…`).join('；');
  return { jobId, volumes: compiled };
}

interface SigningParts {
  signer: Parameters<typeof writeSignedPdf>[0]['signer'];
  signerName: string;
  location: string;
  compilingUnit: string;
  fondsNumber: string;
}

type WrittenVolume = SignedPdf & { formPages: CompiledVolumeDto['formPages'] };

async function writeVolume(ctx: Context, s: DossierState, volume: Volume, outPath: string, sign: SigningParts, control: Parameters<typeof writeSignedPdf>[0]['control']): Promise<WrittenVolume> {
  const { caseRow, row } = s;
  const records = s.volumes[volume];
  const pagination = s.pagination[volume];
  const pages: Parameters<typeof writeSignedPdf>[0]['pages'][number][] = [];
  const ocr: ReturnType<typeof ocrOf>[] = [];
  const marks: StrikeMark[] = [];
  const stamps: (PageStamp | null)[] = [];
  const firstPageOf = new Map<number, string>();
  records.forEach((r, k) => {
    const rows = pageRowsOf(ctx.db, Number(r.recordId));
    // The volume's pagination was made from the signed version; the page model it came from must agree.
    if (rows.length !== r.pages.length) throw new CoreError('conflict', `《${r.row.title}》的页面与其签章版本不一致（${rows.length} 页 / ${r.pages.length} 页），请重新生成签章 PDF 后再组卷。`, `record:${r.recordId}`);
    firstPageOf.set(pages.length, `${k + 1}. ${r.row.title}`);
    for (const m of correctionsOf(ctx.db, Number(r.recordId))) marks.push({ page: pages.length + m.page, region: m.region, reason: m.reason });
    for (const pr of rows) {
      pages.push(placedPageOf(pr, (sha) => ctx.vault.pathOf(sha)));
      ocr.push(ocrOf(pr));
    }
    stamps.push(...pagination.records[k]!.stamps);
  });
  const handlers = (ctx.db.prepare('SELECT name FROM case_handlers WHERE case_id = ? ORDER BY position').all(caseRow.id) as { name: string }[]).map((h) => h.name);
  const volumeNumber = row.volume_year ? formatVolumeNumber({ year: row.volume_year, serial: row.volume_serial! }) : '';
  const contents: ContentsRow[] = records.map((r, i) => {
    const p = pagination.records[i]!;
    return { sequence: i + 1, documentNumber: r.row.document_number, responsible: r.row.responsible, title: r.row.title, date: r.row.date, pageRange: p.pageRange, remark: contentsRemark(p.blankPages, r.signedVersion) };
  });
  const party = (JSON.parse(caseRow.party) as { name?: string }).name ?? '';
  let contentsPages = 0;
  const signed = await writeSignedPdf({
    pages,
    ocr,
    marks,
    outPath,
    metadata: { title: `${caseRow.case_number} ${volume}`, caseNumber: caseRow.case_number, recordType: `卷宗（${volume}）`, author: sign.compilingUnit },
    signer: sign.signer,
    signerName: sign.signerName,
    location: sign.location,
    control,
    now: () => new Date(),
    frontPages: (doc) => {
      drawArchivalCover(doc, { compilingUnit: sign.compilingUnit, cause: caseRow.cause, filingNumber: row.filing_number ?? '', retention: row.retention ?? '', fondsNumber: sign.fondsNumber, classCode: row.class_code ?? '', volumeNumber, volume, itemCount: pagination.itemCount, pageCount: pagination.pageCount });
      drawDossierCover(doc, { compilingUnit: sign.compilingUnit, volumeNumber, volume, cause: caseRow.cause, party, disposition: caseRow.disposition, openedOn: caseRow.opened_on, closedOn: caseRow.closed_on, handlers, retention: row.retention ?? '' });
      contentsPages = drawContents(doc, contents, volume);
    },
    overlay: (doc, i, geometry) => {
      const title = firstPageOf.get(i);
      // A bookmark per record (issue 4 item 6), pointing at its first page.
      if (title) doc.outline.addItem(title);
      const stamp = stamps[i];
      if (stamp) drawPageStamp(doc, stamp, geometry.widthPt, geometry.heightPt);
    },
    afterPages: (doc) => drawRemarksSheet(doc, { statement: statementOf(s), compiler: row.compiler ?? '', compiledOn: row.compiled_on, checker: row.checker ?? '', checkedOn: row.checked_on }, volume),
  });
  // The volume's order: 档案封面, 卷宗封面, the contents, the records' pages, the remarks sheet.
  const lastContents = 2 + contentsPages;
  return { ...signed, formPages: { archivalCover: 1, dossierCover: 2, contents: { first: 3, last: lastContents }, remarks: lastContents + pages.length + 1 } };
}
