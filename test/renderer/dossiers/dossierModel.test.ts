import { describe, expect, it } from 'vitest';
import { dossierArrangeSchema, type DossierFindingDto } from '../../../src/contract';
import { menuFor } from '../../../src/renderer/app/navigation';
import { parseHash, routeHash } from '../../../src/renderer/app/route';
import {
  arrangeRequest,
  arrangementOf,
  compileBlocker,
  dropIndex,
  excludeRecord,
  fieldElementId,
  findingTarget,
  groupFindings,
  includeRecord,
  moveRecord,
  printPages,
  stepRecord,
  toggleDuplex,
  type Arrangement,
} from '../../../src/renderer/features/dossiers/dossierModel';

const finding = (level: 'error' | 'warning', field: string): DossierFindingDto => ({ rule: 'r', level, message: 'm', field });

describe('where a finding sends the archivist', () => {
  it('maps cover and remarks fields to their form inputs', () => {
    expect(findingTarget('cover.filingNumber')).toEqual({ kind: 'field', tab: 'cover', name: 'filingNumber' });
    expect(findingTarget('cover.retention')).toEqual({ kind: 'field', tab: 'cover', name: 'retention' });
    expect(findingTarget('remarks.checker')).toEqual({ kind: 'field', tab: 'remarks', name: 'checker' });
    expect(findingTarget('remarks.checkedOn')).toEqual({ kind: 'field', tab: 'remarks', name: 'checkedOn' });
    expect(fieldElementId({ tab: 'remarks', name: 'checker' })).toBe('dossier-remarks_checker');
  });

  it('lands cover checks without a field of their own on the cover', () => {
    expect(findingTarget('cover.counts')).toEqual({ kind: 'field', tab: 'cover', name: 'filingNumber' });
  });

  it('sends record findings to the record, case findings to the case page, the rest to the list', () => {
    expect(findingTarget('record:42')).toEqual({ kind: 'record', recordId: '42' });
    expect(findingTarget('case.openedOn')).toEqual({ kind: 'case', name: 'openedOn' });
    expect(findingTarget('case.disposition')).toEqual({ kind: 'case', name: 'disposition' });
    expect(findingTarget('records')).toEqual({ kind: 'records' });
  });

  it('groups red, amber, green', () => {
    expect(groupFindings([]).status).toBe('green');
    expect(groupFindings([finding('warning', 'remarks.checker')]).status).toBe('amber');
    const g = groupFindings([finding('warning', 'a'), finding('error', 'b'), finding('error', 'c')]);
    expect(g.status).toBe('red');
    expect(g.errors.map((f) => f.field)).toEqual(['b', 'c']);
    expect(g.warnings.map((f) => f.field)).toEqual(['a']);
  });

  it('says why 组卷 is not offered', () => {
    expect(compileBlocker({ state: '编制中', findings: [] }, true)).toBeNull();
    expect(compileBlocker({ state: '编制中', findings: [finding('warning', 'x')] }, true)).toBeNull();
    expect(compileBlocker({ state: '编制中', findings: [finding('error', 'x')] }, true)).toContain('1 项错误');
    expect(compileBlocker({ state: '编制中', findings: [] }, false)).toContain('不能组卷');
    expect(compileBlocker({ state: '已归档', findings: [] }, true)).toContain('已归档');
    expect(compileBlocker({ state: '编制中', findings: [] }, true, ['封面', '备考表'])).toBe('封面、备考表有未保存的修改，请先保存');
  });
});

