import { z } from 'zod';
import { confirmPasswordField } from './accessSchemas';
import { idSchema, optionalText, requiredText } from './fields';
import { CLASSIFICATIONS } from './mediaSchemas';

/**
 * Electronic records (DB3206/T 1060 §6.1.2 and Table 2 电子记录存储一览表; §4.7.3 naming): audio-visual
 * and other electronic records, their upload deadline and retention by category.
 */
export const RETENTION_CLASSES = [
  { id: 'market-undisputed', kind: '市场检查电子记录', feature: '无争议、纠纷或未形成案件', upload: '活动结束后 24 小时内', uploadHours: 24, uploadFrom: 'activity-end', retentionMonths: 6, retention: '6 月' },
  { id: 'market-disputed', kind: '市场检查电子记录', feature: '有争议、纠纷或形成案件', upload: '活动结束后 24 小时内', uploadHours: 24, uploadFrom: 'activity-end', retentionMonths: 36, retention: '36 月' },
  { id: 'other-ordinary', kind: '非市场检查电子记录', feature: '调查取证、专项检查或其他', upload: '活动结束后 24 小时内', uploadHours: 24, uploadFrom: 'activity-end', retentionMonths: 36, retention: '36 月' },
  { id: 'other-significant', kind: '非市场检查电子记录', feature: '案情重大复杂的、存在暴力抗法的、发生群体性事件的、专项行动的、有典型意义的等音像记录', upload: '活动结束后 24 小时内', uploadHours: 24, uploadFrom: 'activity-end', retentionMonths: null, retention: '长期' },
  { id: 'case-evidence-medium', kind: '作为案件证据使用或随案卷保存的电子存储介质', feature: '经当事人签字确认', upload: '结案后一周内', uploadHours: 24 * 7, uploadFrom: 'case-closed', retentionMonths: null, retention: '长期' },
] as const;
export type RetentionClassId = (typeof RETENTION_CLASSES)[number]['id'];
export const RETENTION_CLASS_IDS = RETENTION_CLASSES.map((c) => c.id) as [RetentionClassId, ...RetentionClassId[]];

/** The activities the §4.7.3 name may state, in the standard's order. */
export const ACTIVITY_TYPES = ['市场检查', '案件查办', '案件侦办', '案件审理', '举报处理', '询问', '实地核查', '文书送达', '听证', '视频监控'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

const isoDateTime = (label: string) => z.iso.datetime({ offset: true, error: `${label}应为带时区的 ISO 时间，例如 2026-03-05T10:30:00+08:00` });

export const erecordRegisterSchema = z.object({
  retentionClass: z.enum(RETENTION_CLASS_IDS, { error: '请选择记录种类和内容特征（表 2）' }),
  activityType: z.enum(ACTIVITY_TYPES, { error: '请选择执法活动（§4.7.3）' }),
  /** 市（县）烟草专卖局; the unit's name by default. */
  unitName: optionalText('单位名称', 60),
  /** 中队（室）. */
  squad: requiredText('中队（室）', 30),
  party: requiredText('当事人', 60),
  caseNumber: optionalText('案件编号', 60),
  recorder: requiredText('记录人', 30),
  /** When the activity ended (the 24-hour clock starts here) — or, for case-evidence media, when the case closed. */
  endedAt: isoDateTime('活动结束时间'),
  /** When it reached the unit's storage; now by default. */
  uploadedAt: isoDateTime('上传时间').optional(),
  /** Why a late upload was late (Table 2 note: continuous work, remote areas). */
  lateReason: optionalText('逾期上传原因', 200),
  classification: z.enum(CLASSIFICATIONS, { error: '密级应为非涉密、内部、秘密、机密或绝密' }).default('非涉密'),
  /** The recording's files, staged as paths on the machine that runs the core; kept byte-identical. */
  paths: z.array(requiredText('文件路径', 1000)).max(200).default([]),
  /** The party's signature confirming a case-evidence medium (Table 2 备注 经当事人签字确认). */
  partyConfirmed: z.boolean().default(false),
});

export const erecordListSchema = z
  .object({
    /** all; late: uploaded after the deadline or not yet uploaded past it; due: retention ended, for disposal. */
    view: z.enum(['all', 'late', 'due', 'disposed'], { error: '未知的列表视图' }).default('all'),
    query: z.string().trim().max(60).default(''),
  })
  .default({ view: 'all', query: '' });

export const erecordRefSchema = z.object({ recordId: idSchema('电子记录') });

export const erecordDisposalRequestSchema = z.object({
  recordIds: z.array(idSchema('电子记录')).min(1, '请选择到期的电子记录').max(1000),
  reason: requiredText('处置理由', 200),
});

export const erecordDisposalRefSchema = z.object({ disposalId: idSchema('销毁申请') });
export const erecordDisposalApproveSchema = z.object({ disposalId: idSchema('销毁申请'), note: optionalText('审批意见', 200), ...confirmPasswordField });
export const erecordDisposalRejectSchema = z.object({ disposalId: idSchema('销毁申请'), reason: requiredText('不予批准的理由', 200) });

/** The §4.7.3 name's fields; `electronicRecordName` (erecordsDto.ts) builds it. */
export interface ElectronicRecordNameFields {
  /** The activity's date as `YYYY-MM-DD` (China time). */
  date: string;
  unitName: string;
  squad: string;
  activityType: ActivityType;
  party: string;
  caseNumber: string;
  recorder: string;
}
