import type { Command } from 'commander';
import { ROLES, ROLE_LABELS, unwrap, type Role, type UserDto } from '../../contract';
import { usageError, type CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderTable } from '../format';

interface AddOptions {
  role: string;
  department?: string;
  displayName?: string;
}

export function registerUserCommands(program: Command, cli: CliContext): void {
  const user = program.command('user').description('人员管理');

  user
    .command('add')
    .description('添加人员（新密码取自 DOSSIER_NEW_PASSWORD 或终端输入两次）')
    .argument('<用户名>', '新人员的登录用户名')
    .requiredOption('--role <角色>', `角色，多个用逗号分隔：${ROLES.join(', ')}`)
    .option('--department <部门>', '所在部门（默认同登录人员的部门）')
    .option('--display-name <姓名>', '姓名（默认同用户名）')
    .action(
      cli.action(async (username: string, options: AddOptions) => {
        // Checked before signing in, so that a typo costs neither a password prompt nor an audit entry.
        const roles = parseRoles(options.role);
        return cli.withSession(async ({ api, info }) => {
          const password = await cli.newPassword('DOSSIER_NEW_PASSWORD', username);
          const created = unwrap(
            await api.users.create({
              username,
              displayName: options.displayName ?? username,
              department: options.department ?? info.user.department,
              roles,
              password,
            }),
          );
          cli.print(created, (u) => `已添加人员 ${u.username}（${u.displayName}，${u.department}），角色：${roleNames(u.roles)}。\n`);
          return EXIT.ok;
        });
      }),
    );

  user
    .command('list')
    .description('列出全部人员')
    .action(
      cli.action(async () =>
        cli.withSession(async ({ api }) => {
          const users = unwrap(await api.users.list());
          cli.print(users, describeUsers);
          return EXIT.ok;
        }),
      ),
    );
}

export function parseRoles(text: string): Role[] {
  const names = text
    .split(/[,，]/)
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0 || names.length === 0) {
    const valid = ROLES.map((r) => `  ${r}（${ROLE_LABELS[r]}）`).join('\n');
    const head = unknown.length > 0 ? `未知角色：${unknown.join('、')}。` : '请指定至少一个角色。';
    throw usageError(`${head}可用的角色：\n${valid}`);
  }
  return [...new Set(names)] as Role[];
}

function roleNames(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join('、');
}

function describeUsers(users: UserDto[]): string {
  const now = new Date().toISOString();
  const status = (u: UserDto) => {
    if (!u.isActive) return '停用';
    if (u.lockedUntil && u.lockedUntil > now) return '锁定';
    return '在用';
  };
  return (
    renderTable(users, [
      { header: '用户名', value: (u) => u.username },
      { header: '姓名', value: (u) => u.displayName },
      { header: '部门', value: (u) => u.department, maxWidth: 24 },
      { header: '角色', value: (u) => roleNames(u.roles) },
      { header: '状态', value: status },
    ]) + `共 ${users.length} 人\n`
  );
}
