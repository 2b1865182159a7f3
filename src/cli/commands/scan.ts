import type { Command } from 'commander';
import { unwrap, type ScanConvertResult } from '../../contract';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, sanitizeCell } from '../format';
import { protectorFor } from '../keyProtector';

interface ScanOptions {
  out: string;
  title?: string;
  case?: string;
  type?: string;
  ocr?: boolean;
}

export function registerScanCommands(program: Command, cli: CliContext): void {
  program
    .command('scan')
    .description('把扫描件（JPEG、PNG、TIFF 文件或文件夹）转成一份经本单位认证签章的只读 PDF/A')
    .argument('<文件或文件夹...>', '扫描文件或文件夹，按给出的顺序排页')
    .requiredOption('--out <file.pdf>', '输出的 PDF 文件（不会覆盖已有文件）')
    .option('--title <题名>', '文书题名（默认用输出文件名）')
    .option('--case <案件编号>', '写入元数据的案件编号')
    .option('--type <文书类型>', '写入元数据的文书类型')
    .option('--ocr', '识别中文并加入可检索的文字层')
    .action(
      cli.action(async (inputs: string[], options: ScanOptions) => {
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
