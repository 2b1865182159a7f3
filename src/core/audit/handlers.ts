import type { Handlers } from '../context';
import { getUnit } from '../access/users';
import { listAudit } from './log';
import { unitSigner } from '../signing/unitSigner';
import { unitTrustAnchors } from '../signing/store';
import { makeCheckpoint } from './checkpoint';
import { verifyAudit } from './verify';

export const auditHandlers: Pick<Handlers, 'audit.list' | 'audit.verify' | 'audit.checkpoint'> = {
  'audit.list': { kind: 'read', access: 'audit.read', run: (ctx, req) => listAudit(ctx.db, req) },

  /** Verifying and exporting are themselves logged: the auditor's own work is audited too. */
  'audit.verify': {
    kind: 'view',
    access: 'audit.read',
    run: (ctx, req) => {
      const result = verifyAudit(ctx.db, req.checkpoint, unitTrustAnchors(ctx.db));
      ctx.audit.target = 'audit-log';
      ctx.audit.detail = result.isIntact
        ? `完整，共 ${result.count} 条`
        : `发现问题：${result.broken?.reason ?? result.checkpoint?.reason ?? ''}`;
      return result;
    },
  },

  /** Signed with the unit's certificate, so that whoever keeps it can show where it came from. */
  'audit.checkpoint': {
    kind: 'view',
    access: 'audit.read',
    runAsync: async (ctx) => {
      const { identity, signer } = unitSigner(ctx, '签署审计检查点');
      const cp = await makeCheckpoint(ctx.db, getUnit(ctx.db)!.fondsNumber, ctx.terminalId, ctx.nowIso, { signer, subject: identity.subject, fingerprint: identity.fingerprint });
      ctx.audit.target = 'audit-log';
      ctx.audit.detail = `检查点：第 ${cp.count} 条，${cp.headHash.slice(0, 16)}…`;
      return cp;
    },
  },
};
