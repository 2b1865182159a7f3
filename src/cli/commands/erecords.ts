import { constants, copyFileSync, existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { ACTIVITY_TYPES, CLASSIFICATIONS, RETENTION_CLASSES, RETENTION_CLASS_IDS, unwrap, type DisposalDto, type ElectronicRecordDto } from '../../contract';
import { usageError, type CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, renderTable, sanitizeCell } from '../format';
import { protectorFor } from '../keyProtector';

interface RegisterOptions {
  class: string;
  activity: string;
  squad: string;
  party: string;
  case?: string;
  recorder: string;
  ended: string;
  uploaded?: string;
  lateReason?: string;
  classification?: string;
  partyConfirmed?: boolean;
  unit?: string;
}

type View = 'all' | 'late' | 'due' | 'disposed';
const VIEWS: readonly View[] = ['all', 'late', 'due', 'disposed'];

const CLASS_HELP = RETENTION_CLASSES.map((c) => `${c.id}＝${c.kind}·${c.feature.slice(0, 12)}${c.feature.length > 12 ? '…' : ''}（${c.upload}，保存 ${c.retention}）`).join('；');

/**
 * Electronic records (DB3206/T 1060 §6.1.2 Table 2, §4.7.3): registering a recording with the name
 * the standard prescribes, the late-upload and disposal lists, and disposal with a second person's
 * approval that leaves a signed certificate.
 */
export function registerErecordCommands(program: Command, cli: CliContext): void {
  const erecords = program.command('erecords').description('电子记录：按 4.7.3 命名登记、按表 2 计算上传时限和保存期限、到期销毁（审批并出具销毁证明）');

  erecords
    .command('register')
    .description('登记电子记录（音像记录等）：文件原样存入存储区并记录 SHA-256，名称按 DB3206/T 1060 4.7.3 自动生成')
    .argument('[文件...]', '记录文件（可多个），原样存入')
    .requiredOption('--class <种类>', `记录种类和内容特征（表 2）：${CLASS_HELP}`, choice(RETENTION_CLASS_IDS))
    .requiredOption('--activity <活动>', `执法活动：${ACTIVITY_TYPES.join('、')}`, choice(ACTIVITY_TYPES))
    .requiredOption('--squad <中队（室）>', '中队或室，如 稽查一中队、法规室')
    .requiredOption('--party <当事人>', '当事人')
    .option('--case <案件编号>', '案件编号（无案件的只写当事人）')
    .requiredOption('--recorder <记录人>', '记录人')
    .requiredOption('--ended <时间>', '活动结束时间（带时区的 ISO 时间，如 2026-03-05T10:30:00+08:00）；case-evidence-medium 填结案时间，上传时限为结案后一周')
    .option('--uploaded <时间>', '上传时间，默认为现在')
    .option('--late-reason <原因>', '逾期上传的原因（表 2 注：连续工作、异地执行、偏远地区等）')
    .option('--classification <密级>', `密级：${CLASSIFICATIONS.join('、')}，默认非涉密`, choice(CLASSIFICATIONS))
    .option('--party-confirmed', '当事人已签字确认（case-evidence-medium 必需，表 2 备注）')
    .option('--unit <单位名称>', '市（县）烟草专卖局，默认为本单位编制单位')
    .action(
      cli.action(async (files: string[], o: RegisterOptions) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(
            await api.erecords.register({
              retentionClass: o.class as (typeof RETENTION_CLASS_IDS)[number],
              activityType: o.activity as (typeof ACTIVITY_TYPES)[number],
              unitName: o.unit ?? '',
              squad: o.squad,
              party: o.party,
              caseNumber: o.case ?? '',
              recorder: o.recorder,
              endedAt: o.ended,
              uploadedAt: o.uploaded,
              lateReason: o.lateReason ?? '',
              classification: (o.classification ?? '非涉密') as (typeof CLASSIFICATIONS)[number],
              partyConfirmed: o.partyConfirmed === true,
              paths: files.map((f) => cli.resolvePath(f)),
            }),
          );
          cli.print(r, describeRecord);
          return EXIT.ok;
        }),
      ),
    );

  erecords
    .command('list')
    .description('列出电子记录：全部、逾期上传（late）、保存期满待销毁（due）或已销毁（disposed）')
    .option('--view <视图>', 'all、late、due 或 disposed', choice(VIEWS), 'all')
    .option('--search <文字>', '按名称、案件编号、当事人或记录人查找')
    .action(
      cli.action(async (o: { view: View; search?: string }) =>
        cli.withSession(async ({ api }) => {
          const rows = unwrap(await api.erecords.list({ view: o.view, query: o.search ?? '' }));
          cli.print(rows, describeList);
          return EXIT.ok;
        }),
      ),
    );

  erecords
    .command('dispose-request')
    .description('申请销毁保存期满的电子记录（表 2 存储期限；未到期或长期保存的不予受理）')
    .argument('<记录编号...>', '电子记录编号（dossier erecords list --view due 可见）')
    .requiredOption('--reason <理由>', '销毁理由')
    .action(
      cli.action(async (recordIds: string[], o: { reason: string }) =>
        cli.withSession(async ({ api }) => {
          const d = unwrap(await api.erecords.requestDisposal({ recordIds, reason: o.reason }));
          cli.print(d, (x) => `已提交销毁申请 ${x.id}（${x.records.length} 件），等待审批。审批：dossier erecords approve ${x.id}\n`);
          return EXIT.ok;
        }),
      ),
    );

  erecords
    .command('approve')
    .description('批准销毁申请并执行（不能审批本人的申请；以登录密码再次确认）：删除记录文件，出具签章的销毁证明')
    .argument('<申请编号>', '销毁申请编号（dossier erecords disposals 可见）')
    .option('--note <意见>', '审批意见')
    .action(
      cli.action(async (disposalId: string, o: { note?: string }) => {
        const keyProtector = protectorFor(await cli.keyPassphrase(false), false);
        return cli.withSession(
          async ({ api, confirmPassword }) => {
            const d = unwrap(await api.erecords.approveDisposal({ disposalId, note: o.note ?? '', confirmPassword }));
            cli.print(d, (x) => `已批准并执行销毁申请 ${x.id}：销毁 ${x.records.length} 件电子记录，销毁证明 ${x.certificate?.number ?? ''}。导出证明：dossier erecords certificate ${x.id} --out <文件.pdf>\n`);
            return EXIT.ok;
          },
          { keyProtector },
        );
      }),
    );

  erecords
    .command('reject')
    .description('不予批准销毁申请，须写明理由；记录继续保存')
    .argument('<申请编号>', '销毁申请编号')
    .requiredOption('--reason <理由>', '不予批准的理由')
    .action(
      cli.action(async (disposalId: string, o: { reason: string }) =>
        cli.withSession(async ({ api }) => {
          const d = unwrap(await api.erecords.rejectDisposal({ disposalId, reason: o.reason }));
          cli.print(d, (x) => `已不予批准销毁申请 ${x.id}，${x.records.length} 件记录继续保存。\n`);
          return EXIT.ok;
        }),
      ),
    );

  erecords
    .command('disposals')
    .description('列出销毁申请（待审批的在前）')
    .action(
      cli.action(async () =>
        cli.withSession(async ({ api }) => {
          const rows = unwrap(await api.erecords.disposals({}));
          cli.print(rows, describeDisposals);
          return EXIT.ok;
        }),
      ),
    );

  erecords
    .command('certificate')
    .description('导出已执行的销毁申请的销毁证明（签章的 PDF/A）')
    .argument('<申请编号>', '销毁申请编号')
    .requiredOption('--out <文件>', '保存为这个 PDF 文件（不会覆盖已有文件）')
    .action(
      cli.action(async (disposalId: string, o: { out: string }) => {
        const target = cli.resolvePath(o.out);
        return cli.withSession(async ({ api, openFile }) => {
          const d = unwrap(await api.erecords.disposals({})).find((x) => x.id === disposalId);
          if (!d) throw usageError(`销毁申请 ${disposalId} 不存在。`);
          if (!d.certificate) throw usageError(`销毁申请 ${disposalId} ${d.status === 'pending' ? '尚未审批' : '未获批准'}，没有销毁证明。`);
          if (existsSync(target)) throw usageError(`${target} 已存在，未覆盖。请换一个 --out 文件名。`);
          copyFileSync(openFile(d.certificate.pdf.id).path, target, constants.COPYFILE_EXCL);
          cli.print({ disposalId, number: d.certificate.number, path: target, sha256: d.certificate.pdf.sha256 }, (x) => `已导出销毁证明 ${x.number}：${x.path}\nSHA-256 ${x.sha256}\n`);
          return EXIT.ok;
        });
      }),
    );
}

