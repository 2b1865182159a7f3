import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ApiFailure } from '../contract';
import { registerAccessCommands } from './commands/access';
import { registerAccessExplain, routeExplainUser } from './commands/accessExplain';
import { registerAuditCommands } from './commands/audit';
import { registerCaseCommands } from './commands/cases';
import { registerDossierCommands } from './commands/dossiers';
import { registerErecordCommands } from './commands/erecords';
import { registerFixityCommands } from './commands/fixity';
import { registerMediaCommands } from './commands/media';
import { registerSigningCommands } from './commands/signing';
import { registerScanCommands } from './commands/scan';
import { registerRecordCommands } from './commands/records';
import { registerSetupCommands } from './commands/setup';
import { registerTerminalCommands } from './commands/terminal';
import { registerUserCommands } from './commands/users';
import { CliContext, type RunOptions } from './context';
import { EXIT, exitCodeFor } from './exitCodes';
import { displayWidth } from './format';
import { reportError, type CliIo } from './io';

export type { RunOptions } from './context';

const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function buildProgram(io: CliIo, options: RunOptions = {}): { program: Command; cli: CliContext } {
  const program = new Command('dossier');
  const cli = new CliContext(io, program, options.core);
  // Configured before any subcommand is added, because subcommands copy these settings when created.
  program
    .description('执法案卷归档工作站命令行：与桌面程序同一套权限和审计')
    .version(packageVersion(), '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .option('--data <目录>', '数据目录（默认取 DOSSIER_DATA，否则为本机默认位置）')
    .option('--user <用户名>', '登录用户名（默认取 DOSSIER_USER）；密码取自 DOSSIER_PASSWORD 或终端输入')
    .option('--json', '以 JSON 输出结果，便于脚本处理')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // run() reports usage errors itself, in Chinese and with the documented exit code.
      outputError: () => {},
    })
    .configureHelp({
      showGlobalOptions: true,
      styleTitle: (title) => HELP_TITLES[title] ?? title,
      // eslint-disable-next-line no-control-regex -- strips colour codes before measuring
      displayWidth: (text) => displayWidth(text.replace(/\u001b\[[0-9;]*m/g, '')),
    });

  registerSetupCommands(program, cli);
  registerUserCommands(program, cli);
  registerCaseCommands(program, cli);
  registerDossierCommands(program, cli);
  registerAuditCommands(program, cli);
  registerFixityCommands(program, cli);
  registerSigningCommands(program, cli);
  registerScanCommands(program, cli);
  registerRecordCommands(program, cli);
  registerTerminalCommands(program, cli);
  registerAccessExplain(registerAccessCommands(program, cli), cli);
  registerErecordCommands(program, cli);
  registerMediaCommands(program, cli);
  return { program, cli };
}

/**
 * Runs one CLI invocation in-process and returns its exit code; never throws and never exits, so
 * tests drive it directly and `main.ts` is the only place that touches the real process.
 */
export async function run(argv: readonly string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  // Usage errors can happen before commander has parsed --json, so it is looked for directly.
  const asJson = argv.includes('--json');
  try {
    const { program, cli } = buildProgram(io, options);
    await program.parseAsync(routeExplainUser(argv), { from: 'user' });
    return cli.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end through the same exception, with code 0.
      if (error.exitCode === 0) return EXIT.ok;
      // Help shown because a command group was called without a command: the help says it all.
      if (error.code === 'commander.help') return EXIT.usage;
      reportError(io, { code: 'bad-request', message: `${describeUsageError(error)}。运行 dossier --help 查看用法。` }, asJson);
      return EXIT.usage;
    }
    if (error instanceof ApiFailure) {
      reportError(io, { code: error.code, message: error.message }, asJson);
      return exitCodeFor(error.code);
    }
    const message = error instanceof Error ? error.message : String(error);
    reportError(io, { code: 'internal', message: `程序内部错误：${message}。请将此信息报告给信息中心。` }, asJson);
    if (io.env.DOSSIER_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
}

/** Commander's messages are English; the operators of an archive room read Chinese. */
export function describeUsageError(error: CommanderError): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const suggestion = /\(Did you mean (.+?)\?\)/.exec(error.message)?.[1];
  const hint = suggestion ? `（是否想输入 ${suggestion}？）` : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return `未知选项 ${quoted}${hint}`;
    case 'commander.unknownCommand':
      return `未知命令 ${quoted}${hint}`;
    case 'commander.missingArgument':
      return `缺少参数 <${quoted}>`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted} 缺少取值`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必填选项 ${quoted}`;
    case 'commander.excessArguments':
      return `命令 ${quoted} 的参数过多`;
    case 'commander.invalidArgument': {
      const reason = /is invalid\.\s*(.*)$/s.exec(error.message)?.[1]?.trim();
      const value = /argument '([^']*)' is invalid/.exec(error.message)?.[1] ?? '';
      return `${quoted} 的取值 ${value} 不正确${reason ? `：${reason.replace(/[。.]$/, '')}` : ''}`;
    }
    default:
      return error.message.replace(/^error:\s*/, '');
  }
}
