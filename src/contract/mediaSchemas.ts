import { z } from 'zod';
import { confirmPasswordField } from './accessSchemas';
import { idSchema, optionalText, requiredText } from './fields';
import { ROLES } from './roles';

/**
 * Storage media as assets and their sanitization (DB3206/T 1060 §6.1.3; DOMAIN.md "Storage media").
 * The labels of these values are in mediaDto.ts.
 */
export const MEDIUM_KINDS = ['usb-flash', 'hdd', 'ssd', 'memory-card', 'optical', 'other'] as const;
export type MediumKind = (typeof MEDIUM_KINDS)[number];

/**
 * 密级, lowest first. 秘密, 机密 and 绝密 are 涉密 levels (state secrets): software wiping is never
 * sufficient for them (§6.1.3 d, f). 内部 is a working-secret mark of the unit, handled like 非涉密
 * media for wiping but ranked above it for what may be written where.
 */
export const CLASSIFICATIONS = ['非涉密', '内部', '秘密', '机密', '绝密'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const MEDIUM_STATUSES = ['in-stock', 'requested', 'checked-out', 'awaiting-wipe', 'wiped', 'awaiting-destruction', 'destroyed', 'lost'] as const;
export type MediumStatus = (typeof MEDIUM_STATUSES)[number];

/** Label stock the sheet is laid out for (mm), the common sizes of asset-label printers and A4 sheets. */
export const LABEL_SIZES = ['50x30', '60x40', '70x50', 'a4-24'] as const;
export type LabelSize = (typeof LABEL_SIZES)[number];

/** Why a medium is being sanitized: NIST SP 800-88 Appendix G "post-sanitization destination". */
export const WIPE_DESTINATIONS = ['reuse', 'retire', 'third-party', 'destruction'] as const;
export type WipeDestination = (typeof WIPE_DESTINATIONS)[number];

const tag = z
  .string({ error: '请填写资产编号' })
  .trim()
  .toUpperCase()
  .min(1, '请填写资产编号')
  .max(40, '资产编号不能超过40个字符');
const kind = z.enum(MEDIUM_KINDS, { error: '介质类型应为 usb-flash、hdd、ssd、memory-card、optical 或 other 之一' });
const classification = z.enum(CLASSIFICATIONS, { error: '密级应为非涉密、内部、秘密、机密或绝密' });
/** A path on the machine that runs the core: a block device, a disk-image file, or a mounted medium's folder. */
const device = requiredText('介质设备路径', 1000);
const jobId = { jobId: z.uuid({ error: '任务编号应为 UUID' }).optional() };

export const mediumRefSchema = z.object({ tag });

export const mediaRegisterSchema = z.object({
  tag,
  kind,
  classification,
  brand: optionalText('品牌', 60),
  model: optionalText('型号', 60),
  serial: optionalText('硬件序列号', 100),
  capacityBytes: z.number({ error: '容量应为字节数' }).int().min(0).max(2 ** 53 - 1).nullable().default(null),
  department: requiredText('所属部门', 60),
  note: optionalText('备注', 200),
  /** When given, the signed identity record is written onto the medium at once (§6.1.3 e). */
  device: device.optional(),
});

/** A field left out stays as it is (optionalText's default '' would clear it, so no default here). */
const unchangedOr = (label: string, max: number) => z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不能超过${max}个字`).optional();

export const mediaUpdateSchema = z.object({
  tag,
  brand: unchangedOr('品牌', 60),
  model: unchangedOr('型号', 60),
  serial: unchangedOr('硬件序列号', 100),
  capacityBytes: z.number().int().min(0).max(2 ** 53 - 1).nullable().optional(),
  department: requiredText('所属部门', 60).optional(),
  note: unchangedOr('备注', 200),
});

export const mediaListSchema = z
  .object({
    status: z.enum(MEDIUM_STATUSES).optional(),
    kind: kind.optional(),
    classification: classification.optional(),
    department: z.string().trim().max(60).default(''),
    holder: z.string().trim().max(32).default(''),
    /** Part of the tag, brand, model or serial. */
    query: z.string().trim().max(60).default(''),
  })
  .default({ department: '', holder: '', query: '' });

/** Status changes outside checkout and wiping: reported lost, found again, set aside for destruction. */
export const mediaSetStatusSchema = z.object({
  tag,
  status: z.enum(['lost', 'in-stock', 'awaiting-destruction'], { error: '只能登记为遗失、找回入库或待销毁' }),
  reason: requiredText('原因', 200),
});

export const mediaLabelSchema = z.object({
  tags: z.array(tag).min(1, '请选择要打印标签的介质').max(500, '一次最多打印 500 张标签'),
  size: z.enum(LABEL_SIZES, { error: '标签规格应为 50x30、60x40、70x50 或 a4-24' }).default('60x40'),
});

/** Writes (or writes again, e.g. after wiping) the signed identity record onto the medium. */
export const mediaIdentifySchema = z.object({ tag, device });
/** Checks whatever medium sits at `device`: registered, genuine, checked out to the caller. */
export const mediaCheckSchema = z.object({ device });

// ---- requests that go through an approval chain (§6.1.3 c) ----

export const mediaCheckoutSchema = z.object({
  tag,
  purpose: requiredText('领用用途', 200),
  /** Days the holder expects to keep the medium; the return is due then. */
  days: z.number().int().min(1, '领用天数至少 1 天').max(366, '领用天数不能超过 366 天').default(30),
});

export const mediaWipeRequestSchema = z.object({
  tag,
  reason: requiredText('清除原因', 200),
  destination: z.enum(WIPE_DESTINATIONS, { error: '清除后去向应为 reuse、retire、third-party 或 destruction' }).default('reuse'),
});

export const mediaRequestRefSchema = z.object({ requestId: idSchema('申请') });
export const mediaApproveSchema = z.object({ requestId: idSchema('申请'), note: optionalText('审批意见', 200), ...confirmPasswordField });
export const mediaRejectSchema = z.object({ requestId: idSchema('申请'), reason: requiredText('不予批准的理由', 200) });

export const mediaRequestsSchema = z
  .object({
    /** mine: asked by the caller; actionable: waiting for a step the caller may take; all: the register's whole list. */
    scope: z.enum(['mine', 'actionable', 'all'], { error: '未知的列表范围' }).default('actionable'),
    kind: z.enum(['checkout', 'wipe']).optional(),
    tag: z.string().trim().toUpperCase().max(40).default(''),
  })
  .default({ scope: 'actionable', tag: '' });

/** The custodian hands an approved, filed checkout to its holder; `device` checks the medium's identity first. */
export const mediaHandoverSchema = z.object({ requestId: idSchema('领用申请'), device: device.optional() });
export const mediaReturnSchema = z.object({ tag, device: device.optional(), note: optionalText('归还说明', 200) });

// ---- using a medium (§6.1.3 e, f) ----

/** Copies a case's signed records onto a checked-out medium, encrypted with the medium's own key. */
export const mediaWriteRecordsSchema = z.object({
  device,
  caseId: idSchema('案件'),
  /** 密级 of what is written; never more than the medium's (§6.1.3 f). */
  classification,
  ...jobId,
});

// ---- sanitization (§6.1.3 d; NIST SP 800-88) ----

export const mediaWipeSchema = z.object({
  tag,
  device,
  /** full: every byte read back; sample: NIST SP 800-88 §4.7.3 sampling (faster, stated on the certificate). */
  verification: z.enum(['full', 'sample'], { error: '校验方式应为 full 或 sample' }).default('full'),
  /** The second person of NIST SP 800-88 App. G, present at the terminal, confirms with their own password. */
  witness: requiredText('复核人用户名', 32),
  witnessPassword: z.string({ error: '请复核人输入其登录密码' }).min(1, '请复核人输入其登录密码').max(128),
  ...confirmPasswordField,
  ...jobId,
});

export const mediaWipeFilesSchema = z.object({
  tag,
  /** The mounted medium's folder. */
  device,
  /** Paths inside the medium, relative to `device`; folders are wiped file by file. */
  paths: z.array(requiredText('文件路径', 1000)).min(1, '请选择要清除的文件').max(10_000),
  witness: requiredText('复核人用户名', 32),
  witnessPassword: z.string({ error: '请复核人输入其登录密码' }).min(1, '请复核人输入其登录密码').max(128),
  ...confirmPasswordField,
  ...jobId,
});

export const mediaCryptoEraseSchema = z.object({
  tag,
  witness: requiredText('复核人用户名', 32),
  witnessPassword: z.string({ error: '请复核人输入其登录密码' }).min(1, '请复核人输入其登录密码').max(128),
  ...confirmPasswordField,
});

/** 涉密 media (and optical discs): approval, two-person supervision and the hand-off to certified destruction. */
export const mediaRecordDestructionSchema = z.object({
  tag,
  /** The destruction body certified for state-secret carriers, and its certificate number. */
  destructionBody: requiredText('销毁机构', 100),
  destructionCertificateNumber: requiredText('销毁证明编号', 60),
  /** Its certificate (a scan), staged as a path on the machine that runs the core. */
  destructionCertificatePath: requiredText('销毁证明文件', 1000),
  handedOverAt: z.iso.datetime({ offset: true, error: '交接时间应为 ISO 时间' }),
  witness: requiredText('监督人用户名', 32),
  witnessPassword: z.string({ error: '请监督人输入其登录密码' }).min(1, '请监督人输入其登录密码').max(128),
  ...confirmPasswordField,
});

export const mediaCertificatesSchema = z.object({ tag: tag.optional() }).default({});

const chainStep = z.object({
  role: z.enum(ROLES, { error: '未知的角色' }),
  label: requiredText('步骤名称', 30),
});
const chain = z.array(chainStep).min(1, '审批流程至少一步').max(6, '审批流程最多六步');

export const mediaSettingsUpdateSchema = z.object({
  /** A regular expression every asset tag must match (§6.1.3 a 资产编号 per the unit's asset rules). */
  assetTagPattern: requiredText('资产编号规则', 200).refine((p) => {
    try {
      new RegExp(p, 'u');
      return true;
    } catch {
      return false;
    }
  }, '资产编号规则不是有效的正则表达式'),
  assetTagExample: requiredText('资产编号示例', 40),
  checkoutChain: chain,
  wipeChain: chain,
});

export type MediaSettingsUpdate = z.output<typeof mediaSettingsUpdateSchema>;
