import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/createCore';
import { newCaller, sampleCase, value } from '../helpers/core';
import { ADMIN_PASSWORD, cli, setUpUnitViaCli } from './harness';

const PASSWORD = 'explain-pass-2024';

describe('access explain (issue 5 item 8)', () => {
  it('prints allow or deny with the reason and facts; exit 0 allow, 3 deny, 2 for an unknown person', async () => {
    const unit = await setUpUnitViaCli();
    const core = createCore({ dataDir: unit.dataDir, scryptCost: 1024 });
    try {
      const admin = core.client(newCaller());
      value(await admin.auth.login({ username: 'admin', password: ADMIN_PASSWORD }));
      for (const [username, roles] of [['chen', ['case-officer']], ['zhou', ['case-officer']], ['anquan', ['security-admin']]] as const) {
        value(await admin.users.create({ username, displayName: username, department: '专卖监督管理科', roles: [...roles], password: PASSWORD }));
      }
      const chen = core.client(newCaller());
      value(await chen.auth.login({ username: 'chen', password: PASSWORD }));
      value(await chen.cases.create(sampleCase('通烟立〔2024〕第7号')));
    } finally {
      core.close();
    }
    const security = unit.as('anquan', PASSWORD);

    const allowed = await cli(['access', 'explain', '--user', 'chen', '--action', 'view', '--case', '通烟立〔2024〕第7号'], security);
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('允许：本案承办人');
    expect(allowed.stdout).toContain('非指定查阅终端');

    const denied = await cli(['--json', 'access', 'explain', '--user', 'zhou', '--action', 'edit', '--case', '通烟立〔2024〕第7号'], security);
    expect(denied.code).toBe(3);
    expect(JSON.parse(denied.stdout)).toMatchObject({ allow: false, code: 'role', facts: { username: 'zhou', personOfCase: false, caseState: '办理中' } });

    expect((await cli(['access', 'explain', '--user', 'nobody', '--action', 'view', '--case', '通烟立〔2024〕第7号'], security)).code).toBe(2);
    expect((await cli(['access', 'explain', '--user', 'chen', '--action', 'fly', '--case', '通烟立〔2024〕第7号'], security)).code).toBe(2);
    // Asking the policy is the security desk's: a case officer is refused (exit 3).
    expect((await cli(['access', 'explain', '--user', 'zhou', '--action', 'view', '--case', '通烟立〔2024〕第7号'], unit.as('chen', PASSWORD))).code).toBe(3);
  });
});
