import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveApi, Role } from '../../../src/contract';
import { decideAccess, DEFAULT_ACCESS_SETTINGS } from '../../../src/core/access/policy';
import { FIXTURE_FOLDER, newCaller, PASSWORD, sampleCase, setUpUnit, value, type TestUnit } from '../../helpers/core';

/**
 * The one policy applied to every path to case content (issue 5 items 1 and 2): the case list, the
 * case, its pages and its files, before and after archiving, and access.explain for the security desk.
 */
let unit: TestUnit;
afterEach(() => unit?.close());

const SCAN = path.join(FIXTURE_FOLDER, 'scans', 'page-1.png');

/** A case with one record and one scan; returns its id and the stored scan's file id. */
async function caseWithScan(officer: ArchiveApi, caseNumber: string, patch: Partial<Parameters<ArchiveApi['cases']['create']>[0]> = {}) {
  const c = value(await officer.cases.create({ ...sampleCase(caseNumber), ...patch }));
  const r = value(await officer.records.add({ caseId: c.id, record: { type: '询问笔录', title: '询问笔录', responsible: '陈立', date: '2024-03-04' } }));
  value(await officer.records.addScans({ recordId: r.id, inputs: [SCAN] }));
  const raw = new Database(path.join(unit.dir, 'archive.db'), { readonly: true });
  const fileId = (raw.prepare('SELECT file_id FROM record_pages WHERE record_id = ?').get(Number(r.id)) as { file_id: number }).file_id;
  raw.close();
  return { caseId: c.id, recordId: r.id, fileId: String(fileId) };
}

function setState(caseId: string, state: string) {
  const raw = new Database(path.join(unit.dir, 'archive.db'));
  raw.prepare('UPDATE cases SET state = ? WHERE id = ?').run(state, Number(caseId));
  raw.close();
}

/** A signed-in client and its caller, so the file route can be asked as that person. */
async function person(username: string, roles: Role[], department = '专卖监督管理科') {
  value(await unit.admin.users.create({ username, displayName: username, department, roles, password: PASSWORD }));
  const caller = newCaller();
  const api = unit.core.client(caller);
  value(await api.auth.login({ username, password: PASSWORD }));
  return { api, open: (fileId: string) => unit.core.openFile(fileId, caller), download: (fileId: string) => unit.core.openFile(fileId, caller, { intent: 'download' }) };
}

