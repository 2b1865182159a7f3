import type { Command } from 'commander';
import { unwrap, type CorrectionDto } from '../../contract';
import { usageError, type CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, sanitizeCell } from '../format';

interface StrikeOptions {
  case: string;
  record: string;
  page: string;
  region: string;
  reason: string;
}

/** `x,y,宽,高` as fractions of the page (0–1), e.g. `0.1,0.2,0.5,0.05`. */
export function parseRegion(text: string): { x: number; y: number; width: number; height: number } {
  const parts = text.split(/[,，]/).map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw usageError(`--region 应为“左,上,宽,高”四个 0 到 1 之间的数（占页面的比例），例如 0.1,0.2,0.5,0.05，而不是“${text}”。`);
  }
  const [x, y, width, height] = parts as [number, number, number, number];
  return { x, y, width, height };
}

export function registerRecordCommands(program: Command, cli: CliContext): void {
  const record = program.command('record').description('文书');
  record
    .command('strike')
    .description('签章前划改更正（DB3206/T 1060 6.2.2 c）：在某页划定区域并说明原因，签章时以红框、划线和原因标出')
    .requiredOption('--case <案件编号>', '案件编号')
    .requiredOption('--record <序号>', '文书序号（见 dossier case show）')
    .requiredOption('--page <页码>', '第几页（从 1 开始）')
    .requiredOption('--region <左,上,宽,高>', '区域，占页面的比例，例如 0.1,0.2,0.5,0.05')
    .requiredOption('--reason <原因>', '更正原因')
    .action(
      cli.action(async (o: StrikeOptions) => {
        const position = Number(o.record);
        const page = Number(o.page);
        if (!Number.isInteger(position) || position < 1) throw usageError(`--record 应为文书序号，而不是“${o.record}”。`);
        if (!Number.isInteger(page) || page < 1) throw usageError(`--page 应为页码（1、2、3…），而不是“${o.page}”。`);
        const region = parseRegion(o.region);
        return cli.withSession(async ({ api }) => {
          const { records } = unwrap(await api.cases.get({ caseNumber: o.case }));
          const target = records[position - 1];
          if (!target) throw usageError(`案件“${o.case}”只有 ${records.length} 份文书，没有序号 ${position}。`);
          const correction = unwrap(await api.records.strike({ recordId: target.id, page, region, reason: o.reason }));
          cli.print(correction, (c: CorrectionDto) =>
            `已记录《${sanitizeCell(target.title)}》第 ${c.page} 页的划改，签章时标出。\n${renderFacts([['原因', sanitizeCell(c.reason)], ['记录人', c.createdBy]])}`,
          );
          return EXIT.ok;
        });
      }),
    );
}
