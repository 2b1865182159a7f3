import { CoreError } from '../../errors';
import type { DriveInspection, DriveState } from './driveDrivers';
import { QUERY_TIMEOUT_MS, runTool, shownCommand } from './driveTool';

/** hdparm asks for this before any sanitize command. */
const YES = '--yes-i-know-what-i-am-doing';
/** What the certificate shows instead of the one-time password. */
const HIDDEN = '<一次性口令>';
/** ATA Security Erase returns only when done; the drive's own estimate is used, with room, else 12 h. */
const DEFAULT_ERASE_MS = 12 * 3600_000;

export async function hdparmVersion(): Promise<string> {
  const out = await runTool('hdparm', ['-V'], { timeoutMs: QUERY_TIMEOUT_MS });
  return /v?(\d[\w.-]*)/.exec(out)?.[1] ?? out.trim();
}

/** `hdparm -I`'s security block says "frozen" on its own line, or "not\tfrozen". */
export const isFrozen = (identify: string) => /^\s*frozen\s*$/m.test(identify);

/**
 * ATA drives: the SANITIZE feature set (BLOCK ERASE, else CRYPTO SCRAMBLE) when `hdparm -I` lists it,
 * otherwise SECURITY ERASE UNIT with a one-time user password (NIST SP 800-88 Rev. 1 Table A-8 lists
 * both for Purge). A frozen security state (set by the BIOS at boot) refuses Security Erase.
 */
export type AtaInspection = DriveInspection & { timeoutMs: number; isPasswordSet: boolean };

export async function inspectAta(dev: string, password: string): Promise<AtaInspection> {
  const version = await hdparmVersion();
  const identify = await runTool('hdparm', ['-I', dev], { timeoutMs: QUERY_TIMEOUT_MS });
  const serial = /Serial Number:\s*(\S+)/.exec(identify)?.[1] ?? '';
  const tool = { name: 'hdparm' as const, version };
  if (/SANITIZE feature set/i.test(identify)) {
    const block = /BLOCK_ERASE_EXT/i.test(identify);
    if (!block && !/CRYPTO_SCRAMBLE_EXT/i.test(identify)) throw new CoreError('bad-request', '该驱动器的 SANITIZE 功能既不支持块擦除也不支持密码擦除。请改用全盘覆写，或交付销毁。', 'device');
    const args = [YES, block ? '--sanitize-block-erase' : '--sanitize-crypto-scramble', dev];
    const actionLabel = block ? 'ATA SANITIZE 块擦除（BLOCK ERASE）' : 'ATA SANITIZE 密码擦除（CRYPTO SCRAMBLE）：驱动器不支持块擦除';
    return { serial, tool, actionLabel, args, shown: shownCommand('hdparm', args), isPolled: true, timeoutMs: QUERY_TIMEOUT_MS, isPasswordSet: false };
  }
  if (!/Security:/.test(identify) || /^\s*not\s+supported/m.test(identify.split('Security:')[1] ?? '')) {
    throw new CoreError('bad-request', '该驱动器既无 SANITIZE 功能也不支持 ATA 安全擦除（Security Erase）。请改用全盘覆写，或交付销毁。', 'device');
  }
  if (isFrozen(identify)) {
    throw new CoreError(
      'bad-request',
      '该驱动器处于安全冻结（frozen）状态，不能执行 ATA 安全擦除。请将驱动器断电后重新上电，或在开机状态下热插拔其数据线/电源线（重启整机无效，BIOS 会再次冻结），然后重试。',
      'device',
    );
  }
  const minutes = Number(/(\d+)\s*min for SECURITY ERASE UNIT/i.exec(identify)?.[1] ?? 0);
  const args = ['--user-master', 'u', '--security-erase', password, dev];
  return {
    serial,
    tool,
    actionLabel: 'ATA 安全擦除（SECURITY ERASE UNIT）：驱动器无 SANITIZE 功能',
    args,
    shown: `${shownCommand('hdparm', ['--user-master', 'u', '--security-set-pass', HIDDEN, dev])}；${shownCommand('hdparm', ['--user-master', 'u', '--security-erase', HIDDEN, dev])}`,
    isPolled: false,
    // "enabled" without "not": a user password is set, e.g. by a run that crashed before its erase finished.
    isPasswordSet: /^\s*enabled\s*$/m.test(identify.split('Security:')[1] ?? ''),
    timeoutMs: minutes ? minutes * 2 * 60_000 + 600_000 : DEFAULT_ERASE_MS,
  };
}

/** `hdparm --sanitize-status`: "SD2 Sanitize operation In Process", "Progress: 0x8000 (50%)", "Completed …". */
export async function ataState(dev: string): Promise<DriveState> {
  const out = await runTool('hdparm', ['--sanitize-status', dev], { timeoutMs: QUERY_TIMEOUT_MS });
  const detail = out.trim().split('\n').map((l) => l.trim()).filter(Boolean).slice(-2).join('；');
  if (/in process/i.test(out)) return { state: 'in-progress', fraction: Number(/\((\d+)%\)/.exec(out)?.[1] ?? 0) / 100, detail };
  if (/completed without error/i.test(out)) return { state: 'done', detail };
  if (/fail|completed with error/i.test(out)) return { state: 'failed', detail };
  return { state: 'idle', detail };
}

/**
 * Sanitize: starts it. Security Erase: sets the one-time password, then erases, which returns only
 * when the drive is done (the drive clears the password itself). Neither can be stopped once sent.
 */
export async function issueAta(dev: string, inspection: AtaInspection, password: string): Promise<void> {
  if (inspection.isPolled) {
    await runTool('hdparm', inspection.args, { timeoutMs: QUERY_TIMEOUT_MS, shown: inspection.shown });
    return;
  }
  const setPass = ['--user-master', 'u', '--security-set-pass', password, dev];
  // A drive left locked by an interrupted erase takes the erase with the saved password; setting one again would be refused.
  if (!inspection.isPasswordSet) await runTool('hdparm', setPass, { timeoutMs: QUERY_TIMEOUT_MS, shown: shownCommand('hdparm', ['--user-master', 'u', '--security-set-pass', HIDDEN, dev]) });
  await runTool('hdparm', inspection.args, { timeoutMs: inspection.timeoutMs, shown: inspection.shown });
}
