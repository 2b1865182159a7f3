import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCase, setUpUnit, value, type TestUnit } from '../../helpers/core';

let unit: TestUnit;
afterEach(() => unit?.close());

describe('cases and records', () => {
  it('creates a case with an organisation party and handlers linked to users', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    const me = value(await officer.users.directory()).find((p) => p.displayName === 'chen')!;
    const c = value(await officer.cases.create({ ...sampleCase(), handlers: [{ name: 'chen', userId: me.id }, { name: '周敏' }] }));
    expect(c).toMatchObject({ state: '办理中', party: { kind: 'organization', legalRepresentative: '赵宏达' }, handlers: [{ name: 'chen', userId: me.id }, { name: '周敏', userId: null }] });
    const detail = value(await officer.cases.get({ caseNumber: c.caseNumber }));
    expect(detail.case.id).toBe(c.id);
  });

  it('refuses bad input with Chinese messages that name the field, and changes nothing', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    const cases: [unknown, string, string][] = [
      [{ ...sampleCase(), cause: '' }, 'cause', '请填写案由'],
      [{ ...sampleCase(), procedure: '普通程序' }, 'procedure', '一般程序'],
      [{ ...sampleCase(), party: { kind: 'person', name: '张三', gender: '男', age: -1, occupation: 'x', address: 'y' } }, 'party.age', '年龄'],
      [{ ...sampleCase(), openedOn: '2024-02-30' }, 'openedOn', '不是有效日期'],
      [{ ...sampleCase(), openedOn: '2024-05-01', closedOn: '2024-04-01' }, 'closedOn', '早于立案日期'],
      [{ ...sampleCase(), handlers: [] }, 'handlers', '至少填写一名承办人'],
      [{ ...sampleCase(), handlers: [{ name: '某', userId: '9999' }] }, 'handlers.0.userId', '不存在'],
      [{ ...sampleCase(), cause: '案'.repeat(201) }, 'cause', '不能超过200'],
      ['not an object', '', '无效输入'],
    ];
    for (const [input, field, words] of cases) {
      const r = await officer.cases.create(input as never);
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toContain(words);
        if (field) expect(r.error.field).toBe(field);
      }
    }
    expect(value(await officer.cases.list({})).total).toBe(0);
  });

  it('refuses a duplicate case number', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    value(await officer.cases.create(sampleCase()));
    expect(await officer.cases.create(sampleCase())).toMatchObject({ ok: false, error: { code: 'conflict', field: 'caseNumber' } });
  });

  it('adds, edits and removes records with a reason; the removal stays in the database', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    const c = value(await officer.cases.create(sampleCase()));
    const r = value(
      await officer.records.add({ caseId: c.id, record: { type: '立案报告表', title: '立案报告表', responsible: '南通市烟草专卖局', date: '2024-03-04', approvedOn: '2024-03-05' } }),
    );
    expect(r).toMatchObject({ typeNumber: 2, stage: '立案', approvedOn: '2024-03-05' });
    expect(value(await officer.records.update({ recordId: r.id, patch: { documentNumber: '通烟立〔2024〕7号' } })).documentNumber).toBe('通烟立〔2024〕7号');
    expect(await officer.records.add({ caseId: c.id, record: { type: '立案报告', title: 't', responsible: 'r', date: '2024-03-04' } })).toMatchObject({
      ok: false,
      error: { field: 'record.type', message: expect.stringContaining('立案报告表') },
    });
    value(await officer.records.remove({ recordId: r.id, reason: '重复登记' }));
    expect(value(await officer.cases.get({ caseId: c.id })).records).toHaveLength(0);
    const raw = new Database(path.join(unit.dir, 'archive.db'));
    expect(raw.prepare('SELECT removed_reason FROM records WHERE id = ?').get(Number(r.id))).toEqual({ removed_reason: '重复登记' });
    raw.close();
  });

  it('closes a case only with a closing date and never archives by editing', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    const c = value(await officer.cases.create(sampleCase()));
    expect(await officer.cases.update({ caseId: c.id, patch: { state: '已结案' } })).toMatchObject({ ok: false, error: { field: 'closedOn' } });
    expect(value(await officer.cases.update({ caseId: c.id, patch: { state: '已结案', closedOn: '2024-05-20' } })).state).toBe('已结案');
    expect(await officer.cases.update({ caseId: c.id, patch: { state: '已归档' } })).toMatchObject({ ok: false, error: { field: 'state' } });
  });

  it('refuses any change to an archived case', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    const c = value(await officer.cases.create(sampleCase()));
    const raw = new Database(path.join(unit.dir, 'archive.db'));
    raw.prepare("UPDATE cases SET state = '已归档' WHERE id = ?").run(Number(c.id));
    raw.close();
    expect(await officer.cases.update({ caseId: c.id, patch: { cause: '改' } })).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(await officer.records.add({ caseId: c.id, record: { type: '询问笔录', title: 't', responsible: 'r', date: '2024-03-04' } })).toMatchObject({
      ok: false,
      error: { code: 'read-only' },
    });
  });

  it('lets readers of cases read but not write', async () => {
    unit = await setUpUnit();
    const officer = await unit.signIn('chen', ['case-officer']);
    value(await officer.cases.create(sampleCase()));
    const leader = await unit.signIn('boss', ['leader']);
    expect(value(await leader.cases.list({})).total).toBe(1);
    expect(await leader.cases.create(sampleCase('x-2'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
