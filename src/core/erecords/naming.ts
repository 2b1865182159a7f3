import { ELECTRONIC_RECORD_NAME_PATTERN, electronicRecordName, type ElectronicRecordNameFields } from '../../contract';
import { CoreError } from '../errors';
import type { Db } from '../store/db';

/** §4.7.3 names the unit as “**市（县）烟草专卖局”: a name that is not of that form makes no such name. */
const UNIT_NAME = /^.+[市县]烟草专卖局$/u;
/** …and the squad as “**中队（室）”. */
const SQUAD = /^.+(?:中队|室)$/u;
/** The name's brackets enclose the party and the recorder; a bracket inside them would end them early. */
const BRACKETS = /[（）]/u;

/**
 * The §4.7.3 name of a record (DB3206/T 1060 §4.7.3), or a Chinese refusal naming the field that
 * cannot go into it. The name is built by the contract's `electronicRecordName`, so the form's
 * preview and the stored name are the same, and checked against the standard's pattern.
 */
export function recordBaseName(f: ElectronicRecordNameFields): string {
  if (!UNIT_NAME.test(f.unitName)) {
    throw new CoreError('bad-request', `单位名称“${f.unitName}”不符合 DB3206/T 1060 4.7.3 的命名规则：应为“某市烟草专卖局”或“某县烟草专卖局”。请填写单位名称（如 南通市烟草专卖局）。`, 'unitName');
  }
  if (!SQUAD.test(f.squad)) {
    throw new CoreError('bad-request', `中队（室）“${f.squad}”不符合 DB3206/T 1060 4.7.3 的命名规则：应以“中队”或“室”结尾，例如“稽查一中队”“法规室”。`, 'squad');
  }
  for (const [field, label, text] of [['party', '当事人', f.party], ['caseNumber', '案件编号', f.caseNumber], ['recorder', '记录人', f.recorder]] as const) {
    if (BRACKETS.test(text)) {
      throw new CoreError('bad-request', `${label}“${text}”含有全角括号“（）”，会与 4.7.3 名称中的括号混淆。请改用“〔〕”或半角括号。`, field);
    }
  }
  const name = electronicRecordName(f);
  if (!ELECTRONIC_RECORD_NAME_PATTERN.test(name)) {
    throw new CoreError('bad-request', `生成的名称“${name}”不符合 DB3206/T 1060 4.7.3 的命名规则，请检查活动日期（应在 2000 年至 2099 年之间）和各项内容。`, 'endedAt');
  }
  return name;
}

/**
 * A name not yet given: the base name itself, else the base with （2）, （3）… after it, as a file
 * manager names a second file of the same name. Call inside the transaction that inserts the record.
 */
export function nextUniqueName(db: Db, base: string): { name: string; seq: number } {
  const last = db.prepare('SELECT max(name_seq) AS seq FROM electronic_records WHERE base_name = ?').get(base) as { seq: number | null };
  const seq = (last.seq ?? 0) + 1;
  return { name: seq === 1 ? base : `${base}（${seq}）`, seq };
}
