import type { ArchiveApi, ArchiveEvent, Envelope, MethodName } from '../contract';
import type { KeyProtector } from './pdf/sign/keyProtection';

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
  /** A stored file for the viewer, after the same authorization as the API; refusals are audited. */
  openFile(fileId: string, caller: Caller): Envelope<ServedFile>;
  /** Subscribe to events; returns the unsubscribe function. */
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
  readonly dataDir: string;
  readonly terminalId: string;
  close(): void;
}
