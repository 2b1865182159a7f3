import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, cli, setUpUnitViaCli } from './harness';

const SECURITY_PASSWORD = 'security-pass-2024';

describe('dossier terminal (decision 0012, DB3206/T 1060 §4.10.2)', () => {
  it('shows this installation, lets only the security administrator designate it, and lists terminals', async () => {
    const unit = await setUpUnitViaCli();
    const admin = unit.as('admin', ADMIN_PASSWORD);
    const added = await cli(['user', 'add', 'anquan', '--role', 'security-admin', '--display-name', '安全员'], {
      env: { ...admin.env, DOSSIER_NEW_PASSWORD: SECURITY_PASSWORD },
    });
    expect(added.code, added.stderr).toBe(0);
    const security = unit.as('anquan', SECURITY_PASSWORD);

    const shown = await cli(['terminal', 'show', '--json'], admin);
    expect(shown.code, shown.stderr).toBe(0);
    const current = JSON.parse(shown.stdout) as { id: string; fingerprint: string; kind: string; isDesignated: boolean };
    expect(current).toMatchObject({ kind: 'installation', isDesignated: false });
    expect(current.fingerprint).toMatch(/^[0-9A-F]{64}$/);
    expect(current.id).toBe(`T-${current.fingerprint.slice(0, 12)}`);

    const human = await cli(['terminal', 'show'], admin);
    expect(human.stdout).toContain(current.id);
    expect(human.stdout).toContain(`${current.fingerprint.slice(0, 4)} ${current.fingerprint.slice(4, 8)}`);
    expect(human.stdout).toContain('未指定');

    // Not the system administrator's (三员分立): exit 3. A malformed id: exit 2. Never seen: exit 2.
    expect((await cli(['terminal', 'designate', current.id], admin)).code).toBe(3);
    expect((await cli(['terminal', 'list'], admin)).code).toBe(3);
    const malformed = await cli(['terminal', 'designate', 'T-XYZ'], security);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('终端编号');
    const unseen = await cli(['terminal', 'designate', 'T-000000000000'], security);
    expect(unseen.code).toBe(2);
    expect(unseen.stderr).toContain('从未在本工作站出现过');

    const designated = await cli(['terminal', 'designate', current.id, '--note', '档案室查阅机'], security);
    expect(designated.code, designated.stderr).toBe(0);
    expect(designated.stdout).toContain(`已指定 ${current.id}`);
    expect((await cli(['terminal', 'show'], admin)).stdout).toContain('指定查阅终端');

    const listed = await cli(['terminal', 'list', '--json'], security);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: current.id, isDesignated: true, designatedBy: 'anquan', designationNote: '档案室查阅机' })]);

    const revoked = await cli(['terminal', 'designate', current.id, '--revoke'], security);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('已撤销');
    expect(JSON.parse((await cli(['terminal', 'show', '--json'], admin)).stdout).isDesignated).toBe(false);
  });
});
