import path from 'node:path';
import Database from 'better-sqlite3';
import { PLEDGE_VERSION, type ArchiveApi, type Role } from '../../../src/contract';
import { createCore } from '../../../src/core/createCore';
import { passphraseProtector } from '../../../src/core/pdf/sign';
import type { Core } from '../../../src/core/types';
import { newCaller, PASSWORD, TestClock, tempDir, value } from '../../helpers/core';
import { signedFixtureCase } from '../dossier/unit';

/**
 * An archived dossier (the fixture case, compiled and accepted) in a unit whose installation is a
 * designated reading terminal, on a clock the tests can move (grant ends, idle sessions).
 */
export interface ReadingUnit {
  core: Core;
  dir: string;
  clock: TestClock;
  caseId: string;
  archivist: ArchiveApi;
  security: ArchiveApi;
  /** A new person with these roles, signed in at the installation terminal. */
  person(username: string, roles?: Role[], displayName?: string): Promise<ArchiveApi>;
  /** Signs an existing person in again (after the clock moved past the login's idle limit). */
  signInAgain(username: string): Promise<ArchiveApi>;
  /** Asks, approves (as the archivist, password confirmed) and, unless told not to, pledges. */
  grant(reader: ArchiveApi, flags: { print?: boolean; export?: boolean; pledge?: boolean }): Promise<string>;
  db(): Database.Database;
  close(): void;
}

export async function readingUnit(): Promise<ReadingUnit> {
  const dir = tempDir('dossier-reading-');
  // The real date, so the unit certificate made at set-up is valid for what is signed with it.
  const clock = new TestClock(new Date());
  const core = createCore({ dataDir: dir, scryptCost: 1024, now: clock.now, keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 });
  const admin = core.client(newCaller());
  value(await admin.setup.initialize({ compilingUnit: '南通市烟草专卖局', fondsNumber: 'J032', admin: { username: 'admin', displayName: '管理员', department: '办公室', password: PASSWORD } }));
  const signInAgain = async (username: string) => {
    const client = core.client(newCaller());
    value(await client.auth.login({ username, password: PASSWORD }));
    return client;
  };
  const person = async (username: string, roles: Role[] = ['reader'], displayName = username) => {
    value(await admin.users.create({ username, displayName, department: '法规科', roles, password: PASSWORD }));
    return signInAgain(username);
  };
  const archivist = await person('liu', ['archivist'], '刘芳');
  const officer = await person('chen', ['case-officer'], '陈立');
  const security = await person('sec', ['security-admin'], '保密员');
  const { caseId } = await signedFixtureCase({ core, dir, admin, archivist, officer }, { withService: true });
  value(await officer.dossiers.update({ caseId, filingNumber: '20240001' }));
  value(await archivist.dossiers.archive({ caseId, classCode: 'XZCF', confirmPassword: PASSWORD }));
  value(await security.terminals.designate({ terminalId: core.terminalId, designated: true }));

  let handle: Database.Database | undefined;
  return {
    core,
    dir,
    clock,
    caseId,
    archivist,
    security,
    person,
    signInAgain,
    async grant(reader, flags) {
      const asked = value(await reader.access.request({ caseId, purpose: '复核行政处罚案件', days: 3, print: Boolean(flags.print), export: Boolean(flags.export) }));
      value(await archivist.access.approve({ requestId: asked.id, confirmPassword: PASSWORD }));
      if (flags.pledge !== false) value(await reader.access.pledge({ requestId: asked.id, version: PLEDGE_VERSION }));
      return asked.id;
    },
    db() {
      handle ??= new Database(path.join(dir, 'archive.db'));
      return handle;
    },
    close() {
      handle?.close();
      core.close();
    },
  };
}
