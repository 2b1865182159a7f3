import { z } from 'zod';
import { STAGES } from './dto';
import { ROLES } from './roles';
import { confirmPasswordField } from './accessSchemas';
import { idSchema, isoDate, optionalText, pageSchema, passwordSchema, requiredText, usernameSchema } from './fields';

// ---- jobs started by the caller --------------------------------------------------------------

/**
 * Long work may carry a jobId the caller chose (a UUID), so that the caller can follow its own
 * progress events and cancel from the first moment, before the call returns.
 */
export const jobIdOption = { jobId: z.uuid({ error: '任务编号应为 UUID' }).optional() };
export const jobStartSchema = z.object(jobIdOption).default({});

// ---- unit set-up and sessions -------------------------------------------------------------

export const roleSchema = z.enum(ROLES, { error: '未知角色' });

export const newUserSchema = z.object({
  username: usernameSchema,
  displayName: requiredText('姓名', 40),
  department: requiredText('部门', 60),
  roles: z.array(roleSchema).min(1, '至少选择一个角色').max(ROLES.length),
  password: passwordSchema,
});

export const setupInitializeSchema = z.object({
  /** 编制单位, DB3206/T 1060 §5.5.1 a */
  compilingUnit: requiredText('编制单位', 60),
  /** 全宗号 (DA/T 13) */
  fondsNumber: z
    .string({ error: '请填写全宗号' })
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/, '全宗号应为 1 到 20 位字母、数字或连字符'),
  admin: newUserSchema.omit({ roles: true }),
  /**
   * Seals the unit's signing key where the machine has no OS key store (setup.status says
   * keyProtection 'none'); ignored where the OS key store or a configured passphrase seals it.
   */
  keyPassphrase: z.string({ error: '请填写私钥保护口令' }).min(8, '私钥保护口令至少 8 位').max(256, '私钥保护口令不能超过 256 位').optional(),
});

export const loginSchema = z.object({
  username: requiredText('用户名', 32),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(128, '密码不能超过 128 位'),
});

export const changePasswordSchema = z.object({
  oldPassword: z.string({ error: '请填写原密码' }).min(1, '请填写原密码').max(128),
  newPassword: passwordSchema,
});

// ---- people ---------------------------------------------------------------------------------

export const userCreateSchema = newUserSchema;

export const userUpdateSchema = z.object({
  userId: idSchema('用户'),
  displayName: requiredText('姓名', 40).optional(),
  department: requiredText('部门', 60).optional(),
  isActive: z.boolean().optional(),
});

export const userSetRolesSchema = z.object({
  userId: idSchema('用户'),
  roles: z.array(roleSchema).min(1, '至少选择一个角色').max(ROLES.length),
  ...confirmPasswordField,
});

export const userResetPasswordSchema = z.object({ userId: idSchema('用户'), password: passwordSchema });
export const userIdSchema = z.object({ userId: idSchema('用户') });

// ---- cases and records ----------------------------------------------------------------------

export const PROCEDURES = ['一般程序', '简易程序'] as const;
export const CASE_STATES = ['办理中', '已结案', '已归档'] as const;
/** 案件来源, DB3206/T 1060 §5.1.2 b; free text is allowed because units add their own. */
export const CASE_SOURCES = ['市场检查', '举报', '工商移交', '公安移交', '上级指定', '同级移交', '路检', '其他'] as const;

/** 当事人 as a person, DB3206/T 1060 §4.8.1. */
export const personPartySchema = z.object({
  kind: z.literal('person'),
  name: requiredText('当事人姓名', 60),
  gender: z.enum(['男', '女'], { error: '性别应为“男”或“女”' }),
  age: z.number({ error: '年龄应为数字' }).int('年龄应为整数').min(0, '年龄不能为负').max(150, '年龄不合理'),
  occupation: requiredText('职业', 60),
  address: requiredText('住址', 200),
});

/** 当事人 as an organisation, DB3206/T 1060 §4.8.2. */
export const organizationPartySchema = z.object({
  kind: z.literal('organization'),
  name: requiredText('单位名称', 100),
  address: requiredText('单位地址', 200),
  legalRepresentative: requiredText('法定代表人（负责人）', 60),
  representativeTitle: requiredText('法定代表人职务', 40),
});

export const partySchema = z.discriminatedUnion('kind', [personPartySchema, organizationPartySchema], {
  error: '当事人类型应为“个人”或“单位”',
});

export const handlerSchema = z.object({
  name: requiredText('承办人姓名', 40),
  /** Linked when the handler is a user of this unit. */
  userId: z.string().max(64).nullable().default(null),
});

