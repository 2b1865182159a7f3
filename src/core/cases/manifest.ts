import { z } from 'zod';
import { caseInputSchema, handlerSchema, recordInputSchema } from '../../contract';
import { isoDate, optionalText, requiredText } from '../../contract/fields';

/**
 * `case.json` of a case folder (docs/case-folder.md). Reuses the contract's case and record schemas
 * so that a case typed in and a case imported obey the same rules.
 */
export const manifestRecordSchema = recordInputSchema.extend({
  files: z
    .array(z.string({ error: '文件路径应为文字' }).min(1, '文件路径不能为空').max(1000), { error: 'files 应为文件路径列表' })
    .max(10_000)
    .default([]),
});

/** 保管期限 of a dossier (DA/T 22 practice used by the bureau). */
export const RETENTIONS = ['永久', '30年', '10年'] as const;

export const manifestDossierSchema = z.object({
  retention: z.enum(RETENTIONS, { error: '保管期限应为“永久”“30年”或“10年”' }).optional(),
  /** 归档号: year of handling + 4-digit serial. */
  filingNumber: z.string().regex(/^\d{8}$/, '归档号应为 8 位数字（办理年度 + 4 位序号），例如 20240012').optional(),
  compiler: optionalText('立卷人', 40).optional(),
  checker: optionalText('检查人', 40).optional(),
  compiledOn: isoDate('立卷日期').optional(),
  checkedOn: isoDate('检查日期').optional(),
  statement: optionalText('本卷情况说明', 2000).optional(),
});

/** A handler as a plain name (linked to a user of the same name on import) or as `{ name, userId }`. */
const manifestHandlerSchema = z.union([requiredText('承办人姓名', 40).transform((name) => ({ name, userId: null })), handlerSchema]);

export const caseManifestSchema = caseInputSchema.extend({
  handlers: z.array(manifestHandlerSchema).min(1, '至少填写一名承办人').max(10, '承办人不能超过 10 名'),
  records: z.array(manifestRecordSchema, { error: 'records 应为文书列表' }).max(5_000, '文书不能超过 5000 件'),
  dossier: manifestDossierSchema.optional(),
});

export type CaseManifest = z.output<typeof caseManifestSchema>;

export const MANIFEST_NAME = 'case.json';
export const MANIFEST_MAX_BYTES = 10 * 1024 * 1024;
