import type { CurrentTerminalDto } from '../../../contract';

/** The query both the header's 本终端 and the 查阅终端 screen refresh after a designation. */
export const CURRENT_TERMINAL_KEY = ['terminals.current'] as const;
export const TERMINALS_KEY = ['terminals.list'] as const;

export const TERMINAL_KIND_LABELS: Record<CurrentTerminalDto['kind'], string> = {
  installation: '工作站本机',
  browser: '浏览器',
  unregistered: '未登记终端',
};

/** DOMAIN.md: 指定地点 = designated terminal (DB3206/T 1060 §4.10.2). */
export function designationLabel(isDesignated: boolean): string {
  return isDesignated ? '指定查阅终端' : '未指定';
}
