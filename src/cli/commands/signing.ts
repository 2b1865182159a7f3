import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ApiFailure, unwrap, type PdfVerifyResult } from '../../contract';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, sanitizeCell } from '../format';

export function registerSigningCommands(program: Command, cli: CliContext): void {
  const cert = program.command('cert').description('本单位的签章证书');
  cert
    .command('export')
    .description('导出本单位当前的签章证书（PEM），供信息中心等其他验证方信任')
    .requiredOption('--out <文件>', '证书文件的保存路径')
    .option('--force', '覆盖已存在的文件')
    .action(
      cli.action(async (options: { out: string; force?: boolean }) => {
        const file = cli.resolvePath(options.out);
        if (!options.force && existsSync(file)) {
          throw new ApiFailure({ code: 'bad-request', message: `文件 ${file} 已存在。如确需覆盖，请加 --force。` });
        }
        return cli.withSession(async ({ api }) => {
          const exported = unwrap(await api.signing.exportCertificate());
          writeFileSync(file, exported.pem, { flag: options.force ? 'w' : 'wx' });
          cli.print({ ...exported, file }, (e) => `已导出签章证书到 ${file}\n${renderFacts([['证书主体', e.subject], ['SHA-256 指纹', e.fingerprint]])}`);
          return EXIT.ok;
        });
      }),
    );

  program
    .command('verify')
    .description('验证 PDF 的认证签章：有效退出码 0，无效 1，无法读取 2')
    .argument('<file.pdf>', '要验证的 PDF 文件')
    .action(
      cli.action(async (file: string) =>
        cli.withSession(async ({ api }) => {
          const result = unwrap(await api.pdf.verify({ path: cli.resolvePath(file) }));
          cli.print(result, (r) => describeVerify(path.basename(file), r));
          return result.status === 'valid' ? EXIT.ok : result.status === 'invalid' ? EXIT.checkFailed : EXIT.usage;
        }),
      ),
    );
}

function describeVerify(name: string, r: PdfVerifyResult): string {
  const verdict = r.status === 'valid' ? '有效' : r.status === 'invalid' ? '无效' : '无法读取';
  const facts: [string, string][] = [
    ['结论', verdict],
    ['签章人', r.signer ? sanitizeCell(r.signer.subject) : '（无）'],
    ['签章时间', r.signedAt ?? '（无）'],
    ['签章覆盖全文', r.coversWholeFile ? '是' : '否'],
    ['禁止修改（DocMDP P=1）', r.hasDocMdpP1 ? '是' : '否'],
  ];
  const reasons = r.reasons.length ? `原因：\n${r.reasons.map((x) => `  - ${sanitizeCell(x)}`).join('\n')}\n` : '';
  return `${name}\n${renderFacts(facts)}${reasons}`;
}
