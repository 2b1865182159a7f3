import fs from 'node:fs';
import path from 'node:path';

export interface DriveSanitizeSupport {
  available: boolean;
  /** The tools found (hdparm for ATA Secure Erase, nvme-cli for NVMe Sanitize / Format). */
  tools: string[];
  /** How it was decided, in Chinese, for the plan to say plainly. */
  how: string;
}

/**
 * Test seam: whether to take the process as root. The drive-sanitize tests run fake hdparm/nvme
 * executables, which need no privilege, also where CI does not run as root. null in use.
 */
let rootOverride: boolean | null = null;

export function setAssumeRoot(isRoot: boolean | null): void {
  rootOverride = isRoot;
}

/**
 * Whether this machine could issue a drive's own sanitize command (NIST SP 800-88 Rev. 1 Table A-8:
 * ATA SANITIZE / SECURITY ERASE UNIT, NVMe Sanitize): on Linux that takes hdparm or nvme-cli on the
 * PATH and root, since both send raw commands to the device. Elsewhere the vendor's tool is needed.
 */
export function driveSanitizeSupport(env: { platform?: NodeJS.Platform; pathVar?: string; isRoot?: boolean } = {}): DriveSanitizeSupport {
  const platform = env.platform ?? process.platform;
  if (platform !== 'linux') return { available: false, tools: [], how: `本软件只在 Linux 上检测 hdparm/nvme；当前平台为 ${platform}，请使用驱动器厂商的工具` };
  const dirs = (env.pathVar ?? process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const tools = ['hdparm', 'nvme'].filter((t) => dirs.some((d) => isExecutable(path.join(d, t))));
  const isRoot = env.isRoot ?? rootOverride ?? process.getuid?.() === 0;
  if (!tools.length) return { available: false, tools, how: '在 PATH 中未找到 hdparm 或 nvme 命令' };
  if (!isRoot) return { available: false, tools, how: `找到 ${tools.join('、')}，但本程序不是以 root 运行，不能向驱动器发送擦除命令` };
  return { available: true, tools, how: `在 PATH 中找到 ${tools.join('、')}，且以 root 运行` };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
