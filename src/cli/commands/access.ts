import { InvalidArgumentError, type Command } from 'commander';
import { MAX_GRANT_DAYS, PLEDGE_TEXT, PLEDGE_VERSION, unwrap, type AccessRequestDto } from '../../contract';
import { usageError, type CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { PromptCancelled } from '../io';
import { renderTable, sanitizeCell } from '../format';

interface RequestOptions {
  purpose: string;
  days: number;
  print?: boolean;
  export?: boolean;
  renews?: string;
}

/** commander sets `print: false` for --no-print and true when absent; only the explicit "no" narrows. */
interface ApproveOptions {
  days?: number;
  print: boolean;
  export: boolean;
  note?: string;
}

type Scope = 'mine' | 'pending' | 'overdue' | 'all';
const SCOPES: readonly Scope[] = ['mine', 'pending', 'overdue', 'all'];

/**
 * Borrowing archived dossiers (DB3206/T 1060 §4.10.2, §4.10.3): the reader asks at a designated
 * terminal, the archive department decides, the reader accepts the confidentiality pledge. Returns
 * the `access` group so that further subcommands (e.g. `access explain`) attach to the same group,
 * also found by `program.commands.find((c) => c.name() === 'access')`.
 */
export function registerAccessCommands(program: Command, cli: CliContext): Command {
  const access = program.command('access').description('借阅已归档卷宗：申请、审批、续借、撤销、保密承诺（DB3206/T 1060 4.10.2、4.10.3）');

  access
    .command('request')
    .description('在指定查阅终端上申请借阅已归档卷宗，等待档案管理部门审批')
    .argument('<案件编号>', '已归档案件的案件编号')
    .requiredOption('--purpose <用途>', '借阅目的，记入申请和审计日志')
    .requiredOption('--days <天数>', `借阅天数（1 到 ${MAX_GRANT_DAYS}）`, parseDays)
    .option('--print', '申请打印')
    .option('--export', '申请导出')
    .option('--renews <申请编号>', '续借：本人对同一案件已批准的借阅申请编号')
    .action(
      cli.action(async (caseNumber: string, options: RequestOptions) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(
            await api.access.request({ caseNumber, purpose: options.purpose, days: options.days, print: options.print === true, export: options.export === true, renews: options.renews }),
          );
          cli.print(r, (x) => `已提交借阅申请 ${x.id}（案件 ${x.caseNumber}，${x.days} 天，${askedScope(x)}）。请等待档案管理部门审批；查看进度：dossier access list\n`);
          return EXIT.ok;
        }),
      ),
    );

  access
    .command('approve')
    .description('批准借阅申请（档案管理部门，不能审批本人的申请；以登录密码再次确认）；可缩短期限、去掉打印或导出')
    .argument('<申请编号>', '借阅申请编号（dossier access list --scope pending 可见）')
    .option('--days <天数>', '批准的天数，不超过申请的天数', parseDays)
    .option('--no-print', '不批准打印')
    .option('--no-export', '不批准导出')
    .option('--note <意见>', '审批意见，记入申请和审计日志')
    .action(
      cli.action(async (requestId: string, options: ApproveOptions) =>
        cli.withSession(async ({ api, confirmPassword }) => {
          const r = unwrap(
            await api.access.approve({
              requestId,
              days: options.days,
              print: options.print === false ? false : undefined,
              export: options.export === false ? false : undefined,
              note: options.note ?? '',
              confirmPassword,
            }),
          );
          cli.print(r, (x) => `已批准借阅申请 ${x.id}：${x.requestedByName}（${x.requestedBy}）借阅 ${x.caseNumber}，${grantScope(x)}，至 ${time(x.grant?.endsAt ?? null)}。\n`);
          return EXIT.ok;
        }),
      ),
    );

  access
    .command('reject')
    .description('不予批准借阅申请（档案管理部门），须写明理由')
    .argument('<申请编号>', '借阅申请编号')
    .requiredOption('--reason <理由>', '不予批准的理由，借阅人可见')
    .action(
      cli.action(async (requestId: string, options: { reason: string }) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(await api.access.reject({ requestId, reason: options.reason }));
          cli.print(r, (x) => `已不予批准借阅申请 ${x.id}（${x.requestedByName}，${x.caseNumber}）。\n`);
          return EXIT.ok;
        }),
      ),
    );

  access
    .command('withdraw')
    .description('撤回本人尚未审批的借阅申请')
    .argument('<申请编号>', '借阅申请编号')
    .action(
      cli.action(async (requestId: string) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(await api.access.withdraw({ requestId }));
          cli.print(r, (x) => `已撤回借阅申请 ${x.id}（${x.caseNumber}）。\n`);
          return EXIT.ok;
        }),
      ),
    );

  access
    .command('revoke')
    .description('撤销借阅授权（档案管理部门），立即生效，须写明理由')
    .argument('<申请编号>', '已批准的借阅申请编号')
    .requiredOption('--reason <理由>', '撤销理由')
    .action(
      cli.action(async (requestId: string, options: { reason: string }) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(await api.access.revoke({ requestId, reason: options.reason }));
          cli.print(r, (x) => `已撤销借阅申请 ${x.id} 的授权（${x.requestedByName}，${x.caseNumber}）。\n`);
          return EXIT.ok;
        }),
      ),
    );

  access
    .command('renew')
    .description('续借：延长已批准的借阅授权（档案管理部门；自原到期时间起，已到期的自现在起；以登录密码再次确认）')
    .argument('<申请编号>', '已批准的借阅申请编号')
    .requiredOption('--days <天数>', `延长的天数（1 到 ${MAX_GRANT_DAYS}）`, parseDays)
    .action(
      cli.action(async (requestId: string, options: { days: number }) =>
        cli.withSession(async ({ api, confirmPassword }) => {
          const r = unwrap(await api.access.renew({ requestId, days: options.days, confirmPassword }));
          cli.print(r, (x) => `已续借 ${x.id}（${x.requestedByName}，${x.caseNumber}）：授权至 ${time(x.grant?.endsAt ?? null)}，累计续借 ${x.grant?.renewals ?? 0} 次。\n`);
          return EXIT.ok;
        }),
      ),
    );

  access
    .command('pledge')
    .description('阅读并接受保密承诺（借阅人本人，首次查阅前；DB3206/T 1060 4.10.3）')
    .argument('<申请编号>', '已批准的借阅申请编号')
    .option('--accept', '接受承诺，不再询问（脚本或无终端时必需）')
    .action(
      cli.action(async (requestId: string, options: { accept?: boolean }) => {
        // With --json the value is stdout's; the text the person reads goes beside the prompt.
        (cli.isJson ? cli.io.stderr : cli.io.stdout).write(`保密承诺书（版本 ${PLEDGE_VERSION}）\n${PLEDGE_TEXT}\n\n`);
        if (!options.accept && !(await agrees(cli))) {
          cli.io.stderr.write('未接受保密承诺，未作记录。接受后方可查阅。\n');
          return EXIT.usage;
        }
        return cli.withSession(async ({ api }) => {
          const r = unwrap(await api.access.pledge({ requestId, version: PLEDGE_VERSION }));
          cli.print(r, (x) => `已接受保密承诺（版本 ${x.grant?.pledge?.version ?? PLEDGE_VERSION}，${time(x.grant?.pledge?.acceptedAt ?? null)}，终端 ${x.grant?.pledge?.terminalId ?? ''}）。\n`);
          return EXIT.ok;
        });
      }),
    );

  access
    .command('list')
    .description('列出借阅申请：本人的，或档案管理部门的待审批、逾期和全部')
    .option('--scope <范围>', 'mine（本人的）、pending（待审批）、overdue（逾期）或 all（全部）', parseScope, 'mine' as Scope)
    .option('--case <案件编号>', '只列这一案件的申请')
    .action(
      cli.action(async (options: { scope: Scope; case?: string }) =>
        cli.withSession(async ({ api }) => {
          const rows = unwrap(await api.access.list({ scope: options.scope, caseNumber: options.case ?? '' }));
          cli.print(rows, describeList);
          return EXIT.ok;
        }),
      ),
    );

  return access;
}

