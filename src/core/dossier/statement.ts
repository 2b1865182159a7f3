/**
 * The remarks sheet's 本卷情况说明, drafted from the facts and then edited by the archivist
 * (DB3206/T 1060 §5.5.5 a: never 无 or a slash; 宜表述为 本卷材料齐全, and 假冒伪劣卷烟待公开统一销毁 where so).
 */
export interface StatementFacts {
  itemCount: number;
  pageCount: number;
  excluded: { title: string; reason: string }[];
  awaitsDestruction: boolean;
}

export function draftStatement(f: StatementFacts): string {
  const parts = [`本卷共有文件材料${f.itemCount}件${f.pageCount}页，本卷材料齐全。`];
  if (f.excluded.length) parts.push(`另有${f.excluded.length}件未入卷：${f.excluded.map((e) => `《${e.title}》（${e.reason}）`).join('；')}。`);
  if (f.awaitsDestruction) parts.push('假冒伪劣卷烟待公开统一销毁。');
  return parts.join('');
}

/** 备注 of a contents row (§5.5.3): blank pages kept but unnumbered, and the version bound when not the first. */
export function contentsRemark(blankPages: number, signedVersion: number | null): string {
  return [blankPages ? `空白页${blankPages}页不编号` : '', (signedVersion ?? 1) > 1 ? `第${signedVersion}版` : ''].filter(Boolean).join('，');
}

const COUNTERFEIT = /假冒|伪劣|假烟|非法生产/;
/** 违法物品销毁记录表 (Appendix A 55): once it is in the case, the goods are no longer awaiting destruction. */
const DESTRUCTION_RECORD = 55;

/** Counterfeit goods were seized and the case holds no destruction record yet (§5.4.7 d). */
export function awaitsDestruction(cause: string, disposition: string, typeNumbers: readonly number[]): boolean {
  return COUNTERFEIT.test(`${cause}${disposition}`) && !typeNumbers.includes(DESTRUCTION_RECORD);
}

/** §5.5.5 a: the statement may not be empty, 无, or a slash standing for "nothing". */
export function isEmptyStatement(text: string): boolean {
  const t = text.replace(/[\s。.，,]/g, '');
  return t === '' || /^[无無]$/.test(t) || /^[/／\\＼—\-一]+$/.test(t);
}
