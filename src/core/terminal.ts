import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Each installation's own identity, made at first start and kept beside the database, so the audit
 * log says from which terminal a call came (DB3206/T 1060 §4.10.2 designated terminals build on it).
 */
export function loadTerminalId(dataDir: string, nowIso: string): string {
  const file = path.join(dataDir, 'terminal.json');
  if (fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { id?: unknown };
    if (typeof saved.id === 'string' && /^T-[0-9A-F]{12}$/.test(saved.id)) return saved.id;
    throw new Error(`终端标识文件 ${file} 已损坏，请联系安全保密管理员。`);
  }
  const id = `T-${randomBytes(6).toString('hex').toUpperCase()}`;
  fs.writeFileSync(file, JSON.stringify({ id, createdAt: nowIso }, null, 2), { flag: 'wx', mode: 0o600 });
  return id;
}
