import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/contract';
import { hasPermission, ROLE_PERMISSIONS, separationConflict } from '../../../src/core/access/permissions';

describe('permissions', () => {
  it('gives none of the three administrators access to case records (三员分立)', () => {
    for (const role of ['system-admin', 'security-admin', 'auditor'] as const) {
      for (const p of ['cases.read', 'cases.write', 'cases.import', 'records.write'] as const) expect(hasPermission([role], p), `${role} ${p}`).toBe(false);
    }
  });

  it('lets only the auditor read the audit log', () => {
    expect(ROLES.filter((r) => hasPermission([r], 'audit.read'))).toEqual(['auditor']);
  });

  it('defines every role', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });

  it('refuses one person holding two of the three administrator roles', () => {
    expect(separationConflict(['system-admin', 'auditor'])).toContain('三员分立');
    expect(separationConflict(['security-admin', 'archivist'])).toBeNull();
  });
});
