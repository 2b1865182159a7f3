import type { Command } from 'commander';
import { groupFingerprint, unwrap, type CurrentTerminalDto, type TerminalDto } from '../../contract';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, renderTable, sanitizeCell } from '../format';

interface DesignateOptions {
  revoke?: boolean;
  note?: string;
}

const KIND_LABELS: Record<CurrentTerminalDto['kind'], string> = {
  installation: '工作站本机',
  browser: '浏览器',
  unregistered: '未登记终端',
};

/**
 * This installation's terminal and the designation of reading terminals (DB3206/T 1060 §4.10.2,
 * 指定地点; decision 0012). The CLI runs on the installation, so `show` is the installation's terminal.
 */
export function registerTerminalCommands(program: Command, cli: CliContext): void {
  const terminal = program.command('terminal').description('终端身份与指定查阅终端');

  terminal
    .command('show')
    .description('显示本机的终端编号、公钥指纹，以及是否为指定查阅终端')
    .action(
      cli.action(async () =>
        cli.withSession(async ({ api }) => {
          cli.print(unwrap(await api.terminals.current()), describeCurrent);
          return EXIT.ok;
        }),
      ),
    );

  terminal
    .command('list')
    .description('列出出现过的全部终端（安全保密管理员）')
    .action(
      cli.action(async () =>
        cli.withSession(async ({ api }) => {
          cli.print(unwrap(await api.terminals.list()), describeList);
          return EXIT.ok;
        }),
      ),
    );

  terminal
    .command('designate')
    .description('指定某终端为查阅终端，或用 --revoke 撤销（安全保密管理员；请先核对该终端上显示的指纹）')
    .argument('<终端编号>', '如 T-3F2A91C0B4D2（在该终端上运行 dossier terminal show 或查看“本终端”可见）')
    .option('--revoke', '撤销指定')
    .option('--note <说明>', '地点、用途等说明，记入审计日志')
    .action(
      cli.action(async (terminalId: string, options: DesignateOptions) =>
        cli.withSession(async ({ api }) => {
          const updated = unwrap(await api.terminals.designate({ terminalId, designated: !options.revoke, note: options.note ?? '' }));
          cli.print(updated, (t) =>
            t.isDesignated
              ? `已指定 ${t.id}（指纹 ${groupFingerprint(t.fingerprint)}）为查阅终端。\n`
              : `已撤销 ${t.id}（指纹 ${groupFingerprint(t.fingerprint)}）的查阅终端指定。\n`,
          );
          return EXIT.ok;
        }),
      ),
    );
}

function describeCurrent(t: CurrentTerminalDto): string {
  return renderFacts([
    ['终端编号', t.id],
    ['类型', KIND_LABELS[t.kind]],
    ['公钥指纹', t.fingerprint ? groupFingerprint(t.fingerprint) : '（无）'],
    ['完整指纹', t.fingerprint ?? '（无）'],
    ['查阅终端', t.isDesignated ? '指定查阅终端' : '未指定'],
  ]);
}

function describeList(terminals: TerminalDto[]): string {
  return (
    renderTable(terminals, [
      { header: '终端编号', value: (t) => t.id },
      { header: '类型', value: (t) => KIND_LABELS[t.kind] },
      { header: '指纹', value: (t) => groupFingerprint(t.fingerprint) },
      { header: '名称', value: (t) => sanitizeCell(t.label), maxWidth: 30 },
      { header: '最近出现', value: (t) => t.lastSeenAt.slice(0, 16).replace('T', ' ') },
      { header: '状态', value: (t) => (t.isDesignated ? '指定查阅终端' : '未指定') },
      { header: '说明', value: (t) => sanitizeCell(t.designationNote), maxWidth: 24 },
    ]) + `共 ${terminals.length} 个终端\n`
  );
}
