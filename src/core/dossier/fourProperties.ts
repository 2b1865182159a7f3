import fs from 'node:fs';
import path from 'node:path';
import type { CompiledVolumeDto, FourPropertyItemDto, Procedure } from '../../contract';
import { getUnit } from '../access/users';
import { verifyAudit } from '../audit/verify';
import type { Context } from '../context';
import { verifyCertifiedPdf } from '../pdf/sign';
import { unitTrustAnchors } from '../signing/store';
import type { DossierState } from './assemble';
import { missingSerials, parseFilingNumber, parseVolumeNumber, formatVolumeNumber } from './numbers';
import { preflightPdf } from './preflight';
import { missingRequired } from './requiredRecords';
import { allFilingNumbers } from './store';

/**
 * 四性检测 on acceptance (DA/T 70-2018 电子档案移交与接收办法, as issue 4 item 7 lists it): authenticity,
 * integrity, usability and security, each item passed or failed with its reason in Chinese. Every
 * item runs; only a dossier that passes all of them may be archived.
 */
export async function checkFourProperties(ctx: Context, s: DossierState, volumes: CompiledVolumeDto[], signal: AbortSignal): Promise<FourPropertyItemDto[]> {
  const items: FourPropertyItemDto[] = [];
  const add = (property: FourPropertyItemDto['property'], item: string, problems: string[], ok: string) =>
    items.push({ property, item, passed: problems.length === 0, detail: problems.length ? problems.join('；') : ok });
  const anchors = unitTrustAnchors(ctx.db);
  const { row, caseRow } = s;

  // 真实性: signatures and digests, metadata formats, 档号 unique.
  const volumeProblems: string[] = [];
  for (const v of volumes) {
    const r = await verifyCertifiedPdf(ctx.vault.pathOf(v.file.sha256), anchors);
    if (!r.isValid) volumeProblems.push(`${v.volume}：${r.reasons.join('，')}`);
    else if (r.fileSha256 !== v.file.sha256) volumeProblems.push(`${v.volume}：文件摘要与登记的 SHA-256 不一致`);
  }
  add('真实性', '卷宗签章与摘要', volumeProblems, `${volumes.length} 卷签章有效，SHA-256 与登记一致`);
  if (signal.aborted) return items;

  const recordProblems: string[] = [];
  const versions = ctx.db
    .prepare(
      `SELECT r.title, f.sha256 FROM record_versions v JOIN records r ON r.id = v.record_id JOIN files f ON f.id = v.file_id
       WHERE r.case_id = ? AND r.removed_at IS NULL AND v.version = (SELECT MAX(version) FROM record_versions WHERE record_id = v.record_id)`,
    )
    .all(caseRow.id) as { title: string; sha256: string }[];
  for (const v of versions) {
    const r = await verifyCertifiedPdf(ctx.vault.pathOf(v.sha256), anchors);
    if (!r.isValid || r.fileSha256 !== v.sha256) recordProblems.push(`《${v.title}》：${r.reasons.join('，') || '摘要不一致'}`);
  }
  add('真实性', '文书签章与摘要', recordProblems, `${versions.length} 份文书的签章版本有效`);

  const formatProblems: string[] = [];
  if (!parseFilingNumber(row.filing_number ?? '')) formatProblems.push(`归档号“${row.filing_number ?? ''}”格式不对`);
  const volumeNumber = row.volume_year ? formatVolumeNumber({ year: row.volume_year, serial: row.volume_serial! }) : '';
  if (!parseVolumeNumber(volumeNumber)) formatProblems.push('案卷号未分配或格式不对');
  for (const [label, date] of [['立案日期', caseRow.opened_on], ['结案日期', caseRow.closed_on]] as const) {
    if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) formatProblems.push(`${label}“${date}”格式不对`);
  }
  add('真实性', '元数据格式', formatProblems, '归档号、案卷号、日期格式正确');

  const sameCode = ctx.db
    .prepare('SELECT COUNT(*) AS n FROM dossier_drafts WHERE class_code = ? AND volume_year = ? AND volume_serial = ? AND case_id <> ?')
    .get(row.class_code, row.volume_year, row.volume_serial, caseRow.id) as { n: number };
  add('真实性', '档号唯一', sameCode.n ? ['另有卷宗使用相同档号'] : [], '档号在本全宗内唯一');

  // 完整性: counts, required metadata, 归档号 continuous within the year, required records.
  const countProblems: string[] = [];
  const preflights = new Map<string, Awaited<ReturnType<typeof preflightPdf>>>();
  for (const v of volumes) {
    const p = s.pagination[v.volume];
    const scanPages = p.records.reduce((n, r) => n + r.stamps.length, 0);
    const pre = await preflightPdf(ctx.vault.pathOf(v.file.sha256));
    preflights.set(v.volume, pre);
    if (v.itemCount !== p.itemCount || v.pageCount !== p.pageCount) countProblems.push(`${v.volume}登记 ${v.itemCount} 件 ${v.pageCount} 页，实际 ${p.itemCount} 件 ${p.pageCount} 页`);
    // Two covers, at least one contents page and the remarks sheet around the records' pages.
    if (pre.pageCount < scanPages + 4) countProblems.push(`${v.volume} PDF 只有 ${pre.pageCount} 页，少于文书页 ${scanPages} 页加封面、目录和备考表`);
  }
  add('完整性', '件数与页数', countProblems, volumes.map((v) => `${v.volume} ${v.itemCount} 件 ${v.pageCount} 页`).join('，'));

  const unit = getUnit(ctx.db);
  const required: [string, unknown][] = [
    ['编制单位', unit?.compilingUnit],
    ['全宗号', unit?.fondsNumber],
    ['案由', caseRow.cause],
    ['归档号', row.filing_number],
    ['保管期限', row.retention],
    ['分类号', row.class_code],
    ['案卷号', volumeNumber],
    ['立卷人', row.compiler],
    ['检查人', row.checker],
  ];
  add('完整性', '必备元数据', required.filter(([, v]) => !v).map(([k]) => `缺少${k}`), '封面与备考表的必填项齐全');

  const filing = parseFilingNumber(row.filing_number ?? '');
  const gaps = filing ? missingSerials(filing.year, allFilingNumbers(ctx.db).map(parseFilingNumber)).filter((n) => n < filing.serial) : [];
  add('完整性', '归档号连续', gaps.length ? [`${filing!.year} 年缺少流水号 ${gaps.map((n) => String(n).padStart(4, '0')).join('、')}`] : [], '本年度归档号连续');

  const bound = [...s.volumes['正卷'], ...s.volumes['副卷']].map((r) => r.typeNumber);
  add('完整性', '必备文书', missingRequired(caseRow.procedure as Procedure, bound, s.rules.requiredRecords).filter((r) => r.level === 'error').map((r) => `缺少${r.label}`), '程序要求的文书齐全');

  // 可用性: PDF/A structure, every file opens.
  const usability: string[] = [];
  for (const [volume, pre] of preflights) if (pre.problems.length) usability.push(`${volume}：${pre.problems.join('，')}`);
  add('可用性', 'PDF/A 结构检查', usability, 'PDF/A-2 标识、输出意图、字体全部嵌入，无加密、无脚本');

  // 安全性: no unexpected files, the process recorded.
  const tmp = path.join(ctx.vault.root, 'tmp');
  const leftovers = fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
  const missingFiles = [...volumes.map((v) => v.file.sha256), ...versions.map((v) => v.sha256)].filter((sha) => !fs.existsSync(ctx.vault.pathOf(sha)));
  add('安全性', '无多余或缺失文件', [...(leftovers.length ? [`存储区临时目录有 ${leftovers.length} 个未知文件`] : []), ...(missingFiles.length ? [`${missingFiles.length} 个文件缺失`] : [])], '卷宗文件齐全，存储区无多余文件');
  const audit = verifyAudit(ctx.db, undefined, []);
  const compiledLogged = ctx.db.prepare("SELECT 1 FROM audit_log WHERE action = 'dossiers.compile' AND outcome = 'ok' AND target = ?").get(`case:${caseRow.case_number}/dossier`);
  add('安全性', '过程记录', [...(audit.isIntact ? [] : [`审计日志完整性校验失败：${audit.broken?.reason ?? ''}`]), ...(compiledLogged ? [] : ['审计日志中没有组卷记录'])], `审计日志完整（${audit.count} 条），组卷过程已记录`);
  return items;
}
