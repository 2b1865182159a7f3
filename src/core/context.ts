import type { ArchiveEvent, MethodName, ParsedRequestOf, ResponseOf, Role } from '../contract';
import type { Permission } from './access/permissions';
import type { JobRunner } from './jobs/jobs';
import type { SigningKeys } from './signing/keys';
import type { CallerTerminal } from './terminals/callerTerminal';
import type { Db } from './store/db';
import type { Caller, KeyProtector } from './types';
import type { Vault } from './vault/vault';

export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  department: string;
  roles: Role[];
}

/** What a handler gets: the store, the clock, who is calling, and a place to describe the audit entry. */
export interface Context {
  db: Db;
  vault: Vault;
  now: Date;
  nowIso: string;
  user: AuthUser | null;
  caller: Caller;
  /** The id of the terminal the call comes from (`terminal.id`), as the audit log records it. */
  terminalId: string;
  /** The terminal the call comes from (decision 0012): this installation, a proven browser, or unregistered. */
  terminal: CallerTerminal;
  scryptCost: number;
  /**
   * The protector for the unit's current signing key (or, when this process has none of its kind,
   * whatever it has, so that opening names the mismatch); null when the key is locked.
   */
  readonly keyProtector: KeyProtector | null;
  /** The key protectors of this run; `setup.initialize` and `signing.unlock` add a passphrase. */
  keys: SigningKeys;
  signingKeyBits: 2048 | 3072 | 4096;
  emit(event: ArchiveEvent): void;
  jobs: JobRunner;
  /** The jobId the caller chose for this call's job (`jobId` in the request), if any. */
  requestedJobId?: string;
  /** Undo for effects outside the database (copied files) if the call's transaction rolls back. */
  onRollback(undo: () => void): void;
  /** Filled by the handler: the object acted on (e.g. `case:2024-001`) and a short detail for the log. */
  audit: { target: string; detail: string; actor?: string };
}

/**
 * How the pipeline treats a method. `read` is logged only when refused; `view` (opening a case) and
 * `change` are always logged, with their outcome.
 */
interface SpecBase {
  kind: 'read' | 'view' | 'change';
  /** `public`: no session needed; `signed-in`: any session; otherwise the permission required. */
  access: 'public' | 'signed-in' | Permission;
  /**
   * A sensitive action (issue 5 item 6: approve, archive, wipe, change roles): the request carries
   * `confirmPassword`, checked against the caller's own password before anything runs.
   */
  reauth?: boolean;
}

/** Short work: runs inside one transaction together with its audit entry. */
export interface SyncSpec<M extends MethodName> extends SpecBase {
  /**
   * false when the handler must commit something even as it fails (a failed login counts toward
   * the lockout); it then manages its own transactions.
   */
  transactional?: boolean;
  run(ctx: Context, request: ParsedRequestOf<M>): ResponseOf<M>;
}

/**
 * Long work (a job): not one transaction, because it must not hold the database while it reads
 * gigabytes. It writes in small transactions of its own and leaves a clean end state on failure;
 * its audit entry is appended when it ends.
 */
export interface AsyncSpec<M extends MethodName> extends SpecBase {
  runAsync(ctx: Context, request: ParsedRequestOf<M>): Promise<ResponseOf<M>>;
}

export type MethodSpec<M extends MethodName> = SyncSpec<M> | AsyncSpec<M>;

export type Handlers = { [M in MethodName]: MethodSpec<M> };
