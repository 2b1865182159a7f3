import type { Command } from 'commander';
import { unwrap, type ArchiveApi, type CorrectionDto, type RecordDto, type RecordOcrResult, type RecordPageDto } from '../../contract';
import { usageError, type CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, renderTable, sanitizeCell } from '../format';

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

/** A 1-based number given on the command line (文书序号, 页码). */
function positionArg(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1) throw usageError(`${what}应为 1、2、3…，而不是“${text}”。`);
  return n;
}

/** The record at 序号 `position` in `case show` of the case. */
async function recordAt(api: ArchiveApi, caseNumber: string, position: number): Promise<RecordDto> {
  const { records } = unwrap(await api.cases.get({ caseNumber }));
  const target = records[position - 1];
  if (!target) throw usageError(`案件“${caseNumber}”只有 ${records.length} 份文书，没有序号 ${position}。`);
  return target;
}

/** A `record` subcommand that names its record as `<案件编号> <序号>`, like `case show` lists them. */
function recordCommand(record: Command, name: string, description: string): Command {
  return record.command(name).description(description).argument('<案件编号>', '案件编号').argument('<序号>', '文书序号（见 dossier case show）');
}

/** Signs in, finds the record at 序号 `n` of the case, and runs `work` on it. */
function withRecord(cli: CliContext, caseNumber: string, n: string, work: (api: ArchiveApi, target: RecordDto) => Promise<void>) {
  const position = positionArg(n, '文书序号');
  return cli.withSession(async ({ api }) => {
    await work(api, await recordAt(api, caseNumber, position));
    return EXIT.ok;
  });
}

const mm = (pt: number) => Math.round((pt / 72) * 25.4);

type ListedPage = Omit<RecordPageDto, 'thumbnail'>;

/** Thumbnails are for the app; in the terminal and in --json they would only be noise. */
function withoutThumbnail({ thumbnail: _thumbnail, ...page }: RecordPageDto): ListedPage {
  return page;
}

function describePages(pages: readonly ListedPage[]): string {
  if (!pages.length) return '该文书还没有扫描页。用 dossier record add-scans 添加。\n';
  const table = renderTable(pages, [
    { header: '页码', value: (p) => String(p.position), align: 'right' },
    { header: '文件', value: (p) => sanitizeCell(p.file.name), maxWidth: 30 },
    { header: '文件内页', value: (p) => String(p.pageInFile + 1), align: 'right' },
    { header: '尺寸 (mm)', value: (p) => `${mm(p.widthPt)}×${mm(p.heightPt)}` },
    { header: 'dpi', value: (p) => `${p.dpi}${p.dpiSource === 'default' ? '（默认）' : ''}`, align: 'right' },
    { header: '旋转', value: (p) => `${p.rotation}°`, align: 'right' },
    { header: '空白', value: (p) => (p.isBlank ? '疑似空白' : '') },
    { header: '文字识别', value: (p) => (p.hasOcr ? '有' : '') },
  ]);
  const blank = pages.filter((p) => p.isBlank).map((p) => p.position);
  return `${table}共 ${pages.length} 页${blank.length ? `；第 ${blank.join('、')} 页疑似空白（已保留，请核对）` : ''}\n`;
}

