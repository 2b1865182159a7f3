import type { SigningStatus } from '../../contract';
import type { Context } from '../context';
import { listIdentities, toCertificateInfo } from './store';

/**
 * The unit's certificates and whether this process can sign now: it holds the protector of the
 * current key's kind and that protector really opens it (checked once per run, then remembered).
 */
export function signingStatus(ctx: Pick<Context, 'db' | 'keys'>): SigningStatus {
  const identities = listIdentities(ctx.db);
  const current = identities.find((i) => i.isCurrent) ?? null;
  return {
    current: current ? toCertificateInfo(current) : null,
    canSign: current !== null && ctx.keys.canOpen(current),
    keyProtection: ctx.keys.protection,
    certificates: identities.map(toCertificateInfo),
  };
}
