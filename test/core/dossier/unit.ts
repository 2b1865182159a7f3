import path from 'node:path';
import type { ArchiveApi } from '../../../src/contract';
import { createCore } from '../../../src/core/createCore';
import { passphraseProtector } from '../../../src/core/pdf/sign';
import type { Core } from '../../../src/core/types';
import { FIXTURE_FOLDER, newCaller, PASSWORD, tempDir, value } from '../../helpers/core';

export interface DossierUnit {
  core: Core;
  dir: string;
  admin: ArchiveApi;
  /** 刘芳, 档案管理员 (dossiers.compile and dossiers.archive). */
  archivist: ArchiveApi;
  /** 陈立, 承办人 (dossiers.compile). */
  officer: ArchiveApi;
}

/** A unit with its signing key, an archivist and a case officer, each signed in. */
export async function dossierUnit(unitName = '南通市烟草专卖局', fonds = 'J032'): Promise<DossierUnit> {
  const dir = tempDir();
  const core = createCore({ dataDir: dir, scryptCost: 1024, keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 });
  const admin = core.client(newCaller());
  value(await admin.setup.initialize({ compilingUnit: unitName, fondsNumber: fonds, admin: { username: 'admin', displayName: '管理员', department: '办公室', password: PASSWORD } }));
  value(await admin.users.create({ username: 'liu', displayName: '刘芳', department: '档案室', roles: ['archivist'], password: PASSWORD }));
  value(await admin.users.create({ username: 'chen', displayName: '陈立', department: '专卖监督管理科', roles: ['case-officer'], password: PASSWORD }));
  const archivist = core.client(newCaller());
  value(await archivist.auth.login({ username: 'liu', password: PASSWORD }));
  const officer = core.client(newCaller());
  value(await officer.auth.login({ username: 'chen', password: PASSWORD }));
  // The archive room's workstation is a designated terminal (§4.10.2): archived dossiers are worked on there.
  value(await admin.users.create({ username: 'sec', displayName: '安全保密管理员', department: '办公室', roles: ['security-admin'], password: PASSWORD }));
  const security = core.client(newCaller());
  value(await security.auth.login({ username: 'sec', password: PASSWORD }));
  value(await security.terminals.designate({ terminalId: core.terminalId, designated: true }));
  return { core, dir, admin, archivist, officer };
}

/**
 * The fixture case folder imported (4 records, 5 pages, 一般程序), optionally with the 送达回证 the
 * default rules require, and every record signed. Returns the case id and record ids by type.
 */
export async function signedFixtureCase(unit: DossierUnit, options: { withService: boolean }): Promise<{ caseId: string; ids: Record<string, string> }> {
  const { archivist } = unit;
  const caseId = value(await archivist.cases.importFolder({ folder: FIXTURE_FOLDER })).case.id;
  if (options.withService) {
    const served = value(await archivist.records.add({ caseId, record: { type: '送达回证', title: '行政处罚决定书送达回证', responsible: '陈立、周敏', date: '2024-04-29' } }));
    value(await archivist.records.addScans({ recordId: served.id, inputs: [path.join(FIXTURE_FOLDER, 'scans', 'page-4.png')] }));
  }
  const records = value(await archivist.cases.get({ caseId })).records;
  for (const r of records) value(await archivist.records.convert({ recordId: r.id }));
  return { caseId, ids: Object.fromEntries(records.map((r) => [r.type, r.id])) };
}
