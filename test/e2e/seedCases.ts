/**
 * `node --import tsx test/e2e/seedCases.ts <dataDir> <count>`: a set-up unit with a case officer and
 * `count` cases, for the end-to-end test of the case list at archive scale.
 *
 * The unit and people go through the API. The cases are inserted in one SQL transaction, the way
 * bench/run.ts does, because 100 000 calls would take minutes; the search index is filled by the
 * schema's own triggers, so what the list shows is what the core would serve.
 */
import path from 'node:path';
import { createCore } from '../../src/core/createCore';
import { openDatabase } from '../../src/core/store/db';

export const SEED_PASSWORD = 'Archive-2024!';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const GIVEN = '建国小红明华军伟芳娜敏静丽强磊洋艳勇杰娟涛超'.split('');
const CAUSES = ['涉嫌无烟草专卖零售许可证经营烟草制品零售业务', '涉嫌销售假冒注册商标卷烟', '涉嫌无证运输烟草专卖品', '涉嫌销售非法生产的烟草专卖品'];

async function main(): Promise<void> {
  const [dataDir, countText] = process.argv.slice(2);
  const count = Number(countText);
  if (!dataDir || !Number.isInteger(count) || count < 0) throw new Error('用法：seedCases.ts <数据目录> <案件数>');

  const core = createCore({ dataDir });
  const api = core.client({ channel: 'cli', session: { token: null } });
  const check = <T>(e: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!e.ok) throw new Error(e.error.message);
    return e.value;
  };
  check(
    await api.setup.initialize({
      compilingUnit: '南通市烟草专卖局',
      fondsNumber: 'J032',
      admin: { username: 'admin', displayName: '张伟', department: '办公室', password: SEED_PASSWORD },
    }),
  );
  check(await api.users.create({ username: 'chenli', displayName: '陈立', department: '专卖监督管理科', roles: ['case-officer'], password: SEED_PASSWORD }));
  core.close();

  const db = openDatabase(path.join(dataDir, 'archive.db'));
  const insert = db.prepare(
    // Registered by 陈立, the officer who works them: the people of a case see it (§4.10.1, access/listFilter.ts).
    `INSERT INTO cases (case_number, cause, party_kind, party_name, party, source, procedure, department, disposition, opened_on, closed_on, state, created_at, updated_at, registered_by)
     VALUES (?, ?, 'person', ?, ?, '市场检查', '一般程序', '专卖监督管理科', '', ?, ?, '已结案', ?, ?, 'chenli')`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const name = SURNAMES[i % 20]! + GIVEN[Math.floor(i / 20) % 20]! + GIVEN[Math.floor(i / 400) % 20]!;
      const year = 2015 + (i % 10);
      const party = JSON.stringify({ kind: 'person', name, gender: i % 2 ? '女' : '男', age: 20 + (i % 50), occupation: '个体经营者', address: '南通市崇川区' });
      const at = `${year}-01-01T00:00:00.000Z`;
      insert.run(`通烟立〔${year}〕第${i + 1}号`, CAUSES[i % 4]!, name, party, `${year}-01-02`, `${year}-03-02`, at, at);
    }
  })();
  db.close();
  console.log(`seeded ${count}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
