import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ApiFailure, unwrap, type ArchiveApi, type SessionInfo } from '../contract';
import { createCore } from '../core/createCore';
import { defaultDataDir } from '../core/dataDir';
import type { Caller, Core, CoreConfig, KeyProtector, ServedFile } from '../core/types';
import { EXIT, type ExitCode } from './exitCodes';
import { sanitizeCell } from './format';
import { PromptCancelled, writeJson, type CliIo } from './io';

export interface GlobalOptions {
  data?: string;
  user?: string;
  json?: boolean;
}

/** Core settings a caller of `run` may change; tests lower `scryptCost` to keep the suite fast. */
export type CoreOverrides = Omit<CoreConfig, 'dataDir'>;

export interface RunOptions {
  core?: CoreOverrides;
}

export interface Session {
  api: ArchiveApi;
  info: SessionInfo;
  /** A stored file (a compiled volume, a report) for copying out: a download, asked as an export under the policy. */
  openFile(fileId: string): ServedFile;
  /**
   * The password this command signed in with, typed (or set) for this very command: what a sensitive
   * action sends as `confirmPassword` (issue 5 item 6), so the CLI never asks for it twice in one run.
   */
  confirmPassword: string;
}

export function usageError(message: string): ApiFailure {
  return new ApiFailure({ code: 'bad-request', message });
}

/** What every command needs: the global options, credentials, output, and a core to talk to. */
export class CliContext {
  exitCode: ExitCode = EXIT.ok;

  constructor(
    readonly io: CliIo,
    private readonly program: Command,
    private readonly coreOverrides: CoreOverrides = {},
  ) {}

  private get globals(): GlobalOptions {
    return this.program.opts<GlobalOptions>();
  }

  get isJson(): boolean {
    return this.globals.json === true;
  }

  resolvePath(p: string): string {
    return path.resolve(this.io.cwd ?? process.cwd(), p);
  }

  get dataDir(): string {
    const explicit = this.globals.data ?? this.io.env.DOSSIER_DATA;
    return explicit ? this.resolvePath(explicit) : defaultDataDir(this.io.env);
  }

  /** Wraps a command body so that its exit code survives commander, which ignores return values. */
  action<A extends unknown[]>(body: (...args: A) => Promise<ExitCode>): (...args: A) => Promise<void> {
    return async (...args: A) => {
      this.exitCode = await body(...args);
    };
  }

  print<T>(value: T, human: (value: T) => string): void {
    if (this.isJson) writeJson(this.io, value);
    else this.io.stdout.write(human(value));
  }

  username(): string {
    const name = (this.globals.user ?? this.io.env.DOSSIER_USER ?? '').trim();
    if (!name) throw usageError('请用 --user <用户名> 指定登录用户，或设置环境变量 DOSSIER_USER。');
    return name;
  }

  async password(): Promise<string> {
    const fromEnv = this.io.env.DOSSIER_PASSWORD;
    if (fromEnv) return fromEnv;
    return this.ask('密码：', 'DOSSIER_PASSWORD');
  }

  /**
   * The passphrase that seals the unit's signing key for the CLI (the app uses the OS key store):
   * DOSSIER_KEY_PASSPHRASE, or asked on the terminal (twice when it is being chosen).
   */
  async keyPassphrase(isNew: boolean): Promise<string> {
    const fromEnv = this.io.env.DOSSIER_KEY_PASSPHRASE;
    if (fromEnv) return fromEnv;
    const first = await this.ask('签章私钥保护口令：', 'DOSSIER_KEY_PASSPHRASE');
    if (!isNew) return first;
    const second = await this.ask('再次输入签章私钥保护口令：', 'DOSSIER_KEY_PASSPHRASE');
    if (first !== second) throw usageError('两次输入的口令不一致，请重新运行命令。');
    return first;
  }

  /** A password being chosen is asked twice, because a typo in a hidden field would lock the user out. */
  async newPassword(envName: string, whose: string): Promise<string> {
    const fromEnv = this.io.env[envName];
    if (fromEnv) return fromEnv;
    const first = await this.ask(`${whose}的新密码：`, envName);
    const second = await this.ask(`再次输入${whose}的新密码：`, envName);
    if (first !== second) throw usageError('两次输入的密码不一致，请重新运行命令。');
    return first;
  }

  /** Asks on the terminal for a secret that `envName` could have given instead. */
  async ask(question: string, envName: string): Promise<string> {
    if (!this.io.prompt) throw usageError(`没有可以输入密码的终端。请设置环境变量 ${envName} 后再运行。`);
    try {
      return await this.io.prompt(question);
    } catch (error) {
      if (error instanceof PromptCancelled) throw usageError('已取消。');
      throw error;
    }
  }

  /**
   * Opens the core without signing in, runs `work`, then signs out (if `work` signed in) and closes
   * the core whatever happened, so that no CLI run leaves a live session or an open database behind.
   */
  async withClient(options: { mustExist: boolean; keyProtector?: KeyProtector }, work: (api: ArchiveApi, core: Core, caller: Caller) => Promise<ExitCode>): Promise<ExitCode> {
    const dataDir = this.dataDir;
    // Opening the core creates the folder; a mistyped --data must not quietly start a second archive.
    if (options.mustExist && !existsSync(dataDir)) {
      throw new ApiFailure({
        code: 'not-set-up',
        message: `数据目录 ${dataDir} 不存在。请检查 --data 或 DOSSIER_DATA；新装的工作站请先运行 dossier init。`,
      });
    }
    const core = createCore({ ...this.coreOverrides, dataDir, ...(options.keyProtector ? { keyProtector: options.keyProtector } : {}) });
    const stopProgress = this.showProgress(core);
    try {
      const caller: Caller = { channel: 'cli', session: { token: null } };
      const api = core.client(caller);
      try {
        return await work(api, core, caller);
      } finally {
        // A failed logout is not the user's problem: the session ends by idle timeout anyway.
        if (caller.session.token) await api.auth.logout();
      }
    } finally {
      stopProgress();
      core.close();
    }
  }

  /** Signs in with the global credentials, like a person at the app's login screen, then runs `work`. */
  async withSession(work: (session: Session) => Promise<ExitCode>, options: { keyProtector?: KeyProtector } = {}): Promise<ExitCode> {
    const username = this.username();
    const password = await this.password();
    return this.withClient({ mustExist: true, ...options }, async (api, core, caller) => {
      const info = unwrap(await api.auth.login({ username, password }));
      return work({ api, info, openFile: (fileId) => unwrap(core.openFile(fileId, caller, { intent: 'download' })), confirmPassword: password });
    });
  }

  private showProgress(core: Core): () => void {
    if (!this.io.isStderrTerminal) return () => {};
    let isShowing = false;
    const unsubscribe = core.onEvent((event) => {
      if (event.type === 'job.progress') {
        this.io.stderr.write(`\r\u001b[K${sanitizeCell(event.label)} ${event.done}/${event.total}`);
        isShowing = true;
      } else if (event.type === 'job.finished' && isShowing) {
        this.io.stderr.write('\r\u001b[K');
        isShowing = false;
      }
    });
    return () => {
      unsubscribe();
      if (isShowing) this.io.stderr.write('\n');
    };
  }
}
