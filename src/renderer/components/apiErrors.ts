import { ApiFailure } from '../../contract';

export type FieldPath = (string | number)[];

/** `party.name` / `handlers.0.name` as a form name path, with numeric segments as list indexes. */
export function toFieldPath(field: string): FieldPath {
  return field
    .split('.')
    .filter((segment) => segment.length > 0)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * The form field that should carry an error about `field`: the longest registered field whose path
 * is a prefix of it (so `handlers.0.name` lands on a `handlers` picker). `requestPrefix` strips the
 * wrapper a request puts around the form's values, e.g. `patch` in cases.update.
 */
export function findFormField(field: string, registered: FieldPath[], requestPrefix: FieldPath = []): FieldPath | null {
  let path = toFieldPath(field);
  if (requestPrefix.length > 0 && requestPrefix.every((segment, i) => path[i] === segment)) {
    path = path.slice(requestPrefix.length);
  }
  let best: FieldPath | null = null;
  for (const candidate of registered) {
    if (candidate.length === 0 || candidate.length > path.length) continue;
    if (!candidate.every((segment, i) => String(path[i]) === String(segment))) continue;
    if (!best || candidate.length > best.length) best = candidate;
  }
  return best;
}

/**
 * The core appends the field path to validation messages, `密码至少 8 位（admin.password）`, which
 * helps on the command line; under the field itself the path says nothing to the user.
 */
export function messageForField(message: string, field: string): string {
  const suffix = `（${field}）`;
  return message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

/** The message to show for any failure: the core's Chinese message, or a plain fallback. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  if (error instanceof Error && error.message) return `操作失败：${error.message}`;
  return '操作失败，请稍后重试';
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiFailure && error.code === 'unauthenticated';
}