export const caseInputSchema = z.object({
  caseNumber: requiredText('案件编号', 60),
  cause: requiredText('案由', 200),
  party: partySchema,
  source: requiredText('案件来源', 40),
  procedure: z.enum(PROCEDURES, { error: '程序应为“一般程序”或“简易程序”' }),
  handlers: z.array(handlerSchema).min(1, '至少填写一名承办人').max(10, '承办人不能超过 10 名'),
  department: requiredText('承办部门', 60),
  disposition: optionalText('处理结果', 500),
  openedOn: isoDate('立案日期').nullable().default(null),
  closedOn: isoDate('结案日期').nullable().default(null),
});

export const caseListSchema = z.object({
  search: z.string().trim().max(100, '搜索词不能超过 100 个字').default(''),
  state: z.enum(CASE_STATES).optional(),
  ...pageSchema,
});

export const caseIdSchema = z.object({ caseId: idSchema('案件') });

/** A case by id or by case number (the CLI and people know cases by their number). */
export const caseRefSchema = z
  .object({ caseId: idSchema('案件').optional(), caseNumber: requiredText('案件编号', 60).optional() })
  .refine((r) => Boolean(r.caseId) !== Boolean(r.caseNumber), '请指定案件（案件 ID 或案件编号，二选一）');

export const caseUpdateSchema = z.object({
  caseId: idSchema('案件'),
  patch: caseInputSchema.partial().extend({ state: z.enum(CASE_STATES).optional() }),
});

export const caseImportSchema = z.object({ folder: requiredText('案件文件夹路径', 1000), ...jobIdOption });

export const recordInputSchema = z.object({
  /** Name of the record type as in the record catalog (DB3206/T 1060 Appendix A). */
  type: requiredText('文书类型', 60),
  title: requiredText('题名', 200),
  documentNumber: optionalText('文号', 80),
  responsible: requiredText('责任者', 100),
  date: isoDate('日期'),
  /** Approval date, for approval forms (e.g. 立案报告表, 结案报告表; DB3206/T 1060 §5.5.2 c). */
  approvedOn: isoDate('审批日期').nullable().default(null),
});

export const recordAddSchema = z.object({ caseId: idSchema('案件'), record: recordInputSchema });
export const recordUpdateSchema = z.object({ recordId: idSchema('文书'), patch: recordInputSchema.partial() });
export const recordRemoveSchema = z.object({
  recordId: idSchema('文书'),
  reason: requiredText('删除原因', 200),
});

// ---- audit ----------------------------------------------------------------------------------

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;

export const auditListSchema = z.object({
  actor: z.string().trim().max(40).default(''),
  action: z.string().trim().max(60).default(''),
  target: z.string().trim().max(100).default(''),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  ...pageSchema,
});

const checkpointFields = {
  fondsNumber: z.string(),
  terminalId: z.string(),
  count: z.number().int().min(0),
  headHash: z.string().regex(/^[0-9a-f]{64}$/, '检查点的哈希值格式不正确'),
  at: z.string(),
};

/**
 * An audit checkpoint as exported: the count and the hash of the last entry, signed with the unit's
 * certificate (CMS, detached, base64) so that the information centre can tell it came from the unit
 * and was not edited (DB3206/T 1060 §4.10). Format /1 was unsigned; it is still read, and said so.
 */
export const checkpointSchema = z.discriminatedUnion(
  'format',
  [
    z.object({
      format: z.literal('dossier-audit-checkpoint/2'),
      ...checkpointFields,
      signer: z.object({ subject: z.string(), fingerprint: z.string() }),
      signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, '检查点的签名不是 base64 编码'),
    }),
    z.object({ format: z.literal('dossier-audit-checkpoint/1'), ...checkpointFields }),
  ],
  { error: '不是本系统导出的审计检查点文件' },
);

export const auditVerifySchema = z.object({ checkpoint: checkpointSchema.optional() });

/**
 * A PDF to verify: a file on this machine (the CLI's `verify`, the UI's 验证 PDF screen), or a stored
 * file by id (a record's signed version in the viewer, whose path the renderer never knows). One of the two.
 */
export const pdfVerifySchema = z
  .object({ path: requiredText('PDF 文件路径', 1000).optional(), fileId: idSchema('文件').optional() })
  .refine((r) => (r.path === undefined) !== (r.fileId === undefined), { error: '请给出 PDF 文件的完整路径', path: ['path'] });

/** Scans to one signed PDF/A (DB3206/T 1060 §6.2.2 b, d, e); inputs and output are paths on this machine. */
export const scanConvertSchema = z.object({
  inputs: z.array(requiredText('扫描文件或文件夹路径', 1000)).min(1, '请至少给出一个扫描文件或文件夹').max(10_000),
  outPath: requiredText('输出 PDF 路径', 1000),
  title: requiredText('题名', 200),
  caseNumber: optionalText('案件编号', 60),
  recordType: optionalText('文书类型', 60),
  ocr: z.boolean().default(false),
  ...jobIdOption,
});