describe('before archiving (§4.10.1): the people of the case and the unit’s authorized roles', () => {
  it('keeps a case from another officer’s list, the case, its pages and its files, and logs each refusal', async () => {
    unit = await setUpUnit();
    const chen = await person('chen', ['case-officer']);
    const zhou = await person('zhou', ['case-officer']);
    const { caseId, recordId, fileId } = await caseWithScan(chen.api, '通烟立〔2024〕第7号');

    expect(value(await chen.api.cases.list({})).total).toBe(1);
    expect(value(await chen.api.cases.get({ caseId })).records).toHaveLength(1);
    expect(chen.open(fileId).ok).toBe(true);
    expect(chen.download(fileId).ok).toBe(true);

    expect(value(await zhou.api.cases.list({})).total).toBe(0);
    expect(await zhou.api.cases.get({ caseId })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('承办人') } });
    expect(await zhou.api.records.pages({ recordId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await zhou.api.records.update({ recordId, patch: { title: '改' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await zhou.api.dossiers.get({ caseId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(zhou.open(fileId)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const auditor = await person('audit', ['auditor']);
    const denied = value(await auditor.api.audit.list({ actor: 'zhou' })).items.filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.action).sort()).toEqual(['cases.get', 'dossiers.get', 'files.open', 'records.pages', 'records.update']);
  });

  it('lets a handler linked to a user read a case someone else registered', async () => {
    unit = await setUpUnit();
    const chen = await person('chen', ['case-officer']);
    const zhou = await person('zhou', ['case-officer']);
    const users = value(await unit.admin.users.list());
    const zhouId = users.find((u) => u.username === 'zhou')!.id;
    const { caseId } = await caseWithScan(chen.api, '通烟立〔2024〕第8号', { handlers: [{ name: '陈立' }, { name: '周敏', userId: zhouId }] });
    expect(value(await zhou.api.cases.list({})).items.map((c) => c.id)).toEqual([caseId]);
    expect(value(await zhou.api.cases.get({ caseId })).case.caseNumber).toBe('通烟立〔2024〕第8号');
  });

  it('lets a department head read their own department’s cases only, and follows the unit setting', async () => {
    unit = await setUpUnit();
    const chen = await person('chen', ['case-officer']);
    const mine = await caseWithScan(chen.api, '通烟立〔2024〕第9号');
    const other = await caseWithScan(chen.api, '通烟立〔2024〕第10号', { department: '法规科' });
    const head = await person('head', ['department-head'], '专卖监督管理科');
    const leader = await person('boss', ['leader'], '局领导');
    expect(value(await head.api.cases.list({})).items.map((c) => c.id)).toEqual([mine.caseId]);
    expect(value(await head.api.cases.get({ caseId: mine.caseId })).case.id).toBe(mine.caseId);
    expect(await head.api.cases.get({ caseId: other.caseId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await leader.api.cases.list({})).total).toBe(2);

    const sec = await person('sec', ['security-admin'], '办公室');
    value(await sec.api.access.updateSettings({ preArchiveReaders: ['department-head'], readingIdleMinutes: 10 }));
    expect(value(await leader.api.cases.list({})).total).toBe(0);
    expect(await leader.api.cases.get({ caseId: mine.caseId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(leader.open(mine.fileId)).toMatchObject({ ok: false });
  });
});

describe('after archiving (§4.10.2): catalogue for all, content only at a designated terminal with a grant', () => {
  it('lists an archived case for a reader but opens neither it nor its files; the archive department reads it only at a designated terminal', async () => {
    unit = await setUpUnit();
    const chen = await person('chen', ['case-officer']);
    const { caseId, fileId } = await caseWithScan(chen.api, '通烟立〔2024〕第11号');
    setState(caseId, '已归档');
    const reader = await person('wang', ['reader'], '法规科');
    const archivist = await person('liu', ['archivist'], '档案室');

    expect(value(await reader.api.cases.list({})).items.map((c) => [c.id, c.state])).toEqual([[caseId, '已归档']]);
    expect(await reader.api.cases.get({ caseId })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('指定的查阅终端') } });
    expect(reader.open(fileId)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('阅览室') } });
    // Even the handler, once archived (§4.10.2).
    expect(await chen.api.cases.get({ caseId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(await archivist.api.cases.get({ caseId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('指定的查阅终端') } });
    const sec = await person('sec', ['security-admin'], '办公室');
    value(await sec.api.terminals.designate({ terminalId: unit.core.terminalId, designated: true }));
    expect(value(await archivist.api.cases.get({ caseId })).case.state).toBe('已归档');
    expect(archivist.open(fileId).ok).toBe(true);
    // Saving an archived original out of the workstation is refused even to the archive department:
    // what leaves is a watermarked export from the reading room.
    expect(archivist.download(fileId)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('加水印的复制件') } });
    const logged = value(await (await person('audit', ['auditor'], '办公室')).api.audit.list({ actor: 'liu' })).items;
    expect(logged.map((e) => [e.action, e.outcome])).toEqual(expect.arrayContaining([['files.open', 'ok'], ['files.download', 'denied']]));
    // A designated terminal alone is not a grant (§4.10.2).
    expect(await reader.api.cases.get({ caseId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('借阅申请') } });
  });
});

describe('access.explain (issue 5 item 8)', () => {
  it('answers for another person and terminal with the reason and the facts, for the security desk only', async () => {
    unit = await setUpUnit();
    const chen = await person('chen', ['case-officer']);
    await person('zhou', ['case-officer']);
    const { caseId } = await caseWithScan(chen.api, '通烟立〔2024〕第12号');
    const sec = await person('sec', ['security-admin'], '办公室');
    const yes = value(await sec.api.access.explain({ username: 'chen', action: 'edit', caseNumber: '通烟立〔2024〕第12号' }));
    expect(yes).toMatchObject({ allow: true, code: null, facts: { personOfCase: true, caseState: '办理中', designatedTerminal: false, grant: 'none' } });
    const no = value(await sec.api.access.explain({ username: 'zhou', action: 'view', caseId }));
    expect(no).toMatchObject({ allow: false, code: 'role', facts: { personOfCase: false } });
    expect(await sec.api.access.explain({ username: 'nobody', action: 'view', caseId })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'username' } });
    expect(await sec.api.access.explain({ username: 'chen', action: 'view', caseId, terminalId: 'T-000000000000' })).toMatchObject({ ok: false, error: { field: 'terminalId' } });
    expect(await chen.api.access.explain({ username: 'zhou', action: 'view', caseId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the case list is the policy’s view in SQL (access/listFilter.ts)', () => {
  it('lists exactly the cases decideAccess lets each profile view before archiving, and every archived one', async () => {
    unit = await setUpUnit();
    const chen = await person('chen', ['case-officer']);
    const states = ['办理中', '已结案', '已归档'] as const;
    const cases: { id: string; state: (typeof states)[number]; department: string }[] = [];
    for (const [i, department] of ['专卖监督管理科', '法规科'].entries()) {
      for (const [k, state] of states.entries()) {
        const c = value(await chen.api.cases.create({ ...sampleCase(`通烟立〔2024〕第${100 + i * 10 + k}号`), department }));
        if (state !== '办理中') setState(c.id, state);
        cases.push({ id: c.id, state, department });
      }
    }
    const profiles: [string, Role[], string][] = [
      ['chen', ['case-officer'], '专卖监督管理科'],
      ['zhou', ['case-officer'], '专卖监督管理科'],
      ['head', ['department-head'], '专卖监督管理科'],
      ['legal', ['legal-reviewer'], '法规科'],
      ['boss', ['leader'], '局领导'],
      ['liu', ['archivist'], '档案室'],
      ['wang', ['reader'], '法规科'],
    ];
    for (const [username, roles, department] of profiles) {
      const api = username === 'chen' ? chen.api : (await person(username, roles, department)).api;
      const listed = value(await api.cases.list({ limit: 100 })).items.map((c) => c.id).sort();
      const expected = cases
        .filter((c) => c.state === '已归档' || decideAccess({ username, roles, department }, 'view', { state: c.state, department: c.department, handlers: ['chen'] }, { designatedTerminal: false, grant: { status: 'none' } }, DEFAULT_ACCESS_SETTINGS).allow)
        .map((c) => c.id)
        .sort();
      expect(listed, username).toEqual(expected);
    }
  });
});
