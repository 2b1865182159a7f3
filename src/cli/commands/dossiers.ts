import { constants, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { unwrap, type ArchiveApi, type ArchiveReportDto, type CompiledVolumeDto, type DossierFindingDto, type UnitRules } from '../../contract';
import { usageError, type CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, renderTable, sanitizeCell } from '../format';
import { protectorFor } from '../keyProtector';

/** Dossier commands (DB3206/T 1060 §5.5): check, compile and archive a closed case's dossier. */
export function registerDossierCommands(program: Command, cli: CliContext): void {
  // Under `case`, beside `case import`: the sample is a case folder that ships with the app.
  const caseGroup = program.commands.find((c) => c.name() === 'case') ?? program;
  caseGroup
    .command('import-sample')
    .description('导入随程序提供的示例案件（虚构数据）：文书生成签章 PDF，分配归档号，可直接组卷和归档')
    .action(
      cli.action(async () => {
        const keyProtector = protectorFor(await cli.keyPassphrase(false), false);
        return cli.withSession(
          async ({ api }) => {
            const r = unwrap(await api.cases.importSample());
            cli.print(r, (x) => `已导入示例案件 ${x.case.caseNumber}：${x.recordCount} 份文书、${x.fileCount} 个扫描文件，均已生成签章 PDF。\n下一步：dossier check ${x.case.caseNumber}\n`);
            return EXIT.ok;
          },
          { keyProtector },
        );
      }),
    );

  const rules = program.command('rules').description('本单位的组卷规则：卷内排序模板、各程序必备文书、页号位置');
  rules
    .command('show')
    .description('显示组卷规则（未自定义的部分为内置默认值）；--json 输出可编辑后用 rules set 导入')
    .action(
      cli.action(async () =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(await api.rules.get());
          cli.print(r, describeRules);
          return EXIT.ok;
        }),
      ),
    );
  rules
    .command('set')
    .description('从 JSON 文件导入组卷规则（格式同 rules show --json，可只含要改的部分；档案部门）')
    .argument('<file.json>', '规则文件')
    .action(
      cli.action(async (file: string) => {
        let patch: unknown;
        try {
          patch = JSON.parse(readFileSync(cli.resolvePath(file), 'utf8'));
        } catch (error) {
          throw usageError(`无法读取规则文件 ${file}：${(error as Error).message}。请给出 rules show --json 格式的 JSON 文件。`);
        }
        return cli.withSession(async ({ api }) => {
          const r = unwrap(await api.rules.update(patch as Parameters<ArchiveApi['rules']['update']>[0]));
          cli.print(r, (x) => `组卷规则已更新。\n${describeRules(x)}`);
          return EXIT.ok;
        });
      }),
    );

  program
    .command('check')
    .description('检查卷宗是否符合 DB3206/T 1060 5.5；有阻止组卷或归档的问题时退出码为 1')
    .argument('<案件编号>', '案件编号')
    .option('--archive', '按归档阶段检查（案卷号、分类号、立卷人和检查人等必须齐全）')
    .action(
      cli.action(async (caseNumber: string, options: { archive?: boolean }) =>
        cli.withSession(async ({ api }) => {
          const caseId = await caseIdOf(api, caseNumber);
          const findings = unwrap(await api.dossiers.check({ caseId, stage: options.archive ? 'archive' : 'compile' }));
          cli.print(findings, describeFindings);
          return findings.some((f) => f.level === 'error') ? EXIT.checkFailed : EXIT.ok;
        }),
      ),
    );

  program
    .command('compile')
    .description('组卷：每卷生成一份经本单位认证签章的只读 PDF/A（封面、目录、编好页号的文书、备考表），存入档案并复制到 --out')
    .argument('<案件编号>', '案件编号')
    .requiredOption('--out <目录>', '把卷宗 PDF 复制到这个目录（不会覆盖已有文件）')
    .action(
      cli.action(async (caseNumber: string, options: { out: string }) => {
        const outDir = cli.resolvePath(options.out);
        const keyProtector = protectorFor(await cli.keyPassphrase(false), false);
        return cli.withSession(
          async ({ api, openFile }) => {
            const caseId = await caseIdOf(api, caseNumber);
            const { volumes } = unwrap(await api.dossiers.compile({ caseId }));
            mkdirSync(outDir, { recursive: true });
            const copied = volumes.map((v) => {
              const target = path.join(outDir, v.file.name);
              if (existsSync(target)) throw usageError(`${target} 已存在，未覆盖。卷宗已存入档案；请换一个 --out 目录再导出。`);
              copyFileSync(openFile(v.file.id).path, target, constants.COPYFILE_EXCL);
              return { ...v, path: target };
            });
            cli.print({ caseNumber, volumes: copied }, (r) => r.volumes.map(describeVolume).join('\n'));
            return EXIT.ok;
          },
          { keyProtector },
        );
      }),
    );

  program
    .command('archive')
    .description('接收归档（档案部门）：给出分类号，分配案卷号，组成最终卷宗并做四性检测；全部通过才归档，否则退出码为 1')
    .argument('<案件编号>', '案件编号')
    .requiredOption('--class <分类号>', '分类号，例如 XZCF')
    .action(
      cli.action(async (caseNumber: string, options: { class: string }) => {
        const keyProtector = protectorFor(await cli.keyPassphrase(false), false);
        return cli.withSession(
          async ({ api, confirmPassword }) => {
            const caseId = await caseIdOf(api, caseNumber);
            const report = unwrap(await api.dossiers.archive({ caseId, classCode: options.class, confirmPassword }));
            cli.print(report, describeReport);
            return report.passed ? EXIT.ok : EXIT.checkFailed;
          },
          { keyProtector },
        );
      }),
    );
}

