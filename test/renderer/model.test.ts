import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ApiFailure, METHOD_NAMES, caseInputSchema, type CaseDto, type CatalogEntry } from '../../src/contract';
import { menuFor } from '../../src/renderer/app/navigation';
import { permissionsOf } from '../../src/core/access/permissions';
import { parseHash, routeHash, type Route } from '../../src/renderer/app/route';
import { errorMessage, findFormField, messageForField, toFieldPath } from '../../src/renderer/components/apiErrors';
import { checkpointFileName } from '../../src/renderer/features/audit/checkpointFile';
import { groupCatalog } from '../../src/renderer/features/cases/catalog';
import { handlerOptions, toCaseInput, toFormValues, tokensToHandlers } from '../../src/renderer/features/cases/caseFormModel';
import { METHOD_LABELS, actionLabel } from '../../src/renderer/i18n/zh-CN';

describe('field errors land on the field the core named', () => {
  const registered = [['caseNumber'], ['party', 'name'], ['party', 'kind'], ['handlers'], ['openedOn']];

  it('maps dotted paths with list indexes', () => {
    expect(toFieldPath('handlers.0.name')).toEqual(['handlers', 0, 'name']);
  });

  it('finds the longest registered prefix, after the request wrapper', () => {
    expect(findFormField('party.name', registered)).toEqual(['party', 'name']);
    expect(findFormField('handlers.1.name', registered)).toEqual(['handlers']);
    expect(findFormField('patch.party.name', registered, ['patch'])).toEqual(['party', 'name']);
    expect(findFormField('record.title', [['title']], ['record'])).toEqual(['title']);
  });

  it('gives up when no field matches, so the message is shown on its own', () => {
    expect(findFormField('party.age', [['party', 'name']])).toBeNull();
    expect(findFormField('', registered)).toBeNull();
  });

  it('drops the field path the core appends, once the message sits under that field', () => {
    expect(messageForField('密码至少 8 位（admin.password）', 'admin.password')).toBe('密码至少 8 位');
    expect(messageForField('案件编号已存在', 'caseNumber')).toBe('案件编号已存在');
  });

  it('shows the core’s message as is', () => {
    expect(errorMessage(new ApiFailure({ code: 'conflict', message: '案件编号已存在' }))).toBe('案件编号已存在');
    expect(errorMessage('x')).toBe('操作失败，请稍后重试');
  });
});

describe('case form model', () => {
  const directory = [{ id: '7', displayName: '陈立', department: '专卖监督管理科' }];

  it('turns picked and typed handlers into linked and unlinked ones', () => {
    const options = handlerOptions(directory);
    expect(options[0]).toMatchObject({ value: 'user:7', label: '陈立（专卖监督管理科）' });
    expect(tokensToHandlers(['user:7', ' 周敏 ', ''], options)).toEqual([
      { name: '陈立', userId: '7' },
      { name: '周敏', userId: null },
    ]);
  });

  it('builds a request the contract accepts, with only the chosen party kind’s fields', () => {
    const input = toCaseInput(
      {
        caseNumber: '通烟立〔2024〕第31号',
        cause: '涉嫌无证经营',
        party: { kind: 'organization', name: '宏达便利店', address: '人民路 1 号', legalRepresentative: '赵宏达', representativeTitle: '经营者', age: 40 },
        source: '举报',
        procedure: '一般程序',
        handlers: ['user:7', '周敏'],
        department: '专卖监督管理科',
        openedOn: dayjs('2024-03-05'),
        closedOn: null,
      },
      handlerOptions(directory),
    );
    expect(input.party).toEqual({ kind: 'organization', name: '宏达便利店', address: '人民路 1 号', legalRepresentative: '赵宏达', representativeTitle: '经营者' });
    expect(input.openedOn).toBe('2024-03-05');
    expect(caseInputSchema.safeParse(input).success).toBe(true);
  });

  it('round-trips a stored case, keeping linked handlers that left the directory', () => {
    const stored: CaseDto = {
      id: '1',
      caseNumber: 'A-1',
      cause: '涉嫌无证运输',
      party: { kind: 'person', name: '王建国', gender: '男', age: 46, occupation: '个体经营者', address: '和平路 18 号' },
      source: '路检',
      procedure: '简易程序',
      handlers: [{ name: '李四', userId: '99' }, { name: '周敏', userId: null }],
      department: '专卖科',
      disposition: '',
      openedOn: '2024-01-02',
      closedOn: null,
      state: '办理中',
      createdAt: '',
      updatedAt: '',
    };
    const values = toFormValues(stored);
    const options = handlerOptions(directory, stored.handlers);
    const input = toCaseInput(values, options);
    expect(input.handlers).toEqual(stored.handlers);
    expect(input.party).toEqual(stored.party);
    expect(input.openedOn).toBe('2024-01-02');
  });
});

