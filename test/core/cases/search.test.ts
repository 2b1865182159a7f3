import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveApi } from '../../../src/contract';
import { sampleCase, setUpUnit, value, type TestUnit } from '../../helpers/core';

let unit: TestUnit;
let officer: ArchiveApi;

beforeAll(async () => {
  unit = await setUpUnit();
  officer = await unit.signIn('chen', ['case-officer']);
  const parties = ['王建国', '李小红', '欧阳娜娜'];
  const causes = ['涉嫌无烟草专卖零售许可证经营烟草制品零售业务', '涉嫌销售假冒注册商标卷烟', '涉嫌无证运输烟草专卖品'];
  for (let i = 0; i < 3; i++) {
    value(
      await officer.cases.create({
        ...sampleCase(`通烟立〔2024〕第${10 + i}号`),
        cause: causes[i]!,
        party: { kind: 'person', name: parties[i]!, gender: '男', age: 30 + i, occupation: '个体', address: '南通' },
      }),
    );
  }
});
afterAll(() => unit.close());

const find = async (search: string) => value(await officer.cases.list({ search })).items.map((c) => c.partyName);

describe('case search', () => {
  it('finds by any substring of the party name, one character up', async () => {
    expect(await find('建')).toEqual(['王建国']);
    expect(await find('小红')).toEqual(['李小红']);
    expect(await find('欧阳娜')).toEqual(['欧阳娜娜']);
  });

  it('finds by any substring of the cause or the case number', async () => {
    expect(await find('假冒注册')).toEqual(['李小红']);
    expect(await find('第11号')).toEqual(['李小红']);
    expect((await find('通烟立')).length).toBe(3);
    expect(await find('运输')).toEqual(['欧阳娜娜']);
  });

  it('takes quotes and FTS operators literally', async () => {
    expect(await find('"王" OR *')).toEqual([]);
    expect(await find('NEAR(')).toEqual([]);
  });

  it('pages with a total', async () => {
    const page = value(await officer.cases.list({ limit: 2, offset: 0 }));
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    expect(value(await officer.cases.list({ limit: 2, offset: 2 })).items).toHaveLength(1);
    expect(await officer.cases.list({ limit: 100000 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
