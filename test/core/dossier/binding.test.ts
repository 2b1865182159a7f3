import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindRecords, DEFAULT_BINDING_TEMPLATE, templateOrder } from '../../../src/core/dossier/binding';
import type { Stage } from '../../../src/contract';

const rec = (recordId: string, typeNumber: number, stage: Stage, date: string) => ({ recordId, typeNumber, stage, date });
const records = [
  rec('closing', 67, '结案归档', '2024-05-01'),
  rec('decision', 46, '审查决定', '2024-04-01'),
  rec('inquiry2', 17, '调查取证', '2024-03-05'),
  rec('opening', 2, '立案', '2024-03-01'),
  rec('inquiry1', 17, '调查取证', '2024-03-02'),
  rec('discussion', 40, '审查决定', '2024-03-20'),
  rec('contents', 66, '结案归档', '2024-05-02'),
];

describe('binding order (DOMAIN.md: Appendix A stage order, then date)', () => {
  it('orders by stage then date, puts internal deliberation in 副卷, leaves generated forms out', () => {
    const b = bindRecords(records);
    expect(b.volumes['正卷'].map((r) => r.recordId)).toEqual(['opening', 'inquiry1', 'inquiry2', 'decision', 'closing']);
    expect(b.volumes['副卷'].map((r) => r.recordId)).toEqual(['discussion']);
    expect(b.generated.map((r) => r.recordId)).toEqual(['contents']);
  });

  it('follows the archivist: reorder, move between volumes, exclude with a reason', () => {
    const b = bindRecords(records, DEFAULT_BINDING_TEMPLATE, {
      order: { 正卷: ['inquiry2', 'opening'] },
      volumeOf: { discussion: '正卷', decision: '副卷' },
      excluded: { inquiry1: '重复件' },
    });
    expect(b.volumes['正卷'].map((r) => r.recordId)).toEqual(['inquiry2', 'opening', 'discussion', 'closing']);
    expect(b.volumes['副卷'].map((r) => r.recordId)).toEqual(['decision']);
    expect(b.excluded).toEqual([{ record: records[4], reason: '重复件' }]);
  });

  it('uses a template as data: another stage order and no 副卷', () => {
    const b = bindRecords(records, { ...DEFAULT_BINDING_TEMPLATE, stageOrder: ['结案归档', '审查决定', '调查取证', '立案', '送达执行', '通用'], secondaryTypes: [] });
    expect(b.volumes['正卷'].map((r) => r.recordId)).toEqual(['closing', 'discussion', 'decision', 'inquiry1', 'inquiry2', 'opening']);
    expect(b.volumes['副卷']).toEqual([]);
  });
});

describe('ties within a stage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('orders same-day records by type, then row ids as numbers, without a collator', () => {
    // The first localeCompare of a process sets up ICU's collator (~11 ms of every compile's start).
    const collated = vi.spyOn(String.prototype, 'localeCompare');
    const sameDay = [rec('10', 17, '调查取证', '2024-03-02'), rec('9', 17, '调查取证', '2024-03-02'), rec('11', 16, '调查取证', '2024-03-02'), rec('2', 17, '调查取证', '2024-02-29')];
    expect(templateOrder(sameDay, DEFAULT_BINDING_TEMPLATE).map((r) => r.recordId)).toEqual(['2', '11', '9', '10']);
    expect(collated).not.toHaveBeenCalled();
  });

  it('keeps the natural order for ids that are not row ids', () => {
    const named = [rec('inquiry10', 17, '调查取证', '2024-03-02'), rec('inquiry9', 17, '调查取证', '2024-03-02')];
    expect(templateOrder(named, DEFAULT_BINDING_TEMPLATE).map((r) => r.recordId)).toEqual(['inquiry9', 'inquiry10']);
  });
});
