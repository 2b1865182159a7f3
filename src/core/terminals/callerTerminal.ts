import { UNREGISTERED_TERMINAL_ID, type CurrentTerminalDto } from '../../contract';
import type { Caller } from '../types';
import type { InstallationTerminal } from './installation';

/** The terminal a call comes from, as the pipeline puts it in the context and the audit log. */
export interface CallerTerminal {
  id: string;
  /** null for an unregistered browser. */
  fingerprint: string | null;
  kind: CurrentTerminalDto['kind'];
}

/**
 * The app and the CLI run on this installation, so their calls are its terminal's. A web call is
 * the browser's terminal only when its session slot was bound by a proof of the key (possession.ts);
 * a web slot without one, whatever else it holds, is unregistered, never the installation: the web
 * host serves other computers' browsers in a reading room.
 */
export function callerTerminal(installation: InstallationTerminal, caller: Caller): CallerTerminal {
  if (caller.channel !== 'web') return { id: installation.id, fingerprint: installation.fingerprint, kind: 'installation' };
  const bound = caller.session.terminal;
  if (bound) return { id: bound.id, fingerprint: bound.fingerprint, kind: 'browser' };
  return { id: UNREGISTERED_TERMINAL_ID, fingerprint: null, kind: 'unregistered' };
}
