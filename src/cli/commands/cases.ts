import { InvalidArgumentError, type Command } from 'commander';
import { CASE_STATES, unwrap, type CaseDetail, type CaseImportResult, type CaseState, type CaseSummary, type Page, type Party } from '../../contract';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, renderTable } from '../format';

interface ListOptions {
  search?: string;
  limit: number;
  offset: number;
  state?: CaseState;
}

export function registerCaseCommands(program: Command, cli: CliContext): void {
  const cases = program.command('case').description('案件');

  cases
    .command('import')
    .description('从案件文件夹导入案件（case.json 与扫描件，格式见 docs/case-folder.md）')
    .argument('<文件夹>', '案件文件夹路径')
    .action(
      cli.action(async (folder: string) =>
        cli.withSession(async ({ api }) => {
          // The core runs in this process but is also reached by other transports, so it only ever
          // gets absolute paths; relative ones mean the CLI's working folder.
          const result = unwrap(await api.cases.importFolder({ folder: cli.resolvePath(folder) }));
          cli.print(result, describeImport);
          return EXIT.ok;
        }),
      ),
    );

  cases
    .command('list')
    .description('列出案件，可按案件编号、案由或当事人检索')
    .option('--search <文字>', '检索词（案件编号、案由、当事人名称的一部分）')
    .option('--state <状态>', `案件状态：${CASE_STATES.join('、')}`, parseState)
    .option('--limit <n>', '最多列出多少件（1 到 500）', parseCount(1, 500), 50)
    .option('--offset <n>', '跳过前多少件', parseCount(0, Number.MAX_SAFE_INTEGER), 0)
    .action(
      cli.action(async (options: ListOptions) =>
        cli.withSession(async ({ api }) => {
          const page = unwrap(
            await api.cases.list({ search: options.search ?? '', state: options.state, limit: options.limit, offset: options.offset }),
          );
          cli.print(page, (p) => describeCaseList(p, options.offset));
          return EXIT.ok;
        }),
      ),
    );

  cases
    .command('show')
    .description('显示一件案件的基本情况和文书目录')
    .argument('<案件编号>', '案件编号，例如 通烟专罚〔2024〕12号')
    .action(
      cli.action(async (caseNumber: string) =>
        cli.withSession(async ({ api }) => {
          const detail = unwrap(await api.cases.get({ caseNumber }));
          cli.print(detail, describeCase);
          return EXIT.ok;
        }),
      ),
    );
}

function parseCount(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `应为不小于 ${min} 的整数` : `应为 ${min} 到 ${max} 的整数`);
    }
    return n;
  };
}

function parseState(value: string): CaseState {
  if (!(CASE_STATES as readonly string[]).includes(value)) throw new InvalidArgumentError(`应为 ${CASE_STATES.join('、')} 之一`);
  return value as CaseState;
}

function describeImport(result: CaseImportResult): string {
  return `已导入案件 ${result.case.caseNumber}（${result.case.cause}）：文书 ${result.recordCount} 份，文件 ${result.fileCount} 个。\n`;
}

function describeCaseList(page: Page<CaseSummary>, offset: number): string {
  if (page.items.length === 0) return page.total === 0 ? '没有找到案件。\n' : `共 ${page.total} 件，此范围内没有案件。\n`;
  const table = renderTable(page.items, [
    { header: '案件编号', value: (c) => c.caseNumber },
    { header: '案由', value: (c) => c.cause, maxWidth: 30 },
    { header: '当事人', value: (c) => c.partyName, maxWidth: 24 },
    { header: '程序', value: (c) => c.procedure },
    { header: '状态', value: (c) => c.state },
    { header: '立案日期', value: (c) => c.openedOn ?? '' },
    { header: '文书', value: (c) => String(c.recordCount), align: 'right' },
  ]);
  const shown = page.items.length === page.total ? `共 ${page.total} 件` : `共 ${page.total} 件，显示第 ${offset + 1}–${offset + page.items.length} 件`;
  return `${table}${shown}\n`;
}

function describeParty(party: Party): string {
  if (party.kind === 'person') {
    return `${party.name}（个人，${party.gender}，${party.age} 岁，${party.occupation}，住址：${party.address}）`;
  }
  return `${party.name}（单位；法定代表人：${party.legalRepresentative}，${party.representativeTitle}；地址：${party.address}）`;
}

function describeCase({ case: c, records }: CaseDetail): string {
  const facts = renderFacts([
    ['案件编号', c.caseNumber],
    ['案由', c.cause],
    ['当事人', describeParty(c.party)],
    ['案件来源', c.source],
    ['程序', c.procedure],
    ['承办人', c.handlers.map((h) => h.name).join('、')],
    ['承办部门', c.department],
    ['处理结果', c.disposition || '（未填）'],
    ['立案日期', c.openedOn ?? '（未填）'],
    ['结案日期', c.closedOn ?? '（未填）'],
    ['状态', c.state],
  ]);
  if (records.length === 0) return `${facts}\n文书：（尚无）\n`;
  const table = renderTable(records, [
    // 序号 is what `dossier scan --case … --record <序号>` takes.
    { header: '序号', value: (r) => String(records.indexOf(r) + 1), align: 'right' },
    { header: '清单序号', value: (r) => String(r.typeNumber), align: 'right' },
    { header: '阶段', value: (r) => r.stage },
    { header: '文书类型', value: (r) => r.type, maxWidth: 24 },
    { header: '题名', value: (r) => r.title, maxWidth: 30 },
    { header: '文号', value: (r) => r.documentNumber },
    { header: '责任者', value: (r) => r.responsible, maxWidth: 16 },
    { header: '日期', value: (r) => r.date },
    { header: '审批日期', value: (r) => r.approvedOn ?? '' },
    { header: '文件', value: (r) => String(r.files.length), align: 'right' },
    { header: '页数', value: (r) => String(r.pageCount), align: 'right' },
    { header: '签章版本', value: (r) => (r.versions.length ? `第 ${r.versions.at(-1)!.version} 版` : '未签章') },
  ]);
  return `${facts}\n文书（${records.length} 份）：\n${table}`;
}
