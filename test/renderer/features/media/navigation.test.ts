import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../../src/core/access/permissions';
import { menuFor } from '../../../../src/renderer/app/navigation';
import { parseHash, routeHash, type Route } from '../../../../src/renderer/app/route';

const labelsFor = (...roles: Parameters<typeof permissionsOf>[0]) => menuFor(permissionsOf(roles)).map((m) => m.label);

describe('the media and electronic-record screens in the menu (DB3206/T 1060 §6.1.2, §6.1.3)', () => {
  it('gives the wipe wizard to the information-security officer alone', () => {
    expect(labelsFor('security-officer')).toEqual(expect.arrayContaining(['存储介质台账', '领用与审批', '清除向导', '清除证书', '电子记录']));
    for (const role of ['info-centre', 'department-head', 'case-officer', 'security-admin', 'auditor'] as const) {
      expect(labelsFor(role)).not.toContain('清除向导');
    }
  });

  it('lets the people of the checkout chain reach their step, and the security administrator the rules', () => {
    expect(labelsFor('case-officer')).toEqual(expect.arrayContaining(['存储介质台账', '领用与审批', '电子记录']));
    expect(labelsFor('department-head')).toContain('领用与审批');
    expect(labelsFor('info-centre')).toContain('领用与审批');
    expect(labelsFor('security-admin')).toContain('介质规则');
    expect(labelsFor('security-officer')).not.toContain('介质规则');
    expect(labelsFor('system-admin')).not.toContain('存储介质台账');
    expect(labelsFor('system-admin')).not.toContain('电子记录');
  });

  it('addresses each screen by a hash that reads back as itself', () => {
    const routes: Route[] = [{ page: 'media' }, { page: 'mediaRequests' }, { page: 'wipe' }, { page: 'certificates' }, { page: 'mediaRules' }, { page: 'erecords' }];
    for (const route of routes) expect(parseHash(routeHash(route))).toEqual(route);
    expect(routeHash({ page: 'mediaRequests' })).toBe('#/mediaRequests');
  });
});