describe('navigation', () => {
  it('offers each area only to the roles whose calls it needs, from the permissions the core reports', () => {
    expect(menuFor(permissionsOf(['case-officer'])).map((m) => m.area)).toEqual(['cases', 'dossiers', 'borrowing', 'scans', 'media', 'mediaRequests', 'certificates', 'erecords', 'verify']);
    expect(menuFor(permissionsOf(['system-admin'])).map((m) => m.area)).toEqual(['users', 'signing', 'verify']);
    expect(menuFor(permissionsOf(['security-admin'])).map((m) => m.area)).toEqual(['users', 'terminals', 'policy', 'explain', 'media', 'certificates', 'mediaRules', 'verify']);
    expect(menuFor(permissionsOf(['auditor'])).map((m) => m.area)).toEqual(['audit', 'explain', 'media', 'certificates', 'verify']);
    // A reader finds archived cases and asks to borrow them (issue 5); 验证 PDF is for every signed-in user.
    expect(menuFor(permissionsOf(['reader'])).map((m) => m.area)).toEqual(['cases', 'dossiers', 'borrowing', 'verify']);
    expect(menuFor(permissionsOf(['archivist'])).map((m) => m.area)).toContain('approvals');
    // 领用与审批 for those who ask, approve, keep or wipe media (DB3206/T 1060 §6.1.3 c), not for readers of the register.
    expect(menuFor(permissionsOf(['security-officer'])).map((m) => m.area)).toEqual(['media', 'mediaRequests', 'wipe', 'certificates', 'erecords', 'verify']);
    expect(menuFor(permissionsOf(['info-centre'])).map((m) => m.area)).toEqual(['media', 'mediaRequests', 'certificates', 'erecords', 'verify']);
    expect(menuFor([]).map((m) => m.area)).toEqual(['verify']);
    for (const role of ['archivist', 'department-head', 'legal-reviewer', 'leader'] as const) {
      const areas = menuFor(permissionsOf([role])).map((m) => m.area);
      expect(areas[0]).toBe('cases');
      expect(areas).toContain('verify');
      expect(areas).not.toContain('signing');
    }
  });

  it('reads and writes routes in the location hash', () => {
    const routes: Route[] = [{ page: 'home' }, { page: 'cases' }, { page: 'case', caseId: '案/1' }, { page: 'users' }, { page: 'audit' }, { page: 'scans' }, { page: 'signing' }, { page: 'verify' }];
    for (const route of routes) expect(parseHash(routeHash(route))).toEqual(route);
    expect(parseHash('#/nowhere')).toEqual({ page: 'home' });
    expect(parseHash('')).toEqual({ page: 'home' });
  });
});

describe('labels', () => {
  it('names every method of the contract in Chinese for the audit screen', () => {
    for (const method of METHOD_NAMES) expect(METHOD_LABELS[method], method).toMatch(/[\u4e00-\u9fff]/);
    expect(actionLabel('cases.create')).toBe('新建案件');
    expect(actionLabel('files.open')).toBe('查看文件');
    expect(actionLabel('something.new')).toBe('something.new');
  });

  it('groups the record catalog by stage in appendix order', () => {
    const entries: CatalogEntry[] = [
      { number: 17, stage: '调查取证', name: '询问笔录', category: '规范性', isApprovalForm: false },
      { number: 2, stage: '立案', name: '立案报告表', category: '规范性/内部审批', isApprovalForm: true },
      { number: 10, stage: '调查取证', name: '检查(勘验)笔录', category: '规范性', isApprovalForm: false },
    ];
    const groups = groupCatalog(entries);
    expect(groups.map((g) => g.label)).toEqual(['立案', '调查取证']);
    expect(groups[1]!.options.map((o) => o.label)).toEqual(['10. 检查(勘验)笔录', '17. 询问笔录']);
  });

  it('names an exported checkpoint file after the fonds, count and time', () => {
    const name = checkpointFileName({
      format: 'dossier-audit-checkpoint/1',
      fondsNumber: 'J032',
      terminalId: 'T-1',
      count: 21,
      headHash: 'a'.repeat(64),
      at: '2026-11-22T08:16:33.698Z',
    });
    expect(name).toBe('审计检查点-J032-21条-20261122-081633Z.json');
  });
});
