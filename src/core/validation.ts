import type { z } from 'zod';

/**
 * Turns the first zod issue into one Chinese sentence and the dotted path of the field. The path goes
 * into the message only for files a person edits by hand (a prefix names the file: `case.json 有误：…`),
 * where it is the only way to find the place; for API calls it travels in `field` for the form.
 */
export function describeIssue(error: z.ZodError, prefix = ''): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: `${prefix}请求格式不正确。` };
  const field = issue.path.map(String).join('.');
  const message = issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}` : issue.message;
  const where = field && prefix ? `（${field}）` : '';
  return { message: `${prefix}${message}${where}`, field: field || undefined };
}
