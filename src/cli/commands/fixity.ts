import type { Command } from 'commander';
import { unwrap, type FixityReport } from '../../contract';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { sanitizeCell } from '../format';

export function registerFixityCommands(program: Command, cli: CliContext): void {
  program
    .command('fixity')
    .description('重新计算存储区中每个文件的 SHA-256，报告内容改变或缺失的文件；发现问题时退出码为 1')
    .action(
      cli.action(async () =>
        cli.withSession(async ({ api }) => {
          const report = unwrap(await api.fixity.run());
          cli.print(report, describeFixity);
          return report.findings.length === 0 ? EXIT.ok : EXIT.checkFailed;
        }),
      ),
    );
}

function describeFixity(r: FixityReport): string {
  const size = `${(r.bytes / 2 ** 20).toFixed(1)} MB`;
  if (r.findings.length === 0) return `已校验 ${r.checked} 个文件（${size}），全部完好。\n`;
  const lines = r.findings.map((f) => `  [${f.problem === 'missing' ? '缺失' : '已改变'}] ${sanitizeCell(f.message)}`);
  return `已校验 ${r.checked} 个文件（${size}），发现 ${r.findings.length} 处问题：\n${lines.join('\n')}\n`;
}