/** A registered record's stored scans to a signed PDF/A version; a later version needs a reason. */
export const recordConvertSchema = z.object({
  recordId: idSchema('文书'),
  ocr: z.boolean().default(false),
  reason: optionalText('更正原因', 200),
  ...jobIdOption,
});

const fraction = (label: string) => z.number({ error: `${label}应为 0 到 1 之间的数` }).min(0, `${label}不能小于 0`).max(1, `${label}不能大于 1`);

/** A strike-through correction before signing (DB3206/T 1060 §6.2.2 c), region as fractions of the page. */
export const recordStrikeSchema = z
  .object({
    recordId: idSchema('文书'),
    page: z.number({ error: '页码应为数字' }).int('页码应为整数').min(1, '页码从 1 开始'),
    region: z.object({ x: fraction('左边距'), y: fraction('上边距'), width: fraction('宽度'), height: fraction('高度') }),
    reason: requiredText('更正原因', 200),
  })
  .refine((r) => r.region.width > 0 && r.region.height > 0, { error: '划改区域的宽和高须大于 0', path: ['region'] })
  .refine((r) => r.region.x + r.region.width <= 1 && r.region.y + r.region.height <= 1, { error: '划改区域超出了页面', path: ['region'] });

export const jobIdSchema = z.object({ jobId: idSchema('任务') });

export const emptySchema = z.object({}).default({});

// ---- the page model of a record (DB3206/T 1060 §6.2.2) -----------------------------------------

/** Scans from files or folders (absolute paths) appended to a record's pages, in the order given. */
export const recordAddScansSchema = z.object({
  recordId: idSchema('文书'),
  inputs: z.array(requiredText('扫描文件或文件夹路径', 1000)).min(1, '请至少给出一个扫描文件或文件夹').max(10_000),
  ...jobIdOption,
});

export const recordRefSchema = z.object({ recordId: idSchema('文书') });

/** Turn one page by a quarter turn multiple; applied on top of the file's own EXIF orientation. */
export const recordRotatePageSchema = z.object({
  recordId: idSchema('文书'),
  pageId: idSchema('页面'),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)], { error: '旋转角度只能是 0、90、180 或 270 度' }),
});

/** The record's pages in a new order: every page id exactly once. */
export const recordArrangePagesSchema = z.object({
  recordId: idSchema('文书'),
  pageIds: z.array(idSchema('页面')).min(1, '请给出页面顺序').max(100_000),
});

/** Chinese OCR for the record's pages that have none yet, before signing (issue 3 item 4). */
export const recordOcrSchema = z.object({ recordId: idSchema('文书'), ...jobIdOption });

// ---- the unit's signing identity (DB3206/T 1060 §6.2.2 e) --------------------------------------

/** A CA-issued PKCS#12 (.pfx/.p12) as base64, with its password; it becomes the current identity. */
export const signingImportSchema = z.object({
  pkcs12Base64: z.base64({ error: '证书文件内容无效（应为 base64）' }).min(16, '证书文件是空的').max(1_400_000, '证书文件过大（超过 1 MB），请确认选择的是 .pfx 文件'),
  password: z.string({ error: '请填写证书密码' }).max(256, '证书密码不能超过 256 位'),
});

/** Passphrase that seals the signing key where the machine has no OS key store. */
export const keyPassphraseSchema = z.object({
  passphrase: z.string({ error: '请填写私钥保护口令' }).min(8, '私钥保护口令至少 8 位').max(256, '私钥保护口令不能超过 256 位'),
});

// ---- dossiers: binding a closed case (DB3206/T 1060 §5.5) ---------------------------------------

export const VOLUMES = ['正卷', '副卷'] as const;
export const RETENTIONS = ['永久', '30年', '10年'] as const;
/** Where page numbers go: outer top corners (DA/T 22 practice, default) or outer bottom corners (GB/T 11822). */
export const STAMP_POSITIONS = ['top-outer', 'bottom-outer'] as const;

export const dossierRefSchema = z.object({ caseId: idSchema('案件') });

const nullableDate = (label: string) => isoDate(label).nullable().optional();

/** The case side of the covers and the remarks sheet (§5.5.1, §5.5.5); absent fields stay as they are. */
export const dossierUpdateSchema = z.object({
  caseId: idSchema('案件'),
  filingNumber: z
    .string({ error: '归档号应为文字' })
    .trim()
    .regex(/^\d{8}$/, '归档号应为 8 位数字：办理年度加 4 位流水号，例如 20240012')
    .optional(),
  retention: z.enum(RETENTIONS, { error: '保管期限应为永久、30年或10年' }).optional(),
  statement: z.string({ error: '本卷情况说明应为文字' }).trim().max(2000, '本卷情况说明不能超过 2000 个字').optional(),
  compiler: z.string({ error: '立卷人应为文字' }).trim().max(40, '立卷人不能超过 40 个字').optional(),
  checker: z.string({ error: '检查人应为文字' }).trim().max(40, '检查人不能超过 40 个字').optional(),
  compiledOn: nullableDate('立卷日期'),
  checkedOn: nullableDate('检查日期'),
  stampPosition: z.enum(STAMP_POSITIONS, { error: '页号位置应为上角或下角' }).optional(),
});

