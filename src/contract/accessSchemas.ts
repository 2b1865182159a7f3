import { z } from 'zod';
import { idSchema, requiredText } from './fields';

/**
 * Sensitive actions ask for the password again (issue 5 item 6: approve, archive, wipe, change roles):
 * the request carries it, the core checks it before anything runs and logs a wrong one as a refusal.
 */
export const confirmPasswordField = {
  confirmPassword: z.string({ error: '请再次输入您的登录密码以确认此操作' }).min(1, '请再次输入您的登录密码以确认此操作').max(128),
};

const caseTarget = {
  caseId: idSchema('案件').optional(),
  caseNumber: requiredText('案件编号', 60).optional(),
};
const oneCase = (r: { caseId?: string; caseNumber?: string }) => Boolean(r.caseId) !== Boolean(r.caseNumber);
const ONE_CASE = '请指定案件（案件 ID 或案件编号，二选一）';

/** The longest a single grant may run; longer reading is a renewal the archive department approves again. */
export const MAX_GRANT_DAYS = 30;
const days = z
  .number({ error: '请填写借阅天数' })
  .int('借阅天数应为整数')
  .min(1, '借阅天数至少 1 天')
  .max(MAX_GRANT_DAYS, `借阅天数不能超过 ${MAX_GRANT_DAYS} 天；需要更久请到期前申请续借`);

export const accessRequestSchema = z
  .object({
    ...caseTarget,
    purpose: requiredText('借阅目的', 200),
    days,
    print: z.boolean().default(false),
    export: z.boolean().default(false),
    /** The request being renewed (申请续借), if any. */
    renews: idSchema('原借阅申请').optional(),
  })
  .refine(oneCase, ONE_CASE);

export const accessRequestRefSchema = z.object({ requestId: idSchema('借阅申请') });

export const accessApproveSchema = z.object({
  requestId: idSchema('借阅申请'),
  /** The archive department may shorten the period or leave out print or export; never widen what was asked. */
  days: days.optional(),
  print: z.boolean().optional(),
  export: z.boolean().optional(),
  note: z.string().trim().max(200, '审批意见不能超过200个字').default(''),
  ...confirmPasswordField,
});

export const accessRejectSchema = z.object({ requestId: idSchema('借阅申请'), reason: requiredText('不予批准的理由', 200) });
export const accessRevokeSchema = z.object({ requestId: idSchema('借阅申请'), reason: requiredText('撤销理由', 200) });
export const accessRenewSchema = z.object({ requestId: idSchema('借阅申请'), days, ...confirmPasswordField });

export const accessListSchema = z
  .object({
    /** mine: the caller's own requests; pending: awaiting the archive department; overdue: grants past their end; all. */
    scope: z.enum(['mine', 'pending', 'overdue', 'all'], { error: '未知的列表范围' }).default('mine'),
    caseNumber: z.string().trim().max(60).default(''),
  })
  .default({ scope: 'mine', caseNumber: '' });

export const accessPledgeSchema = z.object({ requestId: idSchema('借阅申请'), version: requiredText('承诺书版本', 20) });

/** What the access policy is asked about (src/core/access/policy.ts); the labels are in accessDto.ts. */
export const ACCESS_ACTIONS = ['view', 'print', 'export', 'edit', 'compile', 'archive', 'approve', 'administer'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export const accessExplainSchema = z
  .object({
    username: requiredText('用户名', 32),
    action: z.enum(ACCESS_ACTIONS, { error: '操作应为 view、print、export、edit、compile、archive、approve 或 administer 之一' }),
    ...caseTarget,
    /** Another terminal than the caller's, e.g. to check a reading terminal from the security desk. */
    terminalId: z.string().trim().toUpperCase().max(20).optional(),
  })
  .refine(oneCase, ONE_CASE);

/** The roles a unit may let read its cases before archiving, besides the handlers (§4.10.1 授权人员). */
export const PRE_ARCHIVE_READER_ROLES = ['department-head', 'legal-reviewer', 'leader'] as const;

export const accessSettingsUpdateSchema = z.object({
  preArchiveReaders: z.array(z.enum(PRE_ARCHIVE_READER_ROLES, { error: '归档前可查阅的角色只能是部门负责人、法制审核员或局领导' })).max(3),
  readingIdleMinutes: z.number().int().min(1, '至少 1 分钟').max(60, '不能超过 60 分钟'),
});

// ---- the reading room ----

export const readingOpenSchema = z.object({ caseId: idSchema('案件') });
const volume = z.enum(['正卷', '副卷'], { error: '卷别应为正卷或副卷' });
export const readingPageSchema = z.object({
  readingId: idSchema('查阅会话'),
  volume,
  page: z.number({ error: '请指定页码' }).int().min(1, '页码从 1 开始'),
  /** Width in pixels the page is drawn at; the core caps it. */
  widthPx: z.number().int().min(200).max(2400).default(1200),
});
export const readingRefSchema = z.object({ readingId: idSchema('查阅会话') });
export const readingPrintSchema = z.object({ readingId: idSchema('查阅会话'), volume, pages: z.array(z.number().int().min(1)).min(1, '请选择要打印的页').max(2000) });
export const readingExportSchema = z.object({ readingId: idSchema('查阅会话'), volume, jobId: z.uuid({ error: '任务编号应为 UUID' }).optional() });
