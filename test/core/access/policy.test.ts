import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS_ACTION_LABELS, ACCESS_ACTIONS, decideAccess, type AccessAction, type AccessDecision } from '../../../src/core/access/policy';
import { DENY_MARKS, TABLE_GRANTS, TABLE_PROFILES, TABLE_TERMINALS, tableCase } from './policyProfiles';

const STATES = ['办理中', '已结案', '已归档'] as const;
const table = fs.readFileSync(path.join(__dirname, 'policy.table.md'), 'utf8');

/** The table's sections: heading → rows of cells (header and separator rows left out). */
function sections(): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  let current: string[][] | null = null;
  for (const line of table.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) out.set(heading[1]!.trim(), (current = []));
    else if (current && line.startsWith('|') && !line.startsWith('|---') && !/^\| (操作|申请人) \|/.test(line)) {
      current.push(line.split('|').slice(1, -1).map((c) => c.trim()));
    }
  }
  return out;
}

const markOf = (d: AccessDecision) => (d.allow ? '✓' : Object.entries(DENY_MARKS).find(([, code]) => code === d.code)![0]);
const actionByLabel = Object.fromEntries(ACCESS_ACTIONS.map((a) => [ACCESS_ACTION_LABELS[a], a])) as Record<string, AccessAction>;
const columns = Object.entries(TABLE_TERMINALS).flatMap(([, designated]) => Object.entries(TABLE_GRANTS).map(([, grant]) => ({ designated, grant })));

describe('the access policy (DB3206/T 1060 §4.10), cell by cell against policy.table.md', () => {
  const bySection = sections();

  it('lists every person, every operation in every case state, and every terminal and grant', () => {
    for (const name of Object.keys(TABLE_PROFILES)) {
      const rows = bySection.get(name);
      expect(rows, name).toBeDefined();
      const seen = rows!.map(([action, state]) => `${action}/${state}`).sort();
      expect(seen, name).toEqual(ACCESS_ACTIONS.flatMap((a) => STATES.map((s) => `${ACCESS_ACTION_LABELS[a]}/${s}`)).sort());
      for (const row of rows!) expect(row.length, `${name} ${row[0]} ${row[1]}`).toBe(2 + columns.length);
    }
  });

  for (const [name, subject] of Object.entries(TABLE_PROFILES)) {
    it(`${name}: every cell as the table says, refusals with a reason in Chinese`, () => {
      const wrong: string[] = [];
      for (const [label, state, ...cells] of bySection.get(name) ?? []) {
        cells.forEach((expected, i) => {
          const { designated, grant } = columns[i]!;
          const d = decideAccess(subject, actionByLabel[label!]!, tableCase(state as (typeof STATES)[number]), { designatedTerminal: designated, grant, requestedBy: 'reader' });
          if (markOf(d) !== expected) wrong.push(`${label} ${state} 列${i + 1}: 表 ${expected}，实际 ${markOf(d)}（${d.reason}）`);
          expect(d.reason).toMatch(/[\u4e00-\u9fff]/);
        });
      }
      expect(wrong).toEqual([]);
    });
  }

  it('nobody approves their own request', () => {
    const rows = bySection.get('审批本人的申请')!;
    const archivist = TABLE_PROFILES['档案管理员']!;
    const who: Record<string, string> = { 查阅人: 'reader', 档案管理员本人: archivist.username };
    for (const [asker, expected] of rows) {
      const d = decideAccess(archivist, 'approve', tableCase('已归档'), { designatedTerminal: true, grant: { status: 'none' }, requestedBy: who[asker!]! });
      expect(markOf(d), asker).toBe(expected);
    }
    expect(rows).toHaveLength(2);
  });
});

describe('the unit setting of who reads before archiving (§4.10.1)', () => {
  const leader = TABLE_PROFILES['局领导']!;
  const head = TABLE_PROFILES['部门负责人（本部门）']!;
  const ctx = { designatedTerminal: false, grant: { status: 'none' } as const };

  it('follows the setting: leaders left out are refused, the handlers always read', () => {
    const settings = { preArchiveReaders: ['department-head'] as const };
    expect(decideAccess(leader, 'view', tableCase('办理中'), ctx, settings)).toMatchObject({ allow: false, code: 'role' });
    expect(decideAccess(head, 'view', tableCase('办理中'), ctx, settings).allow).toBe(true);
    expect(decideAccess(TABLE_PROFILES['承办人（本案）']!, 'view', tableCase('办理中'), ctx, { preArchiveReaders: [] }).allow).toBe(true);
  });

  it('refuses by default: an account with no role gets nothing, not even with a grant at a designated terminal', () => {
    for (const action of ACCESS_ACTIONS) {
      for (const state of STATES) {
        const d = decideAccess({ username: 'nobody', roles: [], department: '' }, action, tableCase(state), { designatedTerminal: true, grant: { status: 'valid', print: true, export: true } });
        expect(d, `${action} ${state}`).toMatchObject({ allow: false, code: 'role' });
      }
    }
  });

  it('a grant lets its holder read, whatever their role, only what it names', () => {
    const officer = TABLE_PROFILES['承办人（他案）']!;
    const grant = { status: 'valid', print: false, export: true } as const;
    expect(decideAccess(officer, 'view', tableCase('已归档'), { designatedTerminal: true, grant }).allow).toBe(true);
    expect(decideAccess(officer, 'export', tableCase('已归档'), { designatedTerminal: true, grant }).allow).toBe(true);
    expect(decideAccess(officer, 'print', tableCase('已归档'), { designatedTerminal: true, grant })).toMatchObject({ allow: false, code: 'flag' });
  });
});
