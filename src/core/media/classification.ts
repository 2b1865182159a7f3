import { CLASSIFICATIONS, isStateSecret, type Classification } from '../../contract';

/**
 * Whether a medium of `mediumLevel` may hold a record of `recordLevel` (DB3206/T 1060 §6.1.3 f:
 * non-classified media never receive classified information). A medium holds records up to its own
 * level in CLASSIFICATIONS' order; a 涉密 record never goes to a 非涉密 or 内部 medium, whatever the order
 * says, because 内部 is the unit's own mark and no 涉密 carrier.
 */
export function mayHold(mediumLevel: Classification, recordLevel: Classification): boolean {
  if (isStateSecret(recordLevel) && !isStateSecret(mediumLevel)) return false;
  return CLASSIFICATIONS.indexOf(recordLevel) <= CLASSIFICATIONS.indexOf(mediumLevel);
}
