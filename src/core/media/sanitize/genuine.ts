import type { MediumRow } from '../store';
import type { MediumCheck } from '../identity';

/**
 * Whether the identity check says the target is this registered medium. `ok`, or `not-usable`: the
 * identity checks (genuine signature, this tag, the register's latest nonce, matching hardware) all
 * come before the circulation check in `verdictFor`, and a medium awaiting wipe or destruction is out
 * of circulation by design — it is that medium, it is simply not to be used for records.
 */
export function isGenuine(check: MediumCheck, medium: MediumRow): boolean {
  if (check.medium?.id !== medium.id) return false;
  return check.verdict === 'ok' || check.verdict === 'not-usable';
}
