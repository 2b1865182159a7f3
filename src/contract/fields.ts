import { z } from 'zod';

// Chinese default messages for whatever a schema does not word itself; every side imports this file.
z.config(z.locales.zhCN());

/** Required text with a Chinese message naming the field; trimmed; bounded so no field can flood the store. */
export function requiredText(label: string, max = 200) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`);
}

/** Optional text: absent, empty or filled, never over `max`. */
export function optionalText(label: string, max = 200) {
  return z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不能超过${max}个字`).default('');
}

/** A calendar date as `YYYY-MM-DD` that really exists (no 2024-02-30). */
export function isoDate(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为“年-月-日”格式，例如 2024-03-05`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${label}不是有效日期`);
}

export const idSchema = (label: string) => z.string({ error: `缺少${label}` }).min(1, `缺少${label}`).max(64);

export const usernameSchema = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[\p{L}\p{N}_.-]+$/u, '用户名只能包含文字、数字、下划线、点和连字符');

/** Passwords: long enough to resist guessing offline against the scrypt hash; no composition rules. */
export const passwordSchema = z
  .string({ error: '请填写密码' })
  .min(8, '密码至少 8 位')
  .max(128, '密码不能超过 128 位');

export const pageSchema = {
  offset: z.number({ error: 'offset 应为数字' }).int().min(0).default(0),
  limit: z.number({ error: 'limit 应为数字' }).int().min(1).max(500, '每次最多取 500 条').default(50),
};