async function caseIdOf(api: ArchiveApi, caseNumber: string): Promise<string> {
  return unwrap(await api.cases.get({ caseNumber })).case.id;
}

function describeFindings(findings: DossierFindingDto[]): string {
  if (!findings.length) return '检查通过，没有发现问题。\n';
  const table = renderTable(findings, [
    { header: '级别', value: (f) => (f.level === 'error' ? '错误' : '提醒') },
    { header: '问题', value: (f) => sanitizeCell(f.message), maxWidth: 70 },
    { header: '位置', value: (f) => f.field },
  ]);
  const errors = findings.filter((f) => f.level === 'error').length;
  return `${table}共 ${errors} 个错误（阻止组卷或归档）、${findings.length - errors} 个提醒。\n`;
}

function describeVolume(v: CompiledVolumeDto & { path: string }): string {
  const ranges = renderTable(v.ranges, [
    { header: '顺序号', value: (r) => String(v.ranges.indexOf(r) + 1), align: 'right' },
    { header: '题名', value: (r) => sanitizeCell(r.title), maxWidth: 40 },
    { header: '页次', value: (r) => r.pageRange },
  ]);
  return (
    `${v.volume}（第 ${v.edition} 版）：${v.itemCount} 件 ${v.pageCount} 页\n` +
    ranges +
    renderFacts([
      ['文件', v.path],
      ['SHA-256', v.file.sha256],
      ['签章时间', v.signedAt],
    ])
  );
}

function describeReport(r: ArchiveReportDto): string {
  const table = renderTable(r.items, [
    { header: '检测项', value: (i) => i.property },
    { header: '项目', value: (i) => i.item },
    { header: '结果', value: (i) => (i.passed ? '通过' : '不通过') },
    { header: '说明', value: (i) => sanitizeCell(i.detail), maxWidth: 60 },
  ]);
  return (
    `${table}` +
    renderFacts([
      ['结论', r.passed ? '四性检测全部通过，卷宗已归档' : '有检测项未通过，卷宗未归档'],
      ['案卷号', r.volumeNumber],
      ['档号', r.archivalCode],
      ['检测报告', `${r.reportPdf.name}（SHA-256 ${r.reportPdf.sha256}）`],
    ])
  );
}

function describeRules(r: UnitRules): string {
  const required = (['一般程序', '简易程序'] as const).map((p) => `${p}：${r.requiredRecords[p].map((x) => `${x.label}${x.level === 'error' ? '' : '（提醒）'}`).join('、')}`);
  return renderFacts([
    ['排序模板', r.bindingTemplate.name],
    ['阶段顺序', r.bindingTemplate.stageOrder.join(' → ')],
    ['默认副卷文书', r.bindingTemplate.secondaryTypes.join('、') || '无'],
    ['必备文书', required.join('\n')],
    ['页号位置', r.stampPosition === 'top-outer' ? '上外角（单面右上、背面左上）' : '下外角（单面右下、背面左下）'],
  ]);
}
