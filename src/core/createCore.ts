import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { buildClient, type ArchiveEvent, type Envelope } from '../contract';
import { accessHandlers } from './access/handlers';
import { borrowingHandlers } from './access/borrowing/handlers';
import { accessPolicyHandlers } from './access/policyHandlers';
import { readingHandlers } from './reading/handlers';
import { mediaHandlers } from './media/handlers';
import { sanitizeHandlers } from './media/sanitize/handlers';
import { erecordHandlers } from './erecords/handlers';
import { DEFAULT_SCRYPT_COST } from './access/passwords';
import { decideFileAccess } from './access/fileAccess';
import { resolveSession } from './access/sessions';
import { getUserRow, toAuthUser } from './access/users';
import { invoke, type Pipeline } from './api';
import { appendAudit } from './audit/log';
import { auditHandlers } from './audit/handlers';
import { caseHandlers } from './cases/handlers';
import { fixityHandlers } from './fixity/handlers';
import { signingHandlers } from './signing/handlers';
import { SigningKeys } from './signing/keys';
import { signingManageHandlers } from './signing/manage';
import { scanHandlers } from './scan/handlers';
import { JobRunner } from './jobs/jobs';
import { jobHandlers } from './jobs/handlers';
import { dossierHandlers } from './dossier/handlers';
import type { Handlers } from './context';
import { openDatabase } from './store/db';
import { terminalHandlers } from './terminals/handlers';
import { loadInstallationTerminal } from './terminals/installation';
import { TerminalPossession } from './terminals/possession';
import { registerSeen } from './terminals/register';
import { callerTerminal } from './terminals/callerTerminal';
import type { Caller, Core, CoreConfig, OpenFileOptions, ServedFile } from './types';
import { Vault } from './vault/vault';
import { setLayoutCacheDir } from './pdf/writer/layoutCache';
import { tierUpLater } from './tiering';

/** For the shells: the CLI and the web host seal the unit's signing key with a passphrase. */
export { passphraseProtector, MIN_PASSPHRASE_LENGTH } from './pdf/sign';

export const HANDLERS: Handlers = { ...accessHandlers, ...caseHandlers, ...auditHandlers, ...fixityHandlers, ...signingHandlers, ...signingManageHandlers, ...scanHandlers, ...dossierHandlers, ...jobHandlers, ...terminalHandlers, ...borrowingHandlers, ...accessPolicyHandlers, ...readingHandlers, ...mediaHandlers, ...sanitizeHandlers, ...erecordHandlers } as Handlers;

/** The one place where the application is wired together. */
export function createCore(config: CoreConfig): Core {
  tierUpLater();
  const now = config.now ?? (() => new Date());
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const installation = loadInstallationTerminal(config.dataDir, now().toISOString());
  const terminalId = installation.id;
  const db = openDatabase(path.join(config.dataDir, 'archive.db'), config.nativeBinding);
  // The installation is seen whenever it starts, so it can be designated (DB3206/T 1060 §4.10.2).
  const isRegistered = db.transaction(() =>
    registerSeen(db, { id: installation.id, fingerprint: installation.fingerprint, publicKey: installation.publicKey, kind: 'installation', label: '工作站本机（桌面程序与命令行）', legacyId: installation.legacyId }, now().toISOString()),
  )();
  if (!isRegistered) throw new Error(`终端编号 ${installation.id} 在终端登记表中属于另一把密钥。请联系安全保密管理员核对 ${config.dataDir} 中的终端文件。`);
  const possession = new TerminalPossession(db, now);
  const vault = new Vault(config.dataDir);
  // Runs of text shaped by fontkit, kept for the next process (decision 0022).
  setLayoutCacheDir(path.join(config.dataDir, 'cache'));
  const events = new EventEmitter();
  const emit = (event: ArchiveEvent) => events.emit('event', event);
  const jobs = new JobRunner(emit);
  const pipeline: Pipeline = {
    db,
    vault,
    handlers: HANDLERS,
    installation,
    scryptCost: config.scryptCost ?? DEFAULT_SCRYPT_COST,
    keys: new SigningKeys(config.keyProtector ?? null, config.keyPassphraseLogN ? { logN: config.keyPassphraseLogN } : {}),
    signingKeyBits: config.signingKeyBits ?? 3072,
    now,
    emit,
    jobs,
  };

  const core: Core = {
    dataDir: config.dataDir,
    terminalId,
    terminals: {
      installation,
      challenge: (caller) => possession.challenge(caller),
      prove: (caller, proof, origin, label) => possession.prove(caller, proof, origin, label),
    },
    invoke: (method, request, caller) => invoke(pipeline, method, request, caller),
    client: (caller) => buildClient((method, request) => invoke(pipeline, method, request, caller)),
    openFile: (fileId, caller, options) => openFile(pipeline, fileId, caller, options),
    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    close: () => {
      jobs.cancelAll();
      db.close();
    },
  };
  return core;
}

/**
 * Files go to the viewer only after the same checks as the API (signed in, then the one access
 * policy for the case the file belongs to, access/fileAccess.ts); refusals are logged like any other,
 * and so is every file handed out (a view of case records, DB3206/T 1060 §4.10).
 */
function openFile(p: Pipeline, fileId: string, caller: Caller, options: OpenFileOptions = {}): Envelope<ServedFile> {
  const intent = options.intent ?? 'view';
  const action = intent === 'download' ? 'files.download' : 'files.open';
  const at = p.now();
  const session = resolveSession(p.db, caller.session.token, at);
  const user = session.status === 'active' ? toAuthUser(p.db, getUserRow(p.db, session.userId)) : null;
  const terminal = callerTerminal(p.installation, caller);
  const log = (outcome: 'ok' | 'denied', target: string, detail: string) =>
    p.db.transaction(() =>
      appendAudit(p.db, { at: at.toISOString(), actor: user?.username ?? '（未登录）', action, target, terminalId: terminal.id, channel: caller.channel, outcome, detail }),
    )();
  const refuse = (message: string, code: 'unauthenticated' | 'forbidden' | 'not-found', target = `file:${fileId}`) => {
    log('denied', target, message);
    return { ok: false as const, error: { code, message } };
  };
  if (!user) return refuse('尚未登录或登录已超时，请重新登录。', 'unauthenticated');
  const row = /^\d+$/.test(fileId)
    ? (p.db.prepare('SELECT id, sha256, name, media_type, size FROM files WHERE id = ?').get(Number(fileId)) as
        | { id: number; sha256: string; name: string; media_type: string; size: number }
        | undefined)
    : undefined;
  if (!row) return { ok: false, error: { code: 'not-found', message: '文件不存在。' } };
  const access = decideFileAccess({ db: p.db, now: at, user, terminal }, row.id, intent);
  if (!access.allow) return refuse(access.reason, access.code);
  if (!options.continuation) log('ok', access.target, row.name);
  return { ok: true, value: { path: p.vault.pathOf(row.sha256), name: row.name, mediaType: row.media_type, size: row.size } };
}
