import type { z } from 'zod';

/** Turns the first zod issue into one Chinese sentence and the dotted path of the field. */
export function describeIssue(error: z.ZodError, prefix = ''): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: `${prefix}请求格式不正确。` };
  const field = issue.path.map(String).join('.');
  const message = issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}` : issue.message;
  const where = field ? `（${field}）` : '';
  return { message: `${prefix}${message}${where}`, field: field || undefined };
}
