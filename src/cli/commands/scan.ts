import type { Command } from 'commander';
import { unwrap, type RecordVersionDto, type ScanConvertResult } from '../../contract';
import { usageError, type CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, sanitizeCell } from '../format';
import { protectorFor } from '../keyProtector';

interface ScanOptions {
  out?: string;
  record?: string;
  reason?: string;
  title?: string;
  case?: string;
  type?: string;
  ocr?: boolean;
}

export function registerScanCommands(program: Command, cli: CliContext): void {
  program
    .command('scan')
    .description('把扫描件（JPEG、PNG、TIFF 文件或文件夹）转成一份经本单位认证签章的只读 PDF/A')
    .argument('[文件或文件夹...]', '扫描文件或文件夹，按给出的顺序排页（与 --out 一起用）')
    .option('--out <file.pdf>', '输出的 PDF 文件（不会覆盖已有文件）')
    .option('--title <题名>', '文书题名（默认用输出文件名）')
    .option('--case <案件编号>', '写入元数据的案件编号')
    .option('--type <文书类型>', '写入元数据的文书类型')
    .option('--ocr', '识别中文并加入可检索的文字层')
    .option('--record <序号>', '与 --case 一起：把已登记文书（序号见 case show）的扫描件生成签章版本，存入档案')
    .option('--reason <更正原因>', '已签章的文书再生成新版本时必填')
    .action(
      cli.action(async (inputs: string[], options: ScanOptions) => {
        if (options.record !== undefined) return convertRecord(cli, inputs, options);
        if (!options.out || inputs.length === 0) throw usageError('请给出扫描文件和 --out <file.pdf>，或用 --case <案件编号> --record <序号> 转换已登记的文书。');
        const outPath = cli.resolvePath(options.out);
        const keyProtector = protectorFor(await cli.keyPassphrase(false), false);
        return cli.withSession(
          async ({ api }) => {
            const result = unwrap(
              await api.scans.convert({
                inputs: inputs.map((i) => cli.resolvePath(i)),
                outPath,
                title: options.title ?? outPath.replace(/^.*[\\/]/, '').replace(/\.pdf$/i, ''),
                caseNumber: options.case ?? '',
                recordType: options.type ?? '',
                ocr: options.ocr === true,
              }),
            );
            cli.print(result, describeScan);
            return EXIT.ok;
          },
          { keyProtector },
        );
      }),
    );
}

function describeScan(r: ScanConvertResult): string {
  const blank = r.pages.map((p, i) => (p.isBlank ? i + 1 : 0)).filter(Boolean);
  return (
    `已生成签章 PDF：${r.outPath}\n` +
    renderFacts([
      ['页数', `${r.pages.length}${blank.length ? `（第 ${blank.join('、')} 页疑似空白，已保留）` : ''}`],
      ['SHA-256', r.sha256],
      ['签章人', sanitizeCell(r.signer.subject)],
      ['签章时间', r.signedAt],
      ['文字识别', r.ocr ? `${r.ocr.lines} 行` : '未做'],
      ['用时', `共 ${r.timings.total} 秒（读取 ${r.timings.intake}，识别 ${r.timings.ocr}，写入 ${r.timings.write}，签章 ${r.timings.sign}）`],
    ])
  );
}

/** `--case <n> --record <k>`: the registered record's own scans become its next signed version. */
async function convertRecord(cli: CliContext, inputs: string[], options: ScanOptions) {
  if (!options.case) throw usageError('--record 须与 --case <案件编号> 一起使用。');
  if (options.out || inputs.length) throw usageError('转换已登记的文书时不用给出文件和 --out：扫描件取自档案，结果存入档案。');
  const position = Number(options.record);
  if (!Number.isInteger(position) || position < 1) throw usageError(`--record 应为文书序号（1、2、3…，见 dossier case show），而不是“${options.record}”。`);
  const keyProtector = protectorFor(await cli.keyPassphrase(false), false);
  return cli.withSession(
    async ({ api }) => {
      const { records } = unwrap(await api.cases.get({ caseNumber: options.case! }));
      const record = records[position - 1];
      if (!record) throw usageError(`案件“${options.case}”只有 ${records.length} 份文书，没有序号 ${position}。`);
      const version = unwrap(await api.records.convert({ recordId: record.id, ocr: options.ocr === true, reason: options.reason ?? '' }));
      cli.print(version, (v) => describeVersion(record.title, v));
      return EXIT.ok;
    },
    { keyProtector },
  );
}

function describeVersion(title: string, v: RecordVersionDto): string {
  return (
    `已生成《${sanitizeCell(title)}》的第 ${v.version} 版签章 PDF，存入档案。\n` +
    renderFacts([
      ['页数', `${v.pageCount}${v.blankPages.length ? `（第 ${v.blankPages.join('、')} 页疑似空白，已保留）` : ''}`],
      ['SHA-256', v.file.sha256],
      ['签章时间', v.signedAt],
      ['文字识别', v.hasOcr ? '有' : '无'],
      ...(v.supersedesVersion ? ([['更正', `替代第 ${v.supersedesVersion} 版（原版保留）：${sanitizeCell(v.reason ?? '')}`]] as [string, string][]) : []),
    ])
  );
}
