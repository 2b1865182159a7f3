import type { Handlers } from '../context';
import { CoreError } from '../errors';
import { getTerminal, isDesignatedTerminal, listTerminals, setDesignation } from './register';

type TerminalMethods = 'terminals.current' | 'terminals.list' | 'terminals.designate';

/**
 * The register of terminals and their designation for reading archived dossiers (DB3206/T 1060
 * §4.10.2, 指定地点); designating is the security administrator's (terminals.manage).
 */
export const terminalHandlers: Pick<Handlers, TerminalMethods> = {
  'terminals.current': {
    kind: 'read',
    access: 'signed-in',
    run: (ctx) => ({
      id: ctx.terminal.id,
      fingerprint: ctx.terminal.fingerprint,
      kind: ctx.terminal.kind,
      isDesignated: isDesignatedTerminal(ctx.db, ctx.terminal.id, ctx.terminal.fingerprint),
    }),
  },
  'terminals.list': {
    kind: 'read',
    access: 'terminals.manage',
    run: (ctx) => listTerminals(ctx.db),
  },
  'terminals.designate': {
    kind: 'change',
    access: 'terminals.manage',
    run(ctx, { terminalId, designated, note }) {
      ctx.audit.target = `terminal:${terminalId}`;
      const terminal = getTerminal(ctx.db, terminalId);
      if (!terminal) {
        throw new CoreError(
          'not-found',
          `终端 ${terminalId} 从未在本工作站出现过，不能指定。请先在该终端上打开本程序或网页（终端由此登记），核对其指纹后再指定。`,
          'terminalId',
        );
      }
      setDesignation(ctx.db, terminalId, designated, ctx.user!.username, ctx.nowIso, note);
      const what = designated ? '指定为查阅终端' : '撤销查阅终端指定';
      ctx.audit.detail = [`${what}（指纹 ${terminal.fingerprint}）`, note].filter(Boolean).join('：');
      return getTerminal(ctx.db, terminalId)!;
    },
  },
};