/** y/N on a terminal; without one the person is told to pass --accept (exit 2). */
async function agrees(cli: CliContext): Promise<boolean> {
  if (!cli.io.prompt) throw usageError('没有可以确认的终端。阅读上面的保密承诺书后，加 --accept 表示接受。');
  try {
    return /^(y|yes|是)$/i.test((await cli.io.prompt('是否接受以上保密承诺？(y/N)：')).trim());
  } catch (error) {
    if (error instanceof PromptCancelled) return false;
    throw error;
  }
}

function parseDays(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > MAX_GRANT_DAYS) throw new InvalidArgumentError(`应为 1 到 ${MAX_GRANT_DAYS} 的整数`);
  return n;
}

function parseScope(value: string): Scope {
  if (!(SCOPES as readonly string[]).includes(value)) throw new InvalidArgumentError(`应为 ${SCOPES.join('、')} 之一`);
  return value as Scope;
}

const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

function askedScope(r: AccessRequestDto): string {
  return [r.wantPrint ? '打印' : '', r.wantExport ? '导出' : ''].filter(Boolean).join('、') || '仅查阅';
}

function grantScope(r: AccessRequestDto): string {
  if (!r.grant) return '—';
  return [r.grant.print ? '打印' : '', r.grant.export ? '导出' : ''].filter(Boolean).join('、') || '仅查阅';
}

/** The request's status, and once approved where its grant stands now. */
function statusLabel(r: AccessRequestDto): string {
  if (r.status === 'pending') return '待审批';
  if (r.status === 'rejected') return '不予批准';
  if (r.status === 'withdrawn') return '已撤回';
  switch (r.grant?.state) {
    case 'active':
      return '借阅中';
    case 'expired':
      return '已到期（逾期）';
    case 'revoked':
      return '已撤销';
    default:
      return '未开始';
  }
}

function describeList(rows: AccessRequestDto[]): string {
  if (!rows.length) return '没有借阅申请。\n';
  return (
    renderTable(rows, [
      { header: '编号', value: (r) => r.id, align: 'right' },
      { header: '案件编号', value: (r) => r.caseNumber },
      { header: '档号', value: (r) => r.archivalCode ?? '—' },
      { header: '借阅人', value: (r) => `${r.requestedByName}（${r.requestedBy}）` },
      { header: '目的', value: (r) => sanitizeCell(r.purpose), maxWidth: 24 },
      { header: '天数', value: (r) => String(r.days), align: 'right' },
      { header: '范围', value: (r) => (r.grant ? grantScope(r) : askedScope(r)) },
      { header: '状态', value: statusLabel },
      { header: '授权至', value: (r) => time(r.grant?.endsAt ?? null) },
      { header: '申请时间', value: (r) => time(r.requestedAt) },
    ]) + `共 ${rows.length} 份申请\n`
  );
}
