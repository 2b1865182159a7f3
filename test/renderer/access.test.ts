import { describe, expect, it } from 'vitest';
import { ApiFailure, type AccessRequestDto, type GrantDto } from '../../src/contract';
import { isOpenByAddress } from '../../src/renderer/app/navigation';
import { parseHash, routeHash, type Route } from '../../src/renderer/app/route';
import { explainRequest, preArchiveReadersOf } from '../../src/renderer/features/accessPolicy/policyModel';
import {
  approveRequest,
  canAskRenewal,
  canRead,
  canRenewGrant,
  canRevoke,
  canWithdraw,
  grantScope,
  isOwnRequest,
  needsPledge,
  readableRequestFor,
  renewalDefaults,
} from '../../src/renderer/features/borrowing/borrowingModel';
import { clampPage, endsReading, firstVolume, msUntil, pageForKey, parsePageList, watermarkLine } from '../../src/renderer/features/reading/readingModel';

function grant(patch: Partial<GrantDto> = {}): GrantDto {
  return {
    startsAt: '2026-11-01T00:00:00.000Z',
    endsAt: '2026-11-08T00:00:00.000Z',
    print: false,
    export: false,
    state: 'active',
    overdue: false,
    renewals: 0,
    revokedAt: null,
    revokedBy: null,
    revokeReason: '',
    pledge: null,
    ...patch,
  };
}

function request(patch: Partial<AccessRequestDto> = {}): AccessRequestDto {
  return {
    id: '1',
    caseId: '10',
    caseNumber: '通烟立〔2024〕第31号',
    cause: '涉嫌无证运输烟草专卖品',
    archivalCode: 'J001-XZCF-2024年度第1号',
    requestedBy: 'wangqiang',
    requestedByName: '王强',
    requestedAt: '2026-11-01T00:00:00.000Z',
    terminalId: 'T-0123456789AB',
    purpose: '行政复议答复',
    days: 7,
    wantPrint: true,
    wantExport: false,
    renews: null,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionNote: '',
    grant: null,
    ...patch,
  };
}

describe('what a borrowing request lets each person do next', () => {
  it('withdraws only while pending; reads only while the grant is in force, the pledge first', () => {
    expect(canWithdraw(request())).toBe(true);
    expect(canRead(request())).toBe(false);
    const approved = request({ status: 'approved', grant: grant() });
    expect(canWithdraw(approved)).toBe(false);
    expect(canRead(approved)).toBe(true);
    expect(needsPledge(approved)).toBe(true);
    expect(needsPledge(request({ status: 'approved', grant: grant({ pledge: { acceptedAt: '2026-11-01T01:00:00Z', terminalId: 'T-1', version: '2024-1' } }) }))).toBe(false);
    for (const state of ['expired', 'revoked', 'not-started'] as const) expect(canRead(request({ status: 'approved', grant: grant({ state }) }))).toBe(false);
  });

  it('asks for renewal of a running or run-out grant; the archive department renews any it has not revoked and revokes what is in force', () => {
    expect(canAskRenewal(request({ status: 'approved', grant: grant({ state: 'expired' }) }))).toBe(true);
    expect(canAskRenewal(request({ status: 'approved', grant: grant({ state: 'revoked' }) }))).toBe(false);
    expect(canAskRenewal(request({ status: 'rejected' }))).toBe(false);
    expect(canRenewGrant(request({ status: 'approved', grant: grant({ state: 'expired', overdue: true }) }))).toBe(true);
    expect(canRenewGrant(request({ status: 'approved', grant: grant({ state: 'revoked' }) }))).toBe(false);
    expect(canRevoke(request({ status: 'approved', grant: grant({ state: 'not-started' }) }))).toBe(true);
    expect(canRevoke(request({ status: 'approved', grant: grant({ state: 'expired' }) }))).toBe(false);
  });

  it('never approves more than was asked: days capped, print and export only narrowed', () => {
    const asked = request({ days: 7, wantPrint: true, wantExport: false });
    expect(approveRequest(asked, { days: 30, print: true, export: true, note: ' 同意 ', confirmPassword: 'pw' })).toEqual({
      requestId: '1',
      days: 7,
      print: true,
      export: false,
      note: '同意',
      confirmPassword: 'pw',
    });
    expect(approveRequest(asked, { days: 3, print: false, export: false, note: '', confirmPassword: 'pw' })).toMatchObject({ days: 3, print: false });
  });

  it('knows one’s own request, renews from the grant’s flags, and finds the grant in force for a case', () => {
    expect(isOwnRequest(request(), 'wangqiang')).toBe(true);
    expect(isOwnRequest(request(), 'liufang')).toBe(false);
    expect(renewalDefaults(request({ status: 'approved', grant: grant({ print: false }) }))).toEqual({ purpose: '行政复议答复', days: 7, print: false, export: false });
    const older = request({ id: '1', status: 'approved', decidedAt: '2026-11-01T02:00:00Z', grant: grant() });
    const newer = request({ id: '2', status: 'approved', decidedAt: '2026-11-02T02:00:00Z', grant: grant() });
    expect(readableRequestFor([older, newer, request({ id: '3' })], '10')?.id).toBe('2');
    expect(readableRequestFor([older], '11')).toBeNull();
    expect(grantScope({ print: true, export: true })).toBe('查阅、打印、导出');
    expect(grantScope({ print: false, export: false })).toBe('仅查阅');
  });
});

