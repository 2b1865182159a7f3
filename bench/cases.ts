// Case search at 100 000 cases: the case list must stay fast at that size (issue 2, acceptance 10).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../src/core/createCore';
import type { Caller } from '../src/core/types';
import { openDatabase } from '../src/core/store/db';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const GIVEN = '建国小红明华军伟芳娜敏静丽强磊洋艳勇杰娟涛超'.split('');
const CAUSES = ['涉嫌无烟草专卖零售许可证经营烟草制品零售业务', '涉嫌销售假冒注册商标卷烟', '涉嫌无证运输烟草专卖品', '涉嫌销售非法生产的烟草专卖品'];

function seed(dataDir: string) {
  const db = openDatabase(path.join(dataDir, 'archive.db'));
  const insert = db.prepare(
    // Registered by the officer who lists them, so the list's access filter (listFilter.ts) admits every row: the heaviest case.
    `INSERT INTO cases (case_number, cause, party_kind, party_name, party, source, procedure, department, disposition, state, created_at, updated_at, registered_by)
     VALUES (?, ?, 'person', ?, '{}', '市场检查', '一般程序', '专卖科', '', '已结案', '2024-01-01', '2024-01-01', 'officer')`,
  );
  db.transaction(() => {
    for (let i = 0; i < CASES; i++) {
      const name = SURNAMES[i % 20]! + GIVEN[Math.floor(i / 20) % 20]! + GIVEN[Math.floor(i / 400) % 20]!;
      insert.run(`通烟立〔${2015 + (i % 10)}〕第${i + 1}号`, CAUSES[i % 4]!, name);
    }
  })();
  db.close();
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchCases(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-'));
  let t = performance.now();
  const core = createCore({ dataDir, scryptCost: 1024 });
  const caller: Caller = { channel: 'cli', session: { token: null } };
  const api = core.client(caller);
  await api.setup.initialize({ compilingUnit: '基准单位', fondsNumber: 'B1', admin: { username: 'admin', displayName: '管理员', department: '办公室', password: 'password-1' } });
  await api.users.create({ username: 'officer', displayName: '承办人', department: '专卖科', roles: ['case-officer'], password: 'password-1' });
  await api.auth.login({ username: 'officer', password: 'password-1' });
  core.close();
  seed(dataDir);
  console.log(`seeded ${CASES} cases in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const reopened = createCore({ dataDir, scryptCost: 1024 });
  const c = reopened.client(caller);
  await c.auth.login({ username: 'officer', password: 'password-1' });
  const queries: [string, Record<string, unknown>][] = [
    ['first page, no search', {}],
    ['deep page (offset 90 000)', { offset: 90_000 }],
    ['1 char party name (scan)', { search: '王' }],
    ['2 chars party name (scan)', { search: '建国' }],
    ['3 chars party name (trigram)', { search: '王建国' }],
    ['cause substring (trigram)', { search: '假冒注册' }],
    ['case number substring (trigram)', { search: '第9999' }],
  ];
  console.log(`\n${'query'.padEnd(36)} ${'median ms'.padStart(10)} ${'hits'.padStart(8)}`);
  for (const [label, req] of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      const r = await c.cases.list({ limit: 50, ...req });
      times.push(performance.now() - t);
      if (r.ok) total = r.value.total;
    }
    console.log(`${label.padEnd(36)} ${median(times).toFixed(1).padStart(10)} ${String(total).padStart(8)}`);
  }
  console.log(`\nRSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  reopened.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