/** The archivist's binding: order per volume, records left out with a reason, records scanned duplex. */
export const dossierArrangeSchema = z.object({
  caseId: idSchema('案件'),
  volumes: z.object({ 正卷: z.array(idSchema('文书')).max(10_000), 副卷: z.array(idSchema('文书')).max(10_000) }),
  excluded: z.array(z.object({ recordId: idSchema('文书'), reason: requiredText('不入卷原因', 200) })).max(10_000).default([]),
  duplex: z.array(idSchema('文书')).max(10_000).default([]),
});

export const dossierCheckSchema = z.object({
  caseId: idSchema('案件'),
  stage: z.enum(['compile', 'archive'], { error: '检查阶段应为组卷或归档' }).default('compile'),
});

/** One signed PDF/A per volume (§5.5; issue 4 item 6), as a job. */
export const dossierCompileSchema = z.object({ caseId: idSchema('案件'), ...jobIdOption });

/**
 * Acceptance by the archive department (§5.5.1): it gives the 分类号; 全宗号 is the unit's and 案卷号 the
 * year's next free number; then the final volumes are compiled and the 四性检测 decides.
 */
export const dossierArchiveSchema = z.object({
  caseId: idSchema('案件'),
  classCode: z
    .string({ error: '请填写分类号' })
    .trim()
    .regex(/^[A-Za-z0-9·.-]{1,20}$/, '分类号应为 1 到 20 位字母、数字、点或连字符，例如 XZCF'),
  ...confirmPasswordField,
  ...jobIdOption,
});

/** Rules the unit edits as data (issue 4 items 1, 2, 5). The archive department keeps them. */
const typeNumber = z.number({ error: '文书类型编号应为数字' }).int('文书类型编号应为整数').min(1, '文书类型编号为 1 到 69').max(69, '文书类型编号为 1 到 69');
export const bindingTemplateSchema = z.object({
  name: requiredText('模板名称', 60),
  stageOrder: z
    .array(z.enum(STAGES, { error: '未知的执法阶段' }))
    .refine((a) => a.length === STAGES.length && new Set(a).size === STAGES.length, '阶段顺序须包含每个执法阶段各一次'),
  secondaryTypes: z.array(typeNumber).max(69),
  generatedTypes: z.array(typeNumber).max(69),
});
export const requiredRecordRuleSchema = z.object({
  anyOf: z.array(typeNumber).min(1, '每条规则至少列一种文书').max(69),
  level: z.enum(['error', 'warning'], { error: '级别应为错误或提醒' }),
  label: requiredText('规则说明', 100),
});
export const unitRulesSchema = z.object({
  bindingTemplate: bindingTemplateSchema,
  requiredRecords: z.object({ 一般程序: z.array(requiredRecordRuleSchema).max(100), 简易程序: z.array(requiredRecordRuleSchema).max(100) }),
  stampPosition: z.enum(STAMP_POSITIONS, { error: '页号位置应为上角或下角' }),
});
export const unitRulesUpdateSchema = unitRulesSchema.partial();

/**
 * A correction after archiving (DOMAIN.md "Dossier rules"): a new record with its reason and its scans,
 * appended to the archived dossier as a signed supplement with a new remarks sheet; the original stays.
 */
export const dossierAppendSchema = z.object({
  caseId: idSchema('案件'),
  record: recordInputSchema,
  reason: requiredText('追加原因', 200),
  inputs: z.array(requiredText('扫描文件或文件夹路径', 1000)).min(1, '请至少给出一个扫描文件或文件夹').max(10_000),
  ...jobIdOption,
});

/**
 * Designating a reading terminal or revoking it (DB3206/T 1060 §4.10.2): by its id as `terminal show`
 * and the 本终端 panel print it; the note says where it stands and what it is for.
 */
export const terminalDesignateSchema = z.object({
  terminalId: z
    .string({ error: '请填写终端编号' })
    .trim()
    .toUpperCase()
    .regex(/^T-[0-9A-F]{12}$/, '终端编号应为 T- 加 12 位十六进制数字，例如 T-3F2A91C0B4D2（在该终端上运行 dossier terminal show 或查看“本终端”可见）'),
  designated: z.boolean({ error: '请说明是指定还是撤销' }),
  note: optionalText('说明', 200),
});
