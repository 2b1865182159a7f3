import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, ELECTRONIC_RECORD_NAME_PATTERN, electronicRecordName, RETENTION_CLASSES, type ElectronicRecordNameFields } from '../../src/contract';

/** DB3206/T 1060—2023 §4.7.3, the template as the standard prints it. */
const TEMPLATE =
  '20**年*月*日**市（县）烟草专卖局**中队（室）市场检查（案件查办/案件侦办/案件审理/举报处理/询问/实地核查/文书送达/听证/视频监控）记录（当事人+案件编号）（记录人：**）';

const base: ElectronicRecordNameFields = {
  date: '2026-03-05',
  unitName: '南通市烟草专卖局',
  squad: '稽查一中队',
  activityType: '市场检查',
  party: '崇川区宏达便利店',
  caseNumber: '通烟立〔2026〕第12号',
  recorder: '陈立',
};

describe('§4.7.3 name (electronicRecordName, ELECTRONIC_RECORD_NAME_PATTERN)', () => {
  it('offers exactly the activities the template lists, in its order', () => {
    const listed = /中队（室）(.+?)（(.+?)）记录/u.exec(TEMPLATE)!;
    expect(ACTIVITY_TYPES).toEqual([listed[1], ...listed[2]!.split('/')]);
  });

  it('builds the template with every activity, and each matches the pattern', () => {
    for (const activityType of ACTIVITY_TYPES) {
      const name = electronicRecordName({ ...base, activityType });
      expect(name).toBe(`2026年3月5日南通市烟草专卖局稽查一中队${activityType}记录（崇川区宏达便利店+通烟立〔2026〕第12号）（记录人：陈立）`);
      expect(name).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    }
  });

  it('writes one-digit months and days without a leading zero, as 20**年*月*日 shows', () => {
    expect(electronicRecordName({ ...base, date: '2026-01-09' })).toMatch(/^2026年1月9日/);
    expect(electronicRecordName({ ...base, date: '2026-12-31' })).toMatch(/^2026年12月31日/);
  });

  it('names the party alone when there is no case (当事人+案件编号 without the number)', () => {
    const name = electronicRecordName({ ...base, caseNumber: '  ' });
    expect(name).toContain('记录（崇川区宏达便利店）（记录人：陈立）');
    expect(name).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
  });

  it('replaces characters a file name may not hold, so the name is also a file name', () => {
    const name = electronicRecordName({ ...base, party: 'A/B:C*D?"E"<F>|G\\H\u0001', caseNumber: '' });
    expect(name).toContain('（A＿B＿C＿D＿＿E＿＿F＿＿G＿H＿）');
    expect([...name].filter((ch) => '\\/:*?"<>|'.includes(ch) || ch.charCodeAt(0) < 0x20)).toEqual([]);
    expect(name).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
  });

  it('the pattern refuses names that are not of the template', () => {
    const good = electronicRecordName(base);
    expect(good.replace('南通市', '江苏省')).not.toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    expect(good.replace('稽查一中队', '稽查一组')).not.toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    expect(good.replace('市场检查记录', '巡查记录')).not.toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    expect(good.replace('（记录人：陈立）', '')).not.toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    expect(good.replace('3月', '03月')).not.toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    expect(electronicRecordName({ ...base, date: '1999-03-05' })).not.toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
  });
});

describe('Table 2 (RETENTION_CLASSES)', () => {
  it('has the five rows of the standard with their upload time and retention', () => {
    expect(RETENTION_CLASSES.map((c) => [c.kind, c.upload, c.retention])).toEqual([
      ['市场检查电子记录', '活动结束后 24 小时内', '6 月'],
      ['市场检查电子记录', '活动结束后 24 小时内', '36 月'],
      ['非市场检查电子记录', '活动结束后 24 小时内', '36 月'],
      ['非市场检查电子记录', '活动结束后 24 小时内', '长期'],
      ['作为案件证据使用或随案卷保存的电子存储介质', '结案后一周内', '长期'],
    ]);
    expect(RETENTION_CLASSES.map((c) => [c.uploadHours, c.retentionMonths])).toEqual([
      [24, 6],
      [24, 36],
      [24, 36],
      [24, null],
      [168, null],
    ]);
  });
});
