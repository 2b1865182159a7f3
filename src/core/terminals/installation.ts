import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fingerprintOf, spkiOf, terminalIdOf, TERMINAL_ID_PATTERN } from './fingerprint';

/** This installation's terminal: the Electron app and the CLI over one data folder (decision 0012). */
export interface InstallationTerminal {
  id: string;
  fingerprint: string;
  /** SPKI DER, base64. */
  publicKey: string;
  /** The random `T-…` id the folder had before terminals had keys, kept so old audit entries can be matched. */
  legacyId: string | null;
  createdAt: string;
}

const ID_FILE = 'terminal.json';
const KEY_FILE = 'terminal-key.pem';
const FORMAT = 'dossier-terminal/2';

interface SavedTerminal {
  format?: unknown;
  id?: unknown;
  fingerprint?: unknown;
  legacyId?: unknown;
  createdAt?: unknown;
}

/**
 * Loads this installation's key pair, or makes it at first start (DB3206/T 1060 §4.10.2: reading
 * happens only at a designated terminal, so each terminal needs an identity that cannot be made up).
 * The private key is written once with mode 0600 beside the database; an older folder's random id
 * stays in terminal.json as `legacyId`. A key that no longer matches terminal.json, or a missing key
 * where one was made, stops the start: a silently new identity would lose the designation unnoticed.
 */
export function loadInstallationTerminal(dataDir: string, nowIso: string): InstallationTerminal {
  const idFile = path.join(dataDir, ID_FILE);
  const keyFile = path.join(dataDir, KEY_FILE);
  const saved = readSaved(idFile);
  const savedFingerprint = typeof saved?.fingerprint === 'string' ? saved.fingerprint : null;
  if (!fs.existsSync(keyFile)) {
    if (savedFingerprint) {
      throw new Error(
        `终端私钥文件 ${keyFile} 缺失，本终端的身份（指纹 ${savedFingerprint.slice(0, 16)}…）无法证明。请从备份恢复该文件；若确需换成新的终端身份，请删除 ${idFile} 后重新启动，并请安全保密管理员重新指定查阅终端。`,
      );
    }
    if (!createKey(keyFile)) return loadInstallationTerminal(dataDir, nowIso); // another process made it first
  }
  const publicKey = publicKeyOf(keyFile);
  const spki = spkiOf(publicKey);
  const fingerprint = fingerprintOf(spki);
  if (savedFingerprint && savedFingerprint !== fingerprint) {
    throw new Error(`终端私钥文件 ${keyFile} 与 ${idFile} 不相符（私钥被替换或文件被改动）。请从备份恢复这两个文件，或联系安全保密管理员。`);
  }
  const legacyId = legacyIdOf(saved, idFile);
  const terminal: InstallationTerminal = {
    id: terminalIdOf(fingerprint),
    fingerprint,
    publicKey: spki.toString('base64'),
    legacyId,
    createdAt: typeof saved?.createdAt === 'string' && savedFingerprint ? saved.createdAt : nowIso,
  };
  if (!savedFingerprint) writeSaved(idFile, terminal);
  return terminal;
}

function readSaved(file: string): SavedTerminal | null {
  if (!fs.existsSync(file)) return null;
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedTerminal;
    if (saved && typeof saved === 'object') return saved;
  } catch {
    // reported below
  }
  throw new Error(`终端标识文件 ${file} 已损坏，请从备份恢复，或联系安全保密管理员。`);
}

/** Before keys, terminal.json held only a random `T-…` id; that id becomes the legacy id. */
function legacyIdOf(saved: SavedTerminal | null, file: string): string | null {
  if (!saved) return null;
  if (saved.format === FORMAT) return typeof saved.legacyId === 'string' ? saved.legacyId : null;
  if (typeof saved.id === 'string' && TERMINAL_ID_PATTERN.test(saved.id)) return saved.id;
  throw new Error(`终端标识文件 ${file} 已损坏，请从备份恢复，或联系安全保密管理员。`);
}

/** Ed25519: small keys, one algorithm, no parameters to get wrong. false when the file already exists. */
function createKey(keyFile: string): boolean {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  try {
    // 'wx': never overwrite a key; 0600: other accounts on this computer cannot read it (POSIX only).
    fs.writeFileSync(keyFile, pem, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function publicKeyOf(keyFile: string): KeyObject {
  try {
    return createPublicKey(createPrivateKey(fs.readFileSync(keyFile)));
  } catch {
    throw new Error(`终端私钥文件 ${keyFile} 无法读取或已损坏。请从备份恢复该文件，或联系安全保密管理员。`);
  }
}

function writeSaved(file: string, t: InstallationTerminal): void {
  const body = { format: FORMAT, id: t.id, fingerprint: t.fingerprint, publicKey: t.publicKey, legacyId: t.legacyId, createdAt: t.createdAt };
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(body, null, 2), { mode: 0o600 });
  fs.renameSync(temp, file);
}