function choice<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`应为 ${values.join('、')} 之一`);
    return value as T;
  };
}

/** 2026-03-05T02:30:00.000Z → 2026-03-05 10:30, China time, as the unit reads times. */
function chinaTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

const STATUS: Record<ElectronicRecordDto['status'], string> = { kept: '保存中', 'disposal-requested': '待审批销毁', disposed: '已销毁' };
const DISPOSAL_STATUS: Record<DisposalDto['status'], string> = { pending: '待审批', approved: '已批准并销毁', rejected: '不予批准' };

function describeRecord(r: ElectronicRecordDto): string {
  const ended = r.retentionClass === 'case-evidence-medium' ? '结案时间' : '活动结束';
  return renderFacts([
    ['编号', r.id],
    ['名称', r.name],
    ['种类', `${r.kindLabel}（${r.featureLabel}）`],
    [ended, chinaTime(r.endedAt)],
    ['上传时间', `${chinaTime(r.uploadedAt)}${r.isLate ? `（逾期，应于 ${chinaTime(r.uploadDeadline)} 前${r.lateReason ? `；原因：${r.lateReason}` : ''}）` : '（按时）'}`],
    ['保存期限', `${r.retentionLabel}${r.disposalDueOn ? `，至 ${r.disposalDueOn}` : ''}`],
    ['状态', STATUS[r.status]],
    ...r.files.map((f, i) => [i === 0 ? '文件' : '', `${f.name}  ${f.size} 字节  SHA-256 ${f.sha256}`] as const),
  ]);
}

