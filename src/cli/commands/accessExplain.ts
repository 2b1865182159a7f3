import { Option, type Command } from 'commander';
import { ACCESS_ACTIONS, GRANT_FACT_LABELS, unwrap, type AccessAction, type AccessExplainDto } from '../../contract';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';


/**
 * `access explain`: the one policy's answer for a person, an action, a case and a terminal, with the
 * reason and the facts it used (issue 5 item 8). Exit 0 when allowed, 3 when refused, so a script
 * can ask before it acts. For the security administrator and the auditor; it shows no case content.
 */
export function registerAccessExplain(access: Command, cli: CliContext): void {
  access
    .command('explain')
    .description('查询访问策略：某人在某终端上能否对某案件进行某项操作，及其理由（允许退出码 0，拒绝 3）')
    // Written `--user` as issue 5 item 8 says; routeExplainUser hands it over as --subject.
    .addOption(new Option('--subject <用户名>', '要查询的人员').hideHelp().makeOptionMandatory())
    .addHelpText('after', '\n  --user <用户名>（写在 explain 之后）  要查询的人员（登录用户请在命令之前用全局 --user 或 DOSSIER_USER 指定）')
    .requiredOption('--action <操作>', ACCESS_ACTIONS.join('、'))
    .requiredOption('--case <案件编号>', '案件编号')
    .option('--terminal <终端编号>', '终端编号（默认本终端），例如 T-3F2A91C0B4D2')
    .action(
      cli.action(async (options: { subject: string; action: string; case: string; terminal?: string }) =>
        cli.withSession(async ({ api }) => {
          const answer = unwrap(
            await api.access.explain({ username: options.subject, action: options.action as AccessAction, caseNumber: options.case, ...(options.terminal ? { terminalId: options.terminal } : {}) }),
          );
          cli.print(answer, describe);
          return answer.allow ? EXIT.ok : EXIT.denied;
        }),
      ),
    );
}

function describe(a: AccessExplainDto): string {
  const f = a.facts;
  return [
    `${a.allow ? '允许' : '拒绝'}：${a.reason}`,
    `  人员 ${f.username}（${f.roles.join('、') || '无角色'}，${f.department}）${f.personOfCase ? '，本案承办人' : ''}`,
    `  案件 ${f.caseNumber}（${f.caseState}，${f.caseDepartment}）`,
    `  终端 ${f.terminalId}${f.designatedTerminal ? '（指定查阅终端）' : '（非指定查阅终端）'}，借阅授权：${GRANT_FACT_LABELS[f.grant]}`,
    '',
  ].join('\n');
}

/**
 * `access explain --user <name>` names the person asked about, while the global `--user` (before the
 * command) names who signs in. commander reads a program option anywhere on the line, so a `--user`
 * after `access explain` is renamed to the subcommand's own `--subject` before parsing.
 */
export function routeExplainUser(argv: readonly string[]): string[] {
  const at = argv.findIndex((a, i) => a === 'explain' && argv[i - 1] === 'access');
  if (at < 0) return [...argv];
  return argv.map((a, i) => (i <= at ? a : a === '--user' ? '--subject' : a.startsWith('--user=') ? `--subject=${a.slice('--user='.length)}` : a));
}
