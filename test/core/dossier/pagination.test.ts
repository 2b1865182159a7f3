import { describe, expect, it } from 'vitest';
import { formatPageRange, paginate } from '../../../src/core/dossier/pagination';

const pages = (...blank: boolean[]) => blank.map((isBlank) => ({ isBlank }));
const plain = (n: number) => pages(...Array.from({ length: n }, () => false));

describe('page numbering of a volume (DOMAIN.md dossier rules, §5.5.3 b)', () => {
  it('numbers content pages from 1 and gives 页次 like 1-10, 11-16 and 17', () => {
    const p = paginate([
      { recordId: 'a', pages: plain(10), duplex: false },
      { recordId: 'b', pages: plain(6), duplex: false },
      { recordId: 'c', pages: plain(1), duplex: false },
    ]);
    expect(p.records.map((r) => r.pageRange)).toEqual(['1-10', '11-16', '17']);
    expect(p).toMatchObject({ itemCount: 3, pageCount: 17 });
  });

  it('leaves blank pages unnumbered without a gap in the numbers', () => {
    const p = paginate([
      { recordId: 'a', pages: pages(false, true, false), duplex: false },
      { recordId: 'b', pages: pages(true, false), duplex: false },
    ]);
    expect(p.records[0]!.stamps.map((s) => s?.number ?? null)).toEqual([1, null, 2]);
    expect(p.records[1]!.stamps.map((s) => s?.number ?? null)).toEqual([null, 3]);
    expect(p.records.map((r) => r.pageRange)).toEqual(['1-2', '3']);
    expect(p.pageCount).toBe(3);
    expect(p.records[0]!.blankPages).toBe(1);
  });

  it('stamps rectos top-right and duplex versos top-left by default, bottom corners as the alternative', () => {
    const duplex = { recordId: 'a', pages: plain(3), duplex: true };
    expect(paginate([duplex]).records[0]!.stamps.map((s) => s!.corner)).toEqual(['top-right', 'top-left', 'top-right']);
    expect(paginate([duplex], 'bottom-outer').records[0]!.stamps.map((s) => s!.corner)).toEqual(['bottom-right', 'bottom-left', 'bottom-right']);
    expect(paginate([{ ...duplex, duplex: false }]).records[0]!.stamps.map((s) => s!.side)).toEqual(['recto', 'recto', 'recto']);
  });

  it('keeps the physical side of a blank verso when deciding the next corner', () => {
    const p = paginate([{ recordId: 'a', pages: pages(false, true, false, false), duplex: true }]);
    expect(p.records[0]!.stamps.map((s) => s && `${s.number}:${s.side}`)).toEqual(['1:recto', null, '2:recto', '3:verso']);
  });

  it('gives an empty range to a record with no content page', () => {
    expect(paginate([{ recordId: 'a', pages: pages(true), duplex: false }]).records[0]!.pageRange).toBe('');
    expect(formatPageRange(5, 5)).toBe('5');
  });
});