describe('arranging records', () => {
  const base: Arrangement = { 正卷: ['1', '2', '3'], 副卷: ['4'], excluded: [], duplex: ['2'] };

  it('reads the arrangement from the dossier', () => {
    const record = (recordId: string, duplex = false) => ({ recordId, duplex }) as never;
    expect(
      arrangementOf({
        volumes: [
          { volume: '正卷', records: [record('1'), record('2', true)], itemCount: 2, pageCount: 3 },
          { volume: '副卷', records: [record('3')], itemCount: 1, pageCount: 1 },
        ],
        excluded: [{ recordId: '9', title: 't', reason: '重复' }],
      }),
    ).toEqual({ 正卷: ['1', '2'], 副卷: ['3'], excluded: [{ recordId: '9', reason: '重复' }], duplex: ['2'] });
  });

  it('moves within a volume and between volumes, each record once', () => {
    expect(moveRecord(base, '3', '正卷', 0).正卷).toEqual(['3', '1', '2']);
    const moved = moveRecord(base, '1', '副卷', 1);
    expect(moved.正卷).toEqual(['2', '3']);
    expect(moved.副卷).toEqual(['4', '1']);
    expect(moveRecord(base, '4', '正卷', 99).正卷).toEqual(['1', '2', '3', '4']);
  });

  it('steps up and down with the keyboard, across the 正卷/副卷 boundary', () => {
    expect(stepRecord(base, '2', 'up')!.正卷).toEqual(['2', '1', '3']);
    expect(stepRecord(base, '2', 'down')!.正卷).toEqual(['1', '3', '2']);
    const across = stepRecord(base, '3', 'down')!;
    expect(across.正卷).toEqual(['1', '2']);
    expect(across.副卷).toEqual(['3', '4']);
    const back = stepRecord(base, '4', 'up')!;
    expect(back.正卷).toEqual(['1', '2', '3', '4']);
    expect(back.副卷).toEqual([]);
    expect(stepRecord(base, '1', 'up')).toBeNull();
    expect(stepRecord({ ...base, 副卷: ['4'] }, '4', 'down')).toBeNull();
  });

  it('leaves a record out with its reason and takes it back', () => {
    const out = excludeRecord(base, '2', '与第 1 份重复');
    expect(out.正卷).toEqual(['1', '3']);
    expect(out.excluded).toEqual([{ recordId: '2', reason: '与第 1 份重复' }]);
    expect(out.duplex).toEqual([]);
    const back = includeRecord(out, '2');
    expect(back.正卷).toEqual(['1', '3', '2']);
    expect(back.excluded).toEqual([]);
  });

  it('toggles 双面', () => {
    expect(toggleDuplex(base, '1').duplex).toEqual(['2', '1']);
    expect(toggleDuplex(base, '2').duplex).toEqual([]);
  });

  it('finds where a dropped record goes', () => {
    expect(dropIndex(base, '正卷', '1', '3')).toBe(0);
    expect(dropIndex(base, '正卷', '3', '1')).toBe(1);
    expect(dropIndex(base, '正卷', null, '1')).toBe(2);
    expect(dropIndex(base, '副卷', '4', '1')).toBe(0);
  });

  it('builds a request the contract accepts', () => {
    const request = arrangeRequest('7', excludeRecord(base, '4', '不属于本案'));
    expect(dossierArrangeSchema.parse(request)).toEqual({
      caseId: '7',
      volumes: { 正卷: ['1', '2', '3'], 副卷: [] },
      excluded: [{ recordId: '4', reason: '不属于本案' }],
      duplex: ['2'],
    });
  });
});

describe('printing', () => {
  const oneContentsPage = { archivalCover: 1, dossierCover: 2, contents: { first: 3, last: 3 }, remarks: 14 };
  it('picks the pages of each form where the core placed them', () => {
    expect(printPages('volume', 14, oneContentsPage)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(printPages('archivalCover', 14, oneContentsPage)).toEqual([1]);
    expect(printPages('dossierCover', 14, oneContentsPage)).toEqual([2]);
    expect(printPages('contents', 14, oneContentsPage)).toEqual([3]);
    expect(printPages('remarks', 14, oneContentsPage)).toEqual([14]);
  });

  it('takes every page of contents that runs over several pages', () => {
    const at = { archivalCover: 1, dossierCover: 2, contents: { first: 3, last: 5 }, remarks: 206 };
    expect(printPages('contents', 206, at)).toEqual([3, 4, 5]);
    expect(printPages('remarks', 206, at)).toEqual([206]);
  });

  it('refuses a PDF whose page count is not the one compiled', () => {
    expect(() => printPages('contents', 12, oneContentsPage)).toThrow('重新组卷');
  });
});

describe('the dossier screens in the shell', () => {
  it('addresses the list and a case\'s builder by hash, and back', () => {
    expect(parseHash('#/dossiers')).toEqual({ page: 'dossiers' });
    expect(parseHash('#/cases/12/dossier')).toEqual({ page: 'dossier', caseId: '12' });
    expect(routeHash({ page: 'dossier', caseId: '12' })).toBe('#/cases/12/dossier');
    expect(routeHash({ page: 'dossiers' })).toBe('#/dossiers');
    expect(parseHash('#/cases/12')).toEqual({ page: 'case', caseId: '12' });
  });

  it('offers 卷宗 to whoever may read cases', () => {
    expect(menuFor(['cases.read']).map((m) => m.label)).toContain('卷宗');
    expect(menuFor(['people.read']).map((m) => m.label)).not.toContain('卷宗');
  });
});
