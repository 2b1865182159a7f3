import type { Procedure, RequiredRecordRule } from '../../contract';

/**
 * Records a procedure requires before its dossier may be archived. The unit edits this rule set; the
 * default follows the flow of DB3206/T 1060 §5: a general-procedure case is opened (立案报告表 §5.1.2),
 * decided (行政处罚决定书 §5.3.17 or a 不予/处理决定), served (送达回证 or its alternatives) and closed
 * (结案报告表 §5.5.4); a summary-procedure case has its 当场行政处罚决定书.
 */
/** A rule (contract `RequiredRecordRule`): any one of `anyOf` satisfies it; `label` says what is missing. */
export type { RequiredRecordRule };

export type RequiredRecordRules = Record<Procedure, RequiredRecordRule[]>;

export const DEFAULT_REQUIRED_RECORDS: RequiredRecordRules = {
  一般程序: [
    { anyOf: [2], level: 'error', label: '立案报告表' },
    { anyOf: [46, 47, 48], level: 'error', label: '行政处罚决定书（或行政处理决定书、不予行政处罚决定书）' },
    { anyOf: [50, 49, 51], level: 'error', label: '送达回证（或电子送达方式确认书、送达公告）' },
    { anyOf: [67], level: 'error', label: '结案报告表' },
    { anyOf: [27], level: 'warning', label: '案件调查终结报告' },
    { anyOf: [41], level: 'warning', label: '案件处理审批表' },
  ],
  简易程序: [
    { anyOf: [45], level: 'error', label: '当场行政处罚决定书' },
    { anyOf: [50, 49], level: 'warning', label: '送达回证（或电子送达方式确认书）' },
  ],
};

export function missingRequired(procedure: Procedure, typeNumbers: readonly number[], rules: RequiredRecordRules = DEFAULT_REQUIRED_RECORDS): RequiredRecordRule[] {
  return (rules[procedure] ?? []).filter((rule) => !rule.anyOf.some((t) => typeNumbers.includes(t)));
}
