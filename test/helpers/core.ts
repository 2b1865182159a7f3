import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArchiveApi, Envelope, Role } from '../../src/contract';
import { createCore } from '../../src/core/createCore';
import { passphraseProtector } from '../../src/core/pdf/sign';
import type { Caller, Core } from '../../src/core/types';

export const PASSWORD = 'correct-horse-1';

/** A mutable clock so tests can move time (idle sessions, lockouts). */
export class TestClock {
  constructor(public current = new Date('2024-06-01T08:00:00Z')) {}
  now = () => new Date(this.current);
  advanceMinutes(m: number) {
    this.current = new Date(this.current.getTime() + m * 60_000);
  }
}

export function tempDir(prefix = 'dossier-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function newCaller(channel: Caller['channel'] = 'cli'): Caller {
  return { channel, session: { token: null } };
}

export function value<T>(e: Envelope<T>): T {
  if (!e.ok) throw new Error(`expected ok, got ${e.error.code}: ${e.error.message}`);
  return e.value;
}

export interface TestUnit {
  core: Core;
  dir: string;
  clock: TestClock;
  admin: ArchiveApi;
  /** Creates a user with these roles and returns a client signed in as them. */
  signIn(username: string, roles: Role[], department?: string): Promise<ArchiveApi>;
  close(): void;
}

/**
 * A set-up unit over a real SQLite file in a temp folder, with cheap scrypt; with `signingKey`, the
 * unit gets its signing certificate at set-up (a passphrase-sealed key, as on a machine without an
 * OS key store), which costs a key generation.
 */
export async function setUpUnit(dir = tempDir(), options: { signingKey?: boolean } = {}): Promise<TestUnit> {
  const clock = new TestClock();
  const keys = options.signingKey ? { keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 as const } : {};
  const core = createCore({ dataDir: dir, scryptCost: 1024, now: clock.now, ...keys });
  const admin = core.client(newCaller());
  value(
    await admin.setup.initialize({
      compilingUnit: '南通市烟草专卖局',
      fondsNumber: 'J032',
      admin: { username: 'admin', displayName: '系统管理员', department: '办公室', password: PASSWORD },
    }),
  );
  return {
    core,
    dir,
    clock,
    admin,
    async signIn(username, roles, department = '专卖监督管理科') {
      value(await admin.users.create({ username, displayName: username, department, roles, password: PASSWORD }));
      const client = core.client(newCaller());
      value(await client.auth.login({ username, password: PASSWORD }));
      return client;
    },
    close: () => core.close(),
  };
}

export const FIXTURE_FOLDER = path.resolve(__dirname, '../fixtures/case-folder');

export const sampleCase = (caseNumber = '通烟立〔2024〕第7号') => ({
  caseNumber,
  cause: '涉嫌无烟草专卖零售许可证经营烟草制品零售业务',
  party: { kind: 'organization' as const, name: '南通市崇川区宏达便利店', address: '南通市崇川区人民路 1 号', legalRepresentative: '赵宏达', representativeTitle: '经营者' },
  source: '举报',
  procedure: '一般程序' as const,
  handlers: [{ name: '陈立' }, { name: '周敏' }],
  department: '专卖监督管理科',
});
