import type { ErrorCode } from '../contract';

/**
 * Exit codes are the CLI's contract with scripts. 1 is kept for "a check ran and failed" (a broken
 * audit chain), so a script can tell tampering apart from a mistake in how it called us (2), a
 * refusal (3) or a fault of the program itself (4).
 */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  denied: 3,
  internal: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A Record rather than a switch so that a new ErrorCode in the contract fails the typecheck here. */
const BY_ERROR_CODE: Record<ErrorCode, ExitCode> = {
  'bad-request': EXIT.usage,
  'not-found': EXIT.usage,
  conflict: EXIT.usage,
  locked: EXIT.usage,
  'not-set-up': EXIT.usage,
  'already-set-up': EXIT.usage,
  'read-only': EXIT.usage,
  forbidden: EXIT.denied,
  unauthenticated: EXIT.denied,
  internal: EXIT.internal,
};

export function exitCodeFor(code: ErrorCode): ExitCode {
  return BY_ERROR_CODE[code] ?? EXIT.internal;
}
