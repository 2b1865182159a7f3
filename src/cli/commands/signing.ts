import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ApiFailure, unwrap, type ArchiveApi, type CertificateInfoDto, type Envelope, type PdfVerifyResult, type SigningStatus } from '../../contract';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exitCodes';
import { renderFacts, renderTable, sanitizeCell } from '../format';
import { protectorFor } from '../keyProtector';

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

  cert
    .command('list')
    .description('列出本单位用过的全部签章证书（当前证书标 *）；以往证书签章的文件仍可验证')
    .action(
      cli.action(async () =>
        cli.withSession(async ({ api }) => {
          const status = unwrap(await api.signing.status());
          cli.print(status, describeCertificates);
          return EXIT.ok;
        }),
      ),
    );

  cert
    .command('import')
    .description('导入 CA 颁发的 PKCS#12 证书（.pfx/.p12）作为当前签章证书；证书密码取自 DOSSIER_PFX_PASSWORD 或终端输入')
    .argument('<file.pfx>', '证书文件')
    .action(
      cli.action(async (file: string) => {
        const pfx = readPfx(cli.resolvePath(file));
        const password = cli.io.env.DOSSIER_PFX_PASSWORD ?? (await cli.ask('证书文件密码：', 'DOSSIER_PFX_PASSWORD'));
        return sealingNewKey(cli, '已导入签章证书，自现在起用它签章', (api) => api.signing.importPkcs12({ pkcs12Base64: pfx.toString('base64'), password }));
      }),
    );

  cert
    .command('rotate')
    .description('更换签章证书：为本单位生成新证书并设为当前；以往证书保留，其签章的文件仍可验证')
    .action(
      cli.action(async () => sealingNewKey(cli, '已更换签章证书，自现在起用新证书签章', (api) => api.signing.rotate())),
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

/**
 * Import and rotate seal a new key with the unit's passphrase (DOSSIER_KEY_PASSPHRASE or asked);
 * the core refuses one that does not open the current key, so a typo cannot split the unit's keys.
 */
async function sealingNewKey(cli: CliContext, done: string, change: (api: ArchiveApi) => Promise<Envelope<CertificateInfoDto>>): Promise<ExitCode> {
  const keyProtector = protectorFor(await cli.keyPassphrase(false), true);
  return cli.withSession(
    async ({ api }) => {
      const certificate = unwrap(await change(api));
      cli.print(certificate, (c) => `${done}；以往证书签章的文件仍可验证。\n${describeCertificate(c)}`);
      return EXIT.ok;
    },
    { keyProtector },
  );
}

/** Read before anything else is asked, so that a mistyped path fails at once (exit 2). */
function readPfx(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '无法读取';
    throw new ApiFailure({ code: 'bad-request', message: `证书文件 ${file} ${reason}。请检查路径后重试。` });
  }
}

/** The date in Beijing time (UTC+8), as on the certificate a Chinese CA issued. */
const dateOnly = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const validity = (c: CertificateInfoDto) => `${dateOnly(c.notBefore)} 至 ${dateOnly(c.notAfter)}`;
const PROTECTION: Record<CertificateInfoDto['protection'], string> = { os: '系统密钥库', passphrase: '口令' };

function describeCertificate(c: CertificateInfoDto): string {
  return renderFacts([
    ['证书主体', c.subject],
    ['SHA-256 指纹', c.fingerprint],
    ['有效期', validity(c)],
    ['私钥保护', PROTECTION[c.protection]],
  ]);
}

function describeCertificates(status: SigningStatus): string {
  if (!status.certificates.length) return '本单位还没有签章证书。可用 dossier cert rotate 生成，或用 dossier cert import 导入 CA 颁发的证书。\n';
  return renderTable(status.certificates, [
    { header: '当前', value: (c) => (c.isCurrent ? '*' : '') },
    { header: 'SHA-256 指纹', value: (c) => c.fingerprint },
    { header: '证书主体', value: (c) => c.subject, maxWidth: 72 },
    { header: '有效期', value: validity },
    { header: '私钥保护', value: (c) => PROTECTION[c.protection] },
  ]);
}
