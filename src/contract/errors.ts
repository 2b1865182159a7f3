/** Error codes that cross the boundary. Messages are Chinese and say what to do. */
export const ERROR_CODES = [
  'bad-request', // the request failed validation
  'unauthenticated', // no session, or it expired
  'forbidden', // the user's roles do not allow it
  'not-found',
  'conflict', // e.g. a duplicate case number
  'locked', // account locked after failed logins
  'not-set-up', // the unit has not been set up yet
  'already-set-up',
  'read-only', // the object can no longer change (e.g. 已归档)
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending field, so the UI can lead the user to it. */
  field?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by `unwrap` so that UI code (e.g. TanStack Query) can treat failures as exceptions. */
export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.code = error.code;
    this.field = error.field;
  }
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiFailure(envelope.error);
}
