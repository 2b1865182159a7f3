import type { Handlers } from '../context';
import { CoreError } from '../errors';
import { getSetting } from '../store/settings';
import { hashPassword, verifyPassword } from './passwords';
import { sessionInfo } from './sessionInfo';
import { endSession, endSessionsOf, startSession } from './sessions';
import {
  countActiveWithRole,
  findUserByName,
  getUnit,
  getUserRow,
  insertUser,
  replaceRoles,
  toAuthUser,
  toUserDto,
} from './users';
import { separationConflict } from './permissions';
import { createUnitIdentity, KeyProtectionError } from '../pdf/sign';
import { addCurrentIdentity } from '../signing/store';

type AccessMethods =
  | 'setup.status'
  | 'setup.initialize'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.session'
  | 'auth.changePassword'
  | 'users.list'
  | 'users.directory'
  | 'users.create'
  | 'users.update'
  | 'users.setRoles'
  | 'users.resetPassword'
  | 'users.unlock';

const LOGIN_FAILED = '用户名或密码不正确。';

export const accessHandlers: Pick<Handlers, AccessMethods> = {
  'setup.status': {
    kind: 'read',
    access: 'public',
    run: (ctx) => {
      const unit = getUnit(ctx.db);
      return { isSetUp: unit !== null, unit, terminalId: ctx.terminalId, keyProtection: ctx.keys.protection };
    },
  },

  /** First-run set-up: the unit and its first system administrator, who is signed in at once. */
  'setup.initialize': {
    kind: 'change',
    access: 'public',
    runAsync: async (ctx, req) => {
      const alreadySetUp = () => new CoreError('already-set-up', '本单位已完成初始设置，不能重复设置。请直接登录。');
      if (getUnit(ctx.db)) throw alreadySetUp();
      // The unit's signing certificate (issue: DB3206/T 1060 §6.2.2 d), made before anything is
      // written, so that a failure here leaves the unit not set up at all. Where the machine has no
      // OS key store, the passphrase chosen at set-up seals it and is kept for this run.
      const protector = ctx.keys.forNewKeys() ?? (req.keyPassphrase ? ctx.keys.passphraseProtector(req.keyPassphrase) : null);
      const identity = protector
        ? await createUnitIdentity({ unitName: req.compilingUnit, keyBits: ctx.signingKeyBits, now: ctx.now }, protector).catch((error: unknown) => {
            throw error instanceof KeyProtectionError ? new CoreError('bad-request', error.message, req.keyPassphrase ? 'keyPassphrase' : undefined) : error;
          })
        : null;
      return ctx.db.transaction(() => {
        if (getUnit(ctx.db)) throw alreadySetUp();
        if (identity && protector) {
          addCurrentIdentity(ctx.db, identity, [], ctx.nowIso);
          ctx.onRollback(ctx.keys.keep(protector));
          ctx.keys.sealed(protector, identity.fingerprint);
        }
        ctx.db
          .prepare('INSERT INTO unit (id, compiling_unit, fonds_number, set_up_at) VALUES (1, ?, ?, ?)')
          .run(req.compilingUnit, req.fondsNumber, ctx.nowIso);
        const admin = insertUser(
          ctx.db,
          { ...req.admin, roles: ['system-admin'], passwordHash: hashPassword(req.admin.password, ctx.scryptCost) },
          ctx.nowIso,
        );
        ctx.caller.session.token = startSession(ctx.db, admin.id, ctx.caller.channel, ctx.nowIso);
        ctx.audit.actor = admin.username;
        ctx.audit.target = `unit:${req.fondsNumber}`;
        ctx.audit.detail = `编制单位 ${req.compilingUnit}，全宗号 ${req.fondsNumber}，系统管理员 ${admin.username}${
          identity ? `，签章证书 ${identity.fingerprint.slice(0, 16)}…` : '，未创建签章证书'
        }`;
        return sessionInfo(ctx, admin);
      })();
    },
  },

  /**
   * Not transactional: a wrong password must be counted (and the lockout set) even though the call
   * fails. The unit's limits apply: `login.maxFailures` in a row lock for `login.lockMinutes`.
   */
  'auth.login': {
    kind: 'change',
    access: 'public',
    transactional: false,
    run: (ctx, req) => {
      ctx.audit.actor = req.username;
      ctx.audit.target = `user:${req.username}`;
      const row = findUserByName(ctx.db, req.username);
      if (!row) throw new CoreError('unauthenticated', LOGIN_FAILED);
      if (row.locked_until && row.locked_until > ctx.nowIso) {
        throw new CoreError('locked', `连续登录失败次数过多，账号已锁定至 ${formatLocal(row.locked_until)}。请稍后再试，或请系统管理员解锁。`);
      }
      if (row.is_active !== 1) throw new CoreError('forbidden', '该账号已停用，请联系系统管理员。');
      if (!verifyPassword(req.password, row.password_hash)) {
        const failures = row.failed_logins + 1;
        const max = getSetting(ctx.db, 'login.maxFailures');
        if (failures >= max) {
          const until = new Date(ctx.now.getTime() + getSetting(ctx.db, 'login.lockMinutes') * 60_000).toISOString();
          ctx.db.prepare('UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?').run(until, row.id);
          throw new CoreError('locked', `连续 ${max} 次密码错误，账号已锁定至 ${formatLocal(until)}。`);
        }
        ctx.db.prepare('UPDATE users SET failed_logins = ? WHERE id = ?').run(failures, row.id);
        throw new CoreError('unauthenticated', `${LOGIN_FAILED}再错 ${max - failures} 次账号将被锁定。`);
      }
      return ctx.db.transaction(() => {
        ctx.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
        endSession(ctx.db, ctx.caller.session.token, ctx.nowIso);
        ctx.caller.session.token = startSession(ctx.db, row.id, ctx.caller.channel, ctx.nowIso);
        return sessionInfo(ctx, getUserRow(ctx.db, row.id));
      })();
    },
  },

  'auth.logout': {
    kind: 'change',
    access: 'signed-in',
    run: (ctx) => {
      endSession(ctx.db, ctx.caller.session.token, ctx.nowIso);
      ctx.caller.session.token = null;
      ctx.emit({ type: 'session.ended', reason: 'logout' });
      return null;
    },
  },

  'auth.session': {
    kind: 'read',
    access: 'public',
    run: (ctx) => (ctx.user ? sessionInfo(ctx, getUserRow(ctx.db, ctx.user.id)) : null),
  },

  'auth.changePassword': {
    kind: 'change',
    access: 'signed-in',
    run: (ctx, req) => {
      const row = getUserRow(ctx.db, ctx.user!.id);
      if (!verifyPassword(req.oldPassword, row.password_hash)) throw new CoreError('bad-request', '原密码不正确。', 'oldPassword');
      if (req.oldPassword === req.newPassword) throw new CoreError('bad-request', '新密码不能与原密码相同。', 'newPassword');
      ctx.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hashPassword(req.newPassword, ctx.scryptCost), row.id);
      ctx.audit.target = `user:${row.username}`;
      return null;
    },
  },

  'users.list': {
    kind: 'read',
    access: 'people.read',
    run: (ctx) =>
      (ctx.db.prepare('SELECT * FROM users ORDER BY id').all() as ReturnType<typeof getUserRow>[]).map((r) =>
        toUserDto(ctx.db, r, ctx.now),
      ),
  },

  'users.directory': {
    kind: 'read',
    access: 'signed-in',
    run: (ctx) =>
      (
        ctx.db.prepare('SELECT id, display_name, department FROM users WHERE is_active = 1 ORDER BY department, display_name').all() as {
          id: number;
          display_name: string;
          department: string;
        }[]
      ).map((r) => ({ id: String(r.id), displayName: r.display_name, department: r.department })),
  },

  'users.create': {
    kind: 'change',
    access: 'people.manage',
    run: (ctx, req) => {
      const conflict = separationConflict(req.roles);
      if (conflict) throw new CoreError('bad-request', conflict, 'roles');
      const row = insertUser(ctx.db, { ...req, passwordHash: hashPassword(req.password, ctx.scryptCost) }, ctx.nowIso);
      ctx.audit.target = `user:${row.username}`;
      ctx.audit.detail = `角色 ${req.roles.join(',')}，部门 ${req.department}`;
      return toUserDto(ctx.db, row, ctx.now);
    },
  },

  'users.update': {
    kind: 'change',
    access: 'people.manage',
    run: (ctx, req) => {
      const row = getUserRow(ctx.db, req.userId);
      ctx.audit.target = `user:${row.username}`;
      if (req.isActive === false) {
        if (row.id === ctx.user!.id) throw new CoreError('bad-request', '不能停用自己的账号。', 'isActive');
        const roles = toAuthUser(ctx.db, row).roles;
        if (roles.includes('system-admin') && countActiveWithRole(ctx.db, 'system-admin') <= 1) {
          throw new CoreError('bad-request', '这是最后一名在用的系统管理员，不能停用。', 'isActive');
        }
        endSessionsOf(ctx.db, row.id, ctx.nowIso);
      }
      ctx.db
        .prepare('UPDATE users SET display_name = ?, department = ?, is_active = ? WHERE id = ?')
        .run(req.displayName ?? row.display_name, req.department ?? row.department, req.isActive === undefined ? row.is_active : Number(req.isActive), row.id);
      ctx.audit.detail = describePatch({ displayName: req.displayName, department: req.department, isActive: req.isActive });
      return toUserDto(ctx.db, getUserRow(ctx.db, row.id), ctx.now);
    },
  },

  'users.setRoles': {
    kind: 'change',
    access: 'roles.assign',
    reauth: true,
    run: (ctx, req) => {
      const row = getUserRow(ctx.db, req.userId);
      ctx.audit.target = `user:${row.username}`;
      const conflict = separationConflict(req.roles);
      if (conflict) throw new CoreError('bad-request', conflict, 'roles');
      const before = toAuthUser(ctx.db, row).roles;
      if (before.includes('system-admin') && !req.roles.includes('system-admin') && countActiveWithRole(ctx.db, 'system-admin') <= 1) {
        throw new CoreError('bad-request', '这是最后一名系统管理员，不能取消其系统管理员角色。', 'roles');
      }
      if (row.id === ctx.user!.id) throw new CoreError('forbidden', '不能修改自己的角色，请由另一名管理员操作。');
      replaceRoles(ctx.db, row.id, req.roles);
      ctx.audit.detail = `角色 ${before.join(',')} → ${req.roles.join(',')}`;
      return toUserDto(ctx.db, getUserRow(ctx.db, row.id), ctx.now);
    },
  },

  'users.resetPassword': {
    kind: 'change',
    access: 'people.manage',
    run: (ctx, req) => {
      const row = getUserRow(ctx.db, req.userId);
      ctx.audit.target = `user:${row.username}`;
      ctx.db
        .prepare('UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?')
        .run(hashPassword(req.password, ctx.scryptCost), row.id);
      endSessionsOf(ctx.db, row.id, ctx.nowIso);
      return null;
    },
  },

  'users.unlock': {
    kind: 'change',
    access: 'people.manage',
    run: (ctx, req) => {
      const row = getUserRow(ctx.db, req.userId);
      ctx.audit.target = `user:${row.username}`;
      ctx.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(row.id);
      return toUserDto(ctx.db, getUserRow(ctx.db, row.id), ctx.now);
    },
  },
};

function describePatch(patch: Record<string, unknown>): string {
  return Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('，');
}

/** Lock times are shown in Beijing time, which is what every unit of the standard uses. */
function formatLocal(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
