import { CoreError } from '../../errors';
import type { DriveInspection, DriveState } from './driveDrivers';
import { QUERY_TIMEOUT_MS, runTool, shownCommand } from './driveTool';

/** SANICAP (NVMe Base Specification, Identify Controller): bit 0 Crypto Erase, bit 1 Block Erase. */
const SANICAP_CRYPTO = 0x1;
const SANICAP_BLOCK = 0x2;
/** SANACT values of the Sanitize command. */
const SANACT_BLOCK = 2;
const SANACT_CRYPTO = 4;

const parseJson = (text: string, what: string): Record<string, unknown> => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new CoreError('bad-request', `nvme ${what} 的输出不是 JSON，无法判断驱动器状态：${text.slice(0, 200)}`, 'device');
  }
};

/** nvme-cli 1.x prints the fields at the top; 2.x nests them under the device name. */
function fieldsWith(json: Record<string, unknown>, key: string): Record<string, unknown> {
  if (key in json) return json;
  for (const v of Object.values(json)) if (v && typeof v === 'object' && key in v) return v as Record<string, unknown>;
  return {};
}

export async function nvmeVersion(): Promise<string> {
  const out = await runTool('nvme', ['version'], { timeoutMs: QUERY_TIMEOUT_MS });
  return /version\s+v?([\w.-]+)/i.exec(out)?.[1] ?? out.trim();
}

/**
 * Chooses Block Erase, which NIST SP 800-88 Rev. 1 Table A-8 lists first for Purge, and falls back to
 * Crypto Erase when the controller's SANICAP does not offer it. Overwrite (SANACT 3) is not used: on
 * flash it wears the cells and reaches no more than the other two.
 */
export async function inspectNvme(dev: string): Promise<DriveInspection> {
  const version = await nvmeVersion();
  const ctrl = parseJson(await runTool('nvme', ['id-ctrl', dev, '-o', 'json'], { timeoutMs: QUERY_TIMEOUT_MS }), 'id-ctrl');
  const sanicap = Number(ctrl.sanicap ?? 0);
  const serial = String(ctrl.sn ?? '').trim();
  let sanact: number;
  let actionLabel: string;
  if (sanicap & SANICAP_BLOCK) {
    sanact = SANACT_BLOCK;
    actionLabel = 'NVMe Sanitize 块擦除（Block Erase）';
  } else if (sanicap & SANICAP_CRYPTO) {
    sanact = SANACT_CRYPTO;
    actionLabel = 'NVMe Sanitize 密码擦除（Crypto Erase）：控制器不支持块擦除（SANICAP 未置块擦除位）';
  } else {
    throw new CoreError('bad-request', `该 NVMe 控制器不支持 Sanitize 的块擦除或密码擦除（SANICAP=${sanicap}）。请改用全盘覆写，或交付销毁。`, 'device');
  }
  const args = ['sanitize', dev, `--sanact=${sanact}`];
  return { serial, tool: { name: 'nvme-cli', version }, actionLabel, args, shown: shownCommand('nvme', args), isPolled: true };
}

/** The Sanitize Status log page: SSTAT bits 2:0 say idle/done/in progress/failed, SPROG counts to 65535. */
export async function nvmeState(dev: string): Promise<DriveState> {
  const log = fieldsWith(parseJson(await runTool('nvme', ['sanitize-log', dev, '-o', 'json'], { timeoutMs: QUERY_TIMEOUT_MS }), 'sanitize-log'), 'sstat');
  const raw = log.sstat;
  const sstat = Number(raw && typeof raw === 'object' ? (raw as { status?: unknown }).status : raw);
  const sprog = Number(log.sprog ?? 0);
  const detail = `SSTAT=0x${sstat.toString(16)}，SPROG=${sprog}`;
  switch (sstat & 0x7) {
    case 1:
    case 4:
      return { state: 'done', detail };
    case 2:
      return { state: 'in-progress', fraction: sprog / 65536, detail };
    case 3:
      return { state: 'failed', detail };
    default:
      return { state: 'idle', detail };
  }
}

export async function issueNvme(inspection: DriveInspection): Promise<void> {
  // The command only starts the sanitize; the controller works on its own, also across a power loss.
  await runTool('nvme', inspection.args, { timeoutMs: QUERY_TIMEOUT_MS, shown: inspection.shown });
}
