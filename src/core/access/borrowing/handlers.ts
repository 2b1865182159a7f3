import type { Context, Handlers } from '../../context';
import { CoreError } from '../../errors';
import { hasPermission } from '../permissions';
import { approveRequest, rejectRequest, renewGrant, revokeGrant } from './decisions';
import { acceptPledge } from './pledge';
import { createRequest, withdrawRequest } from './requests';
import { getRequestRow, listRequestRows, toRequestDto, type RequestRow } from './store';

type BorrowingMethods = 'access.request' | 'access.list' | 'access.get' | 'access.approve' | 'access.reject' | 'access.withdraw' | 'access.revoke' | 'access.renew' | 'access.pledge';

/** The request acted on, named in the log by its case (`case:<案件编号>`) like every action on a case. */
function target(ctx: Context, requestId: string): RequestRow {
  const row = getRequestRow(ctx.db, requestId);
  ctx.audit.target = `case:${row.case_number}`;
  return row;
}

/** The row as it now stands, with its grant's state at the moment of the call. */
function reread(ctx: Context, id: number | string) {
  return toRequestDto(ctx.db, getRequestRow(ctx.db, String(id)), ctx.nowIso);
}

const isArchiveDepartment = (ctx: Context) => hasPermission(ctx.user!.roles, 'access.approve');

/**
 * Borrowing archived dossiers (DB3206/T 1060 §4.10.2, §4.10.3; DOMAIN.md "Access"): readers ask at a
 * designated terminal, the archive department approves (password asked again), rejects, revokes or
 * renews, never on its own request; the reader accepts the confidentiality pledge. Every change is
 * logged by the pipeline with the case as target, every refusal as denied.
 */
export const borrowingHandlers: Pick<Handlers, BorrowingMethods> = {
  'access.request': {
    kind: 'change',
    access: 'access.request',
    run: (ctx, req) => reread(ctx, createRequest(ctx, req)),
  },

  /** Own requests for anyone who may ask or decide; the archive department's lists only for it. */
  'access.list': {
    kind: 'read',
    access: 'signed-in',
    run: (ctx, req) => {
      const user = ctx.user!;
      const mayAsk = hasPermission(user.roles, 'access.request');
      if (req.scope === 'mine' ? !mayAsk && !isArchiveDepartment(ctx) : !isArchiveDepartment(ctx)) {
        throw new CoreError('forbidden', req.scope === 'mine' ? '您的角色不能申请借阅，没有借阅申请可列。' : '待审批、逾期和全部借阅申请只有档案管理部门可以查看；您可以查看本人的申请（范围“本人”）。');
      }
      return listRequestRows(ctx.db, { scope: req.scope, username: user.username, caseNumber: req.caseNumber, nowIso: ctx.nowIso }).map((row) => toRequestDto(ctx.db, row, ctx.nowIso));
    },
  },

  'access.get': {
    kind: 'read',
    access: 'signed-in',
    run: (ctx, req) => {
      const row = getRequestRow(ctx.db, req.requestId);
      if (row.requested_by !== ctx.user!.username && !isArchiveDepartment(ctx)) {
        ctx.audit.target = `case:${row.case_number}`;
        throw new CoreError('forbidden', '只能查看本人的借阅申请；其他人的申请由档案管理部门查看。');
      }
      return toRequestDto(ctx.db, row, ctx.nowIso);
    },
  },

  'access.approve': {
    kind: 'change',
    access: 'access.approve',
    reauth: true,
    run: (ctx, req) => {
      approveRequest(ctx, target(ctx, req.requestId), req);
      return reread(ctx, req.requestId);
    },
  },

  'access.reject': {
    kind: 'change',
    access: 'access.approve',
    run: (ctx, req) => {
      rejectRequest(ctx, target(ctx, req.requestId), req.reason);
      return reread(ctx, req.requestId);
    },
  },

  'access.withdraw': {
    kind: 'change',
    access: 'signed-in',
    run: (ctx, req) => {
      withdrawRequest(ctx, target(ctx, req.requestId));
      return reread(ctx, req.requestId);
    },
  },

  'access.revoke': {
    kind: 'change',
    access: 'access.approve',
    run: (ctx, req) => {
      revokeGrant(ctx, target(ctx, req.requestId), req.reason);
      return reread(ctx, req.requestId);
    },
  },

  'access.renew': {
    kind: 'change',
    access: 'access.approve',
    reauth: true,
    run: (ctx, req) => {
      renewGrant(ctx, target(ctx, req.requestId), req.days);
      return reread(ctx, req.requestId);
    },
  },

  'access.pledge': {
    kind: 'change',
    access: 'signed-in',
    run: (ctx, req) => {
      acceptPledge(ctx, target(ctx, req.requestId), req.version);
      return reread(ctx, req.requestId);
    },
  },
};
