import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../src/contract';
import { EXIT, exitCodeFor } from '../../src/cli/exitCodes';

describe('exit codes', () => {
  it.each<[ErrorCode, number]>([
    ['bad-request', 2],
    ['not-found', 2],
    ['conflict', 2],
    ['locked', 2],
    ['not-set-up', 2],
    ['already-set-up', 2],
    ['read-only', 2],
    ['forbidden', 3],
    ['unauthenticated', 3],
    ['internal', 4],
  ])('maps %s to %i', (code, exit) => {
    expect(exitCodeFor(code)).toBe(exit);
  });

  it('never maps an error to success or to "a check failed"', () => {
    for (const code of ERROR_CODES) {
      expect(exitCodeFor(code)).not.toBe(EXIT.ok);
      expect(exitCodeFor(code)).not.toBe(EXIT.checkFailed);
    }
  });
});