export function registerRecordCommands(program: Command, cli: CliContext): void {
  const record = program.command('record').description('文书');

  recordCommand(record, 'add-scans', '给文书添加扫描件（JPEG、PNG、TIFF 文件或文件夹，按给出的顺序、文件夹内按文件名自然顺序排页）；有问题的文件会逐个列出，此时一页也不添加')
    .argument('<文件或文件夹...>', '扫描文件或文件夹')
    .action(
      cli.action(async (caseNumber: string, n: string, inputs: string[]) =>
        withRecord(cli, caseNumber, n, async (api, target) => {
          const result = unwrap(await api.records.addScans({ recordId: target.id, inputs: inputs.map((i) => cli.resolvePath(i)) }));
          cli.print({ ...result, added: result.added.map(withoutThumbnail) }, (r) => `已给《${sanitizeCell(target.title)}》添加 ${r.added.length} 页，现共 ${r.pageCount} 页。\n${describePages(r.added)}`);
        }),
      ),
    );

  recordCommand(record, 'pages', '列出文书的扫描页：来源文件、尺寸、分辨率、旋转、疑似空白、文字识别').action(
    cli.action(async (caseNumber: string, n: string) =>
      withRecord(cli, caseNumber, n, async (api, target) => {
        cli.print(unwrap(await api.records.pages({ recordId: target.id })).map(withoutThumbnail), describePages);
      }),
    ),
  );

  recordCommand(record, 'rotate', '旋转一页（在文件自身方向的基础上顺时针转 0、90、180 或 270 度），签章前有效')
    .argument('<页码>', '第几页（见 dossier record pages）')
    .argument('<角度>', '0、90、180 或 270')
    .action(
      cli.action(async (caseNumber: string, n: string, pageText: string, angle: string) => {
        const page = positionArg(pageText, '页码');
        const rotation = Number(angle);
        if (![0, 90, 180, 270].includes(rotation) || !/^\d+$/.test(angle.trim())) throw usageError(`角度只能是 0、90、180 或 270，而不是“${angle}”。`);
        return withRecord(cli, caseNumber, n, async (api, target) => {
          const pages = unwrap(await api.records.pages({ recordId: target.id }));
          const p = pages[page - 1];
          if (!p) throw usageError(`《${target.title}》只有 ${pages.length} 页，没有第 ${page} 页。`);
          const turned = unwrap(await api.records.rotatePage({ recordId: target.id, pageId: p.id, rotation: rotation as 0 | 90 | 180 | 270 }));
          cli.print(withoutThumbnail(turned), (t) => `《${sanitizeCell(target.title)}》第 ${t.position} 页已旋转为 ${t.rotation}°，页面 ${mm(t.widthPt)}×${mm(t.heightPt)} mm。\n`);
        });
      }),
    );

  recordCommand(record, 'arrange', '调整页面顺序：按新顺序列出现在的页码，每页恰好一次，例如 3 1 2')
    .argument('<页码...>', '现在的页码，按新顺序')
    .action(
      cli.action(async (caseNumber: string, n: string, order: string[]) => {
        const wanted = order.map((o) => positionArg(o, '页码'));
        return withRecord(cli, caseNumber, n, async (api, target) => {
          const pages = unwrap(await api.records.pages({ recordId: target.id }));
          const beyond = wanted.filter((w) => w > pages.length);
          if (beyond.length) throw usageError(`《${target.title}》只有 ${pages.length} 页，没有第 ${beyond.join('、')} 页。`);
          const arranged = unwrap(await api.records.arrangePages({ recordId: target.id, pageIds: wanted.map((w) => pages[w - 1]!.id) }));
          cli.print(arranged.map(withoutThumbnail), (a) => `《${sanitizeCell(target.title)}》的页面顺序已调整。\n${describePages(a)}`);
        });
      }),
    );

  recordCommand(record, 'ocr', '对尚未识别的页做中文文字识别，结果随下一次签章写入可检索的文字层').action(
    cli.action(async (caseNumber: string, n: string) =>
      withRecord(cli, caseNumber, n, async (api, target) => {
        const result = unwrap(await api.records.ocr({ recordId: target.id }));
        cli.print(result, (r: RecordOcrResult) =>
          r.recognized ? `已识别《${sanitizeCell(target.title)}》${r.recognized} 页，${r.lines} 行。\n` : `《${sanitizeCell(target.title)}》的各页都已识别过。\n`,
        );
      }),
    ),
  );

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
        const position = positionArg(o.record, '--record（文书序号）');
        const page = positionArg(o.page, '--page（页码）');
        const region = parseRegion(o.region);
        return cli.withSession(async ({ api }) => {
          const target = await recordAt(api, o.case, position);
          const correction = unwrap(await api.records.strike({ recordId: target.id, page, region, reason: o.reason }));
          cli.print(correction, (c: CorrectionDto) =>
            `已记录《${sanitizeCell(target.title)}》第 ${c.page} 页的划改，签章时标出。\n${renderFacts([['原因', sanitizeCell(c.reason)], ['记录人', c.createdBy]])}`,
          );
          return EXIT.ok;
        });
      }),
    );
}
