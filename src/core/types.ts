import type { ArchiveApi, ArchiveEvent, CurrentTerminalDto, Envelope, MethodName } from '../contract';
import type { KeyProtector } from './pdf/sign/keyProtection';
import type { InstallationTerminal } from './terminals/installation';
import type { TerminalProof } from './terminals/possession';

export type { KeyProtector } from './pdf/sign/keyProtection';

/**
 * Who is calling, as a transport knows it. The transport owns the session slot: one per window
 * (IPC), per browser cookie (web host) or per CLI run. `auth.login` fills it, `auth.logout` clears it.
 */
export interface Caller {
  channel: 'app' | 'web' | 'cli';
  session: SessionSlot;
}

export interface SessionSlot {
  token: string | null;
  /**
   * Web host only: the browser terminal this slot proved it holds the key of (decision 0012). Set by
   * `Core.terminals.prove` alone; a web slot without it is an unregistered terminal.
   */
  terminal?: { id: string; fingerprint: string };
}

export interface CoreConfig {
  /** Folder holding the database, the file store and the terminal identity. */
  dataDir: string;
  /**
   * Path of a better-sqlite3 binding built for the running runtime. Electron passes the one built
   * for its ABI (docs/decisions/0002-native-sqlite-for-node-and-electron.md); Node leaves it unset.
   */
  nativeBinding?: string;
  /** Clock, replaceable in tests (idle expiry, lockout, grant windows). */
  now?: () => Date;
  /** scrypt cost; tests lower it to keep the suite fast. Default 2^15. */
  scryptCost?: number;
  /**
   * Seals the unit's signing key at rest: Electron safeStorage in the app, a passphrase for the CLI
   * and the web host. Without one (an app on a machine without an OS key store) the key is sealed
   * by a passphrase given at set-up (`setup.initialize` keyPassphrase) and, after each start, by
   * `signing.unlock`; it is then kept in memory for the run only.
   */
  keyProtector?: KeyProtector;
  /** scrypt cost (log2 N) of passphrases given at run time; tests lower it. Default 17 (keyProtection.ts). */
  keyPassphraseLogN?: number;
  /** RSA size of a newly created unit certificate; tests lower it. Default 3072. */
  signingKeyBits?: 2048 | 3072 | 4096;
}

export interface OpenFileOptions {
  /** 'download': the bytes leave the workstation (a save, a copy out), which is an export under the policy. Default 'view'. */
  intent?: 'view' | 'download';
  /** A later byte range of a read already opened (a viewer's range requests): checked again, not logged again. */
  continuation?: boolean;
}

export interface ServedFile {
  path: string;
  name: string;
  mediaType: string;
  size: number;
}

export interface Core {
  /** Validate -> authenticate -> authorize -> run -> audit, for any transport. Never throws. */
  invoke(method: MethodName, request: unknown, caller: Caller): Promise<Envelope<unknown>>;
  /** A typed client bound to one caller (used by the CLI and tests). */
  client(caller: Caller): ArchiveApi;
  /**
   * A stored file for the viewer or to save, after the one access policy (access/fileAccess.ts);
   * refusals and reads are audited.
   */
  openFile(fileId: string, caller: Caller, options?: OpenFileOptions): Envelope<ServedFile>;
  /** Subscribe to events; returns the unsubscribe function. */
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
  readonly dataDir: string;
  /** This installation's terminal id (the app's and the CLI's calls carry it). */
  readonly terminalId: string;
  /** Terminal identity (decision 0012): this installation's, and proof of possession for browsers. */
  readonly terminals: {
    readonly installation: InstallationTerminal;
    /** A one-use challenge for a web session slot to sign. */
    challenge(caller: Caller): { challenge: string; expiresAt: string };
    /** Checks a browser's signature over its challenge and binds the slot to that terminal. */
    prove(caller: Caller, proof: TerminalProof, origin: string, label: string): Envelope<CurrentTerminalDto>;
  };
  close(): void;
}
