import type { ApiError, ErrorCode } from '../contract';

/** A failure the user can act on; its message is Chinese and says what to do. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.field = field;
  }

  toApiError(): ApiError {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string) => new CoreError('not-found', `${what}不存在，可能已被删除，请刷新后重试。`);
