/**
 * Page numbers of a volume, the contents' 页次 and the cover's counts, from one computation so that
 * they cannot disagree (DB3206/T 1060 §5.5.1, §5.5.3 b; DOMAIN.md "Dossier rules"):
 * only pages with content are numbered, from 1 per volume, without gaps or duplicates; covers,
 * contents, remarks sheet and blank pages are not numbered. The stamp goes to the outer corner of the
 * sheet side, so a duplex record's versos are stamped on the left.
 */

export type StampPosition = 'top-outer' | 'bottom-outer';
export type Corner = 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';

export interface PaginationRecord {
  recordId: string;
  /** Pages in binding order; blank ones are kept in the volume but not numbered. */
  pages: { isBlank: boolean }[];
  /** Scanned on both sides: pages alternate recto, verso, starting with a recto. */
  duplex: boolean;
}

export interface PageStamp {
  number: number;
  side: 'recto' | 'verso';
  corner: Corner;
}

export interface PaginatedRecord {
  recordId: string;
  /** One entry per page: its stamp, or null for a blank page. */
  stamps: (PageStamp | null)[];
  firstPage: number | null;
  lastPage: number | null;
  /** 页次 as the contents shows it: `1-10`, a one-page record as `17`, empty when no page has content. */
  pageRange: string;
  numberedPages: number;
  blankPages: number;
}

export interface Pagination {
  records: PaginatedRecord[];
  /** 件数: the records in the volume. */
  itemCount: number;
  /** 页数: the last page number (equals the numbered pages, since there are no gaps). */
  pageCount: number;
}

export function cornerOf(side: 'recto' | 'verso', position: StampPosition): Corner {
  const vertical = position === 'top-outer' ? 'top' : 'bottom';
  return `${vertical}-${side === 'recto' ? 'right' : 'left'}`;
}

export function formatPageRange(first: number | null, last: number | null): string {
  if (first === null || last === null) return '';
  return first === last ? String(first) : `${first}-${last}`;
}

export function paginate(records: readonly PaginationRecord[], position: StampPosition = 'top-outer'): Pagination {
  let next = 1;
  const out = records.map((r): PaginatedRecord => {
    let first: number | null = null;
    let last: number | null = null;
    let blankPages = 0;
    // Each record starts on a new sheet, so its first page is a recto whatever came before.
    const stamps = r.pages.map((page, i): PageStamp | null => {
      if (page.isBlank) {
        blankPages += 1;
        return null;
      }
      const side = r.duplex && i % 2 === 1 ? 'verso' : 'recto';
      const number = next++;
      first ??= number;
      last = number;
      return { number, side, corner: cornerOf(side, position) };
    });
    return { recordId: r.recordId, stamps, firstPage: first, lastPage: last, pageRange: formatPageRange(first, last), numberedPages: stamps.length - blankPages, blankPages };
  });
  return { records: out, itemCount: records.length, pageCount: next - 1 };
}
