import type { Command } from 'commander';
import { unwrap, type SessionInfo } from '../../contract';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts } from '../format';
import { protectorFor } from '../keyProtector';

interface InitOptions {
  unit: string;
  fonds: string;
  admin: string;
  adminName?: string;
  department?: string;
}

export function registerSetupCommands(program: Command, cli: CliContext): void {
  program
    .command('init')
    .description('初始设置：登记编制单位和全宗号，创建第一名系统管理员（密码取自 DOSSIER_PASSWORD 或终端输入）')
    .requiredOption('--unit <编制单位>', '编制单位名称')
    .requiredOption('--fonds <全宗号>', '全宗号')
    .requiredOption('--admin <用户名>', '系统管理员的用户名')
    .option('--admin-name <姓名>', '系统管理员的姓名（默认同用户名）')
    .option('--department <部门>', '系统管理员所在部门（默认同编制单位）')
    .action(
      cli.action(async (options: InitOptions) => {
        const password = await cli.newPassword('DOSSIER_PASSWORD', '系统管理员');
        const keyProtector = protectorFor(await cli.keyPassphrase(true), true);
        return cli.withClient({ mustExist: false, keyProtector }, async (api) => {
          const info = unwrap(
            await api.setup.initialize({
              compilingUnit: options.unit,
              fondsNumber: options.fonds,
              admin: {
                username: options.admin,
                displayName: options.adminName ?? options.admin,
                department: options.department ?? options.unit,
                password,
              },
            }),
          );
          cli.print(info, describeSetup);
          return EXIT.ok;
        });
      }),
    );
}

function describeSetup(info: SessionInfo): string {
  return (
    '初始设置完成。\n' +
    renderFacts([
      ['编制单位', info.unit.compilingUnit],
      ['全宗号', info.unit.fondsNumber],
      ['系统管理员', `${info.user.username}（${info.user.displayName}，${info.user.department}）`],
      ['终端编号', info.terminalId],
      ['签章证书', '已创建（私钥以口令保护；用 dossier cert export 导出证书供他人验证）'],
    ])
  );
}
