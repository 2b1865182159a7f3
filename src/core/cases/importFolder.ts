import fs from 'node:fs';
import path from 'node:path';
import type { CaseImportResult } from '../../contract';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { unitRules } from '../dossier/rules';
import { describeIssue } from '../validation';
import { getCaseRow, insertCase, toCaseDto } from './caseStore';
import { resolveInsideFolder } from './folderPaths';
import { caseManifestSchema, MANIFEST_MAX_BYTES, MANIFEST_NAME, type CaseManifest } from './manifest';
import { findCatalogEntry, unknownRecordTypeMessage } from './catalog';
import { asJob } from '../jobs/asJob';
import { insertRecord } from './recordStore';
import { isScanOriginal, readOriginals, StoredOriginals } from './recordScans';

function readManifest(folder: string): CaseManifest {
  if (!path.isAbsolute(folder)) throw new CoreError('bad-request', '请给出案件文件夹的完整路径。', 'folder');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new CoreError('bad-request', `找不到文件夹“${folder}”。`, 'folder');
  }
  if (!stat.isDirectory()) throw new CoreError('bad-request', `“${folder}”不是文件夹。`, 'folder');
  const file = path.join(folder, MANIFEST_NAME);
  if (!fs.existsSync(file)) throw new CoreError('bad-request', `文件夹中没有 ${MANIFEST_NAME}，不是案件文件夹（格式见 docs/case-folder.md）。`, 'folder');
  if (fs.statSync(file).size > MANIFEST_MAX_BYTES) throw new CoreError('bad-request', `${MANIFEST_NAME} 超过 10 MB，请检查文件。`, 'folder');
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CoreError('bad-request', `${MANIFEST_NAME} 不是有效的 JSON：${(e as Error).message}`, 'folder');
  }
  const parsed = caseManifestSchema.safeParse(json);
  if (!parsed.success) {
    const { message, field } = describeIssue(parsed.error, `${MANIFEST_NAME} 有误：`);
    throw new CoreError('bad-request', message, field);
  }
  return parsed.data;
}

/**
 * Imports a case folder as one unit: either the case, its records, all their files and the pages of
 * their scans are in, or nothing is. Everything is checked before the first byte is copied; the scans
 * are then read into pages (a job: progress, cancel) and copied into the file store; one transaction
 * writes the rows. Files copied by a call that fails are removed again through the pipeline's
 * rollback hook. An original that is not a scan (a recording, a PDF) is kept without pages.
 */
export async function importCaseFolder(ctx: Context, folder: string): Promise<CaseImportResult> {
  const manifest = readManifest(folder);
  ctx.audit.target = `case:${manifest.caseNumber}`;
  const sources = manifest.records.map((r, i) => {
    if (!findCatalogEntry(r.type)) throw new CoreError('bad-request', `第 ${i + 1} 件文书：${unknownRecordTypeMessage(r.type)}`, `records.${i}.type`);
    return r.files.map((f, j) => resolveInsideFolder(folder, f, `records.${i}.files.${j}`));
  });
  const assertNew = () => {
    if (ctx.db.prepare('SELECT 1 FROM cases WHERE case_number = ?').get(manifest.caseNumber)) {
      throw new CoreError('conflict', `案件编号“${manifest.caseNumber}”已存在，不能重复导入。`, 'caseNumber');
    }
  };
  assertNew();

  const originals = new StoredOriginals(ctx);
  ctx.onRollback(() => originals.discard());
  const files = manifest.records.flatMap((record, i) => record.files.map((f, j) => ({ source: sources[i]![j]!, name: path.basename(f) })));
  await asJob(ctx, 'import', `导入案件 ${manifest.caseNumber}`, async (control) => {
    const scans = files.filter((f) => isScanOriginal(f.source, f.name));
    const readAll = async () => {
      const read = await readOriginals(ctx.db, scans, { signal: control.signal, onProgress: (done, total) => control.progress(done, total, `读取扫描件 ${done}/${total}`) });
      const pagesOf = new Map(scans.map((f, k) => [f, read[k]!.pages]));
      return files.map((f) => ({ ...f, pages: pagesOf.get(f) ?? [] }));
    };
    await originals.store(files, readAll, control.signal);
    return true;
  });

  const handlers = manifest.handlers.map((h) => ({ name: h.name, userId: h.userId ?? userNamed(ctx, h.name) }));
  const row = ctx.db.transaction(() => {
    assertNew();
    const caseRow = insertCase(ctx.db, { ...manifest, handlers }, manifest.closedOn ? '已结案' : '办理中', ctx.nowIso, ctx.user!.username);
    let from = 0;
    manifest.records.forEach((record, i) => {
      const recordId = insertRecord(ctx.db, caseRow.id, record, ctx.nowIso, `records.${i}.type`);
      originals.link(recordId, from, from + record.files.length);
      from += record.files.length;
    });
    if (manifest.dossier) {
      const d = manifest.dossier;
      ctx.db
        .prepare(
          `INSERT INTO dossier_drafts (case_id, retention, filing_number, compiler, checker, compiled_on, checked_on, statement, stamp_position)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        // The stamp corner is the unit's rule, as for a dossier begun by hand (DB3206/T 1060 §5.5.5).
        .run(caseRow.id, d.retention ?? null, d.filingNumber ?? null, d.compiler ?? null, d.checker ?? null, d.compiledOn ?? null, d.checkedOn ?? null, d.statement ?? null, unitRules(ctx.db).stampPosition);
    }
    return caseRow;
  })();
  const pageCount = originals.stored.reduce((n, s) => n + s.pages.length, 0);
  ctx.audit.detail = `从 ${folder} 导入 ${manifest.records.length} 件文书、${files.length} 个文件、${pageCount} 页`;
  return { case: toCaseDto(ctx.db, getCaseRow(ctx.db, { caseId: String(row.id) })), recordCount: manifest.records.length, fileCount: files.length };
}

/** Links a handler named in case.json to the unit's user of that name, when exactly one matches. */
function userNamed(ctx: Context, name: string): string | null {
  const rows = ctx.db.prepare('SELECT id FROM users WHERE display_name = ? AND is_active = 1').all(name) as { id: number }[];
  return rows.length === 1 ? String(rows[0]!.id) : null;
}
