import fs from 'node:fs';
import path from 'node:path';
import type { ArchiveApi, RequestOf } from '../../../src/contract';
import { PASSWORD, setUpUnit, tempDir, value, type TestUnit } from '../../helpers/core';

export interface ErecordsUnit extends TestUnit {
  /** Archive department: registers and asks for disposal. */
  archivist: ArchiveApi;
  /** Department head: approves disposal. */
  head: ArchiveApi;
  auditor: ArchiveApi;
  /** A staged recording with these bytes, as the body-camera software leaves it. */
  stage(name: string, content: string | Buffer): string;
  storedPath(sha256: string): string;
  /** Moves the clock (months ahead: sessions time out) and signs everyone in again. */
  at(iso: string): Promise<void>;
}

export async function erecordsUnit(options: { signingKey?: boolean } = {}): Promise<ErecordsUnit> {
  const unit = await setUpUnit(tempDir(), options);
  const staging = tempDir('erecords-staging-');
  const people: [string, ArchiveApi][] = [['admin', unit.admin]];
  const signIn: TestUnit['signIn'] = async (username, roles, department) => {
    const client = await unit.signIn(username, roles, department);
    people.push([username, client]);
    return client;
  };
  return {
    ...unit,
    signIn,
    archivist: await signIn('liu', ['archivist'], '档案室'),
    head: await signIn('wang', ['department-head']),
    auditor: await signIn('shen', ['auditor'], '办公室'),
    async at(iso) {
      unit.clock.current = new Date(iso);
      for (const [username, client] of people) value(await client.auth.login({ username, password: PASSWORD }));
    },
    stage(name, content) {
      const file = path.join(staging, name);
      fs.writeFileSync(file, content);
      return file;
    },
    storedPath: (sha256) => path.join(unit.dir, 'files', sha256.slice(0, 2), sha256),
  };
}

/** A market inspection of no dispute (Table 2 row 1: 24 hours, 6 months) that ended at `endedAt`. */
export function inspection(endedAt: string, more: Partial<RequestOf<'erecords.register'>> = {}): RequestOf<'erecords.register'> {
  return {
    retentionClass: 'market-undisputed',
    activityType: '市场检查',
    squad: '稽查一中队',
    party: '崇川区宏达便利店',
    recorder: '陈立',
    endedAt,
    ...more,
  };
}
