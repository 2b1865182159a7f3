import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, Spin } from 'antd';
import { useEffect, useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualColumn<T> {
  key: string;
  title: string;
  /** A CSS grid track, e.g. `160px` or `2fr`. */
  width: string;
  render: (item: T) => ReactNode;
}

interface VirtualTableProps<T> {
  label: string;
  columns: VirtualColumn<T>[];
  rows: T[];
  total: number;
  hasMore: boolean;
  isLoading: boolean;
  loadMore: () => void;
  rowKey: (item: T) => string;
  onOpen?: (item: T) => void;
  /** Fixed height; by default the table takes the rest of its flex column. */
  height?: CSSProperties['height'];
  rowHeight?: number;
  emptyText: string;
  /** When this changes (a new search or filter), the list starts again from its top. */
  resetKey?: string;
}

/**
 * Rows are rendered only where the viewport is, and the next page is asked for when the last loaded
 * row scrolls into view; a list of 100 000 cases therefore costs what one screenful costs.
 */
export function VirtualTable<T>({
  label,
  columns,
  rows,
  total,
  hasMore,
  isLoading,
  loadMore,
  rowKey,
  onOpen,
  height,
  rowHeight = 44,
  emptyText,
  resetKey,
}: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = rows.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 1) loadMore();
  }, [hasMore, lastIndex, rows.length, loadMore]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  const template = columns.map((c) => c.width).join(' ');

  const onRowKey = (event: KeyboardEvent<HTMLDivElement>, index: number, item: T) => {
    if (event.key === 'Enter' && onOpen) onOpen(item);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.min(Math.max(index + (event.key === 'ArrowDown' ? 1 : -1), 0), rows.length - 1);
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
    }
  };

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={total + 1} style={height === undefined ? { flex: '1 1 0', minHeight: 240 } : undefined}>
      <div className="vtable-header" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.key} role="columnheader">
            {c.title}
          </div>
        ))}
      </div>
      <div ref={scrollRef} style={{ height: height ?? undefined, flex: height === undefined ? '1 1 0' : undefined, minHeight: 0, overflow: 'auto', position: 'relative' }}>
        {isLoading ? (
          <div className="vtable-empty" style={{ textAlign: 'center' }}>
            <Spin />
          </div>
        ) : rows.length === 0 ? (
          <Empty className="vtable-empty" description={emptyText} />
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((virtual) => {
              const item = rows[virtual.index];
              const style: CSSProperties = {
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: virtual.size,
                transform: `translateY(${virtual.start}px)`,
                gridTemplateColumns: template,
              };
              if (item === undefined) {
                return (
                  <div key="loader" className="vtable-row" style={{ ...style, display: 'flex', justifyContent: 'center' }}>
                    <Spin size="small" />
                  </div>
                );
              }
              return (
                <div
                  key={rowKey(item)}
                  data-index={virtual.index}
                  role="row"
                  aria-rowindex={virtual.index + 2}
                  tabIndex={onOpen ? 0 : undefined}
                  className={`vtable-row${onOpen ? ' is-clickable' : ''}`}
                  style={style}
                  onClick={onOpen ? () => onOpen(item) : undefined}
                  onKeyDown={(event) => onRowKey(event, virtual.index, item)}
                >
                  {columns.map((c) => (
                    <div key={c.key} role="cell">
                      {c.render(item)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