describe('the reading room', () => {
  it('turns pages with the keys, within the volume', () => {
    expect(pageForKey('ArrowRight', 1, 5)).toBe(2);
    expect(pageForKey('PageDown', 5, 5)).toBeNull();
    expect(pageForKey('ArrowLeft', 1, 5)).toBeNull();
    expect(pageForKey('PageUp', 3, 5)).toBe(2);
    expect(pageForKey('End', 1, 5)).toBe(5);
    expect(pageForKey('Home', 4, 5)).toBe(1);
    expect(pageForKey('a', 2, 5)).toBeNull();
    expect(clampPage(9, 5)).toBe(5);
    expect(clampPage(0, 5)).toBe(1);
    expect(clampPage(Number.NaN, 5)).toBe(1);
  });

  it('reads the pages to print, refusing what the volume does not have', () => {
    expect(parsePageList('1-3,5', 10)).toEqual({ pages: [1, 2, 3, 5] });
    expect(parsePageList('5，1－2、2', 10)).toEqual({ pages: [1, 2, 5] });
    expect(parsePageList('', 10)).toEqual({ error: '请填写要打印的页码，例如 1-3,5' });
    expect(parsePageList('3-1', 10)).toHaveProperty('error');
    expect(parsePageList('11', 10)).toEqual({ error: '本卷共 10 页，没有第 11 页' });
    expect(parsePageList('a', 10)).toHaveProperty('error');
  });

  it('writes the watermark with reader, terminal and time; starts on a volume with pages', () => {
    expect(watermarkLine({ reader: '王强', terminalId: 'T-0123456789AB' }, new Date(2026, 10, 30, 9, 5, 7))).toBe('王强 · T-0123456789AB · 2026-11-30 09:05:07');
    expect(firstVolume([{ volume: '正卷', edition: 1, pageCount: 0 }, { volume: '副卷', edition: 1, pageCount: 3 }])).toBe('副卷');
    expect(firstVolume([])).toBeNull();
  });

  it('ends the reading on a refusal, not on a typo or a hiccup', () => {
    expect(endsReading(new ApiFailure({ code: 'forbidden', message: '借阅授权已到期。' }))).toBe(true);
    expect(endsReading(new ApiFailure({ code: 'bad-request', message: '页码从 1 开始' }))).toBe(false);
    expect(endsReading(new ApiFailure({ code: 'internal', message: '内部错误' }))).toBe(false);
    expect(endsReading(new Error('network'))).toBe(false);
  });

  it('times a look at the policy for the grant’s end, unless it is too far for a timer', () => {
    const now = Date.parse('2026-11-30T00:00:00Z');
    expect(msUntil('2026-11-30T00:00:10Z', now)).toBe(10_000);
    expect(msUntil('2026-11-29T00:00:00Z', now)).toBe(0);
    expect(msUntil('2026-12-30T00:00:00Z', now)).toBeNull();
  });

  it('has its own address, open without a menu entry', () => {
    const routes: Route[] = [{ page: 'reading', caseId: '案/7' }, { page: 'borrowing' }, { page: 'approvals' }, { page: 'policy' }, { page: 'explain' }];
    for (const route of routes) expect(parseHash(routeHash(route))).toEqual(route);
    expect(routeHash({ page: 'reading', caseId: '7' })).toBe('#/reading/7');
    expect(parseHash('#/reading')).toEqual({ page: 'home' });
    expect(isOpenByAddress('reading')).toBe(true);
    expect(isOpenByAddress('approvals')).toBe(false);
  });
});

describe('access policy screens', () => {
  it('sends only the roles that may read before archiving, and a blank terminal as the caller’s own', () => {
    expect(preArchiveReadersOf(['leader', 'reader', 'department-head'])).toEqual(['department-head', 'leader']);
    expect(preArchiveReadersOf(undefined)).toEqual([]);
    expect(explainRequest({ username: ' wangqiang ', action: 'print', caseNumber: ' A1 ', terminalId: ' ' })).toEqual({ username: 'wangqiang', action: 'print', caseNumber: 'A1' });
    expect(explainRequest({ username: 'a', action: 'view', caseNumber: 'A1', terminalId: 'T-1' })).toMatchObject({ terminalId: 'T-1' });
  });
});
