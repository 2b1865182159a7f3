import type { AccessExplainDto, Role } from '../../contract';
import type { Handlers } from '../context';
import { CoreError } from '../errors';
import { getCaseRow } from '../cases/caseStore';
import { getTerminal } from '../terminals/register';
import { accessSettings, saveAccessSettings } from './accessSettings';
import { askCaseAccess } from './caseAccess';
import { findUserByName, toAuthUser } from './users';

type PolicyMethods = 'access.explain' | 'access.settings' | 'access.updateSettings';

export const accessPolicyHandlers: Pick<Handlers, PolicyMethods> = {
  /**
   * The policy's answer for someone else, for the security desk and the auditor: why a person may or
   * may not do something to a case at a terminal (issue 5 item 8). It reads the same facts the real
   * call would and shows no case content.
   */
  'access.explain': {
    kind: 'read',
    access: 'access.explain',
    run: (ctx, req): AccessExplainDto => {
      const row = findUserByName(ctx.db, req.username);
      if (!row) throw new CoreError('not-found', `用户“${req.username}”不存在，请核对用户名。`, 'username');
      const user = toAuthUser(ctx.db, row);
      const caseRow = getCaseRow(ctx.db, req.caseId ? { caseId: req.caseId } : { caseNumber: req.caseNumber! });
      const terminalId = req.terminalId || ctx.terminal.id;
      let fingerprint: string | null;
      if (!req.terminalId || req.terminalId === ctx.terminal.id) fingerprint = ctx.terminal.fingerprint;
      else {
        const t = getTerminal(ctx.db, req.terminalId);
        if (!t) throw new CoreError('not-found', `终端“${req.terminalId}”不在终端登记表中。终端编号可在该终端的“本终端”页面或 dossier terminal show 查到。`, 'terminalId');
        fingerprint = t.fingerprint;
      }
      const answer = askCaseAccess(ctx, caseRow.id, req.action, { subject: { username: user.username, roles: user.roles, department: user.department }, terminal: { id: terminalId, fingerprint } });
      ctx.audit.target = `case:${caseRow.case_number}`;
      return {
        allow: answer.decision.allow,
        reason: answer.decision.reason,
        code: answer.decision.allow ? null : answer.decision.code,
        facts: {
          username: user.username,
          roles: user.roles,
          department: user.department,
          caseNumber: caseRow.case_number,
          caseState: caseRow.state,
          caseDepartment: caseRow.department,
          personOfCase: answer.facts.handlers.includes(user.username),
          terminalId,
          designatedTerminal: answer.terminal.designated,
          grant: answer.grant.grant.status,
        },
      };
    },
  },

  'access.settings': { kind: 'read', access: 'signed-in', run: (ctx) => accessSettings(ctx.db) },

  /** Who besides the handlers may read before archiving (§4.10.1 授权人员), and the reading room's idle limit. */
  'access.updateSettings': {
    kind: 'change',
    access: 'access.settings',
    run: (ctx, req) => {
      const before = accessSettings(ctx.db);
      const saved = saveAccessSettings(ctx.db, { preArchiveReaders: req.preArchiveReaders as Role[], readingIdleMinutes: req.readingIdleMinutes });
      ctx.audit.target = 'settings:access';
      ctx.audit.detail = `归档前授权查阅角色 ${before.preArchiveReaders.join('、') || '无'} → ${saved.preArchiveReaders.join('、') || '无'}；阅览空闲时限 ${before.readingIdleMinutes} → ${saved.readingIdleMinutes} 分钟`;
      return saved;
    },
  },
};