function describeList(rows: ElectronicRecordDto[]): string {
  if (!rows.length) return '没有电子记录。\n';
  return (
    renderTable(rows, [
      { header: '编号', value: (r) => r.id, align: 'right' },
      { header: '名称', value: (r) => sanitizeCell(r.name), maxWidth: 60 },
      { header: '保存期限', value: (r) => r.retentionLabel },
      { header: '到期日', value: (r) => r.disposalDueOn ?? '长期' },
      { header: '上传', value: (r) => (r.isLate ? '逾期' : '按时') },
      { header: '状态', value: (r) => (r.isDue && r.status === 'kept' ? '保存期满' : STATUS[r.status]) },
    ]) + `共 ${rows.length} 件\n`
  );
}

function describeDisposals(rows: DisposalDto[]): string {
  if (!rows.length) return '没有销毁申请。\n';
  return (
    renderTable(rows, [
      { header: '编号', value: (d) => d.id, align: 'right' },
      { header: '申请人', value: (d) => `${d.requestedByName}（${d.requestedBy}）` },
      { header: '申请时间', value: (d) => chinaTime(d.requestedAt) },
      { header: '件数', value: (d) => String(d.records.length), align: 'right' },
      { header: '理由', value: (d) => sanitizeCell(d.reason), maxWidth: 24 },
      { header: '状态', value: (d) => DISPOSAL_STATUS[d.status] },
      { header: '审批人', value: (d) => d.decidedBy ?? '—' },
      { header: '销毁证明', value: (d) => d.certificate?.number ?? '—' },
    ]) + `共 ${rows.length} 份申请\n`
  );
}
