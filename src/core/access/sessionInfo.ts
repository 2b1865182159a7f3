import type { SessionInfo } from '../../contract';
import type { Context } from '../context';
import { CoreError } from '../errors';
import { getSetting } from '../store/settings';
import { permissionsOf } from './permissions';
import { getUnit, toUserDto, type StoredUser } from './users';

export function sessionInfo(ctx: Context, row: StoredUser): SessionInfo {
  const unit = getUnit(ctx.db);
  if (!unit) throw new CoreError('not-set-up', '本单位尚未完成初始设置。');
  const idleMinutes = getSetting(ctx.db, 'session.idleMinutes');
  const user = toUserDto(ctx.db, row, ctx.now);
  return {
    user,
    permissions: permissionsOf(user.roles),
    unit,
    terminalId: ctx.terminalId,
    idleMinutes,
    expiresAt: new Date(ctx.now.getTime() + idleMinutes * 60_000).toISOString(),
  };
}
