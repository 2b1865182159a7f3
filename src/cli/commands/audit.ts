import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiFailure, checkpointSchema, unwrap, type AuditVerifyResult, type Checkpoint } from '../../contract';
import { usageError, type CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { protectorFor } from '../keyProtector';

interface VerifyOptions {
  checkpoint?: string;
}

interface CheckpointOptions {
  out: string;
  force?: boolean;
}

export function registerAuditCommands(program: Command, cli: CliContext): void {
  const audit = program.command('audit').description('审计日志');

  audit
    .command('verify')
    .description('校验审计日志的哈希链，可同时与检查点文件比对；发现篡改时退出码为 1')
    .option('--checkpoint <文件>', '以前导出的检查点文件')
    .action(
      cli.action(async (options: VerifyOptions) => {
        const checkpoint = options.checkpoint === undefined ? undefined : readCheckpoint(cli.resolvePath(options.checkpoint));
        return cli.withSession(async ({ api }) => {
          const result = unwrap(await api.audit.verify(checkpoint ? { checkpoint } : {}));
          cli.print(result, describeVerify);
          if (result.isIntact) return EXIT.ok;
          if (!cli.isJson) cli.io.stderr.write(`校验未通过：${failureReason(result)}\n`);
          return EXIT.checkFailed;
        });
      }),
    );

  audit
    .command('checkpoint')
    .description('导出审计检查点（当前条数和末条哈希，以本单位证书签名），离线保存后可用于日后核对日志是否被截短或改写')
    .requiredOption('--out <文件>', '检查点文件的保存路径')
    .option('--force', '覆盖已存在的文件')
    .action(
      cli.action(async (options: CheckpointOptions) => {
        const file = cli.resolvePath(options.out);
        // Checked before signing in as well as on write: an earlier checkpoint is evidence, and
        // overwriting it by accident would destroy the very thing that detects a rewritten log.
        if (!options.force && existsSync(file)) throw alreadyExists(file);
        // The checkpoint is signed with the unit's key (DB3206/T 1060 §4.10): its passphrase is needed.
        const keyProtector = protectorFor(await cli.keyPassphrase(false), false);
        return cli.withSession(async ({ api }) => {
          const checkpoint = unwrap(await api.audit.checkpoint());
          writeCheckpoint(file, checkpoint, options.force === true);
          cli.print(
            checkpoint,
            (cp) =>
              `已导出审计检查点到 ${file}：共 ${cp.count} 条，末条哈希 ${cp.headHash}。\n` +
              (cp.format === 'dossier-audit-checkpoint/2' ? `已用本单位证书签名：${cp.signer.subject}（指纹 ${cp.signer.fingerprint.slice(0, 16)}…）。\n` : '') +
              `请另行保存该文件（例如交档案室或刻录光盘），日后用 dossier audit verify --checkpoint ${file} 核对。\n`,
          );
          return EXIT.ok;
        }, { keyProtector });
      }),
    );
}

function alreadyExists(file: string): ApiFailure {
  return new ApiFailure({ code: 'conflict', message: `文件 ${file} 已存在。请换一个文件名，或加 --force 覆盖。` });
}

function readCheckpoint(file: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ApiFailure({ code: 'not-found', message: `无法读取检查点文件 ${file}，请检查路径。` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw usageError(`检查点文件 ${file} 不是有效的 JSON，可能已损坏。`);
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) throw usageError(`检查点文件 ${file} 无法使用：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
  return parsed.data;
}

function writeCheckpoint(file: string, checkpoint: Checkpoint, overwrite: boolean): void {
  try {
    writeFileSync(file, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: overwrite ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(file);
    throw usageError(`无法写入 ${file}：${(error as Error).message}`);
  }
}

function failureReason(result: AuditVerifyResult): string {
  const reasons: string[] = [];
  if (result.broken) reasons.push(`哈希链在第 ${result.broken.seq} 条断开：${result.broken.reason}`);
  if (result.checkpoint && !result.checkpoint.matches) reasons.push(`与检查点不符：${result.checkpoint.reason}`);
  return reasons.join('；') || '审计日志不完整';
}

function describeVerify(result: AuditVerifyResult): string {
  const lines: string[] = [];
  if (result.broken) {
    lines.push(`审计日志已被篡改：哈希链在第 ${result.broken.seq} 条断开。`, `原因：${result.broken.reason}`);
    lines.push(`第 ${result.broken.seq} 条之前的 ${result.count} 条完整。`);
  } else {
    lines.push(`哈希链完整：共 ${result.count} 条，末条哈希 ${result.headHash}。`);
  }
  if (result.checkpoint) {
    lines.push(`检查点签名：${result.checkpoint.signature.reason}`);
    lines.push(`${result.checkpoint.matches ? '检查点核对通过' : '检查点核对未通过'}：${result.checkpoint.reason}`);
  }
  lines.push(result.isIntact ? '结论：审计日志完整。' : '结论：审计日志不完整，请立即报告安全保密管理员并保全数据目录。');
  return `${lines.join('\n')}\n`;
}
