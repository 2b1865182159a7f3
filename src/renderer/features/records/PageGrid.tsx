import { FontSizeOutlined, HighlightOutlined, RotateLeftOutlined, RotateRightOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { CorrectionDto, RecordPageDto } from '../../../contract';
import { gridFocusTarget, isBornDigital, moveItem, regionStyle, turn, type Rotation } from './pageModel';

/** Marks an internal drag of a thumbnail, so that the file drop zone around the grid ignores it. */
export const PAGE_DRAG_TYPE = 'application/x-dossier-page';

export interface PageGridProps {
  pages: RecordPageDto[];
  corrections: CorrectionDto[];
  /** Why pages cannot change (signed, archived, no permission); null when they can. */
  lockReason: string | null;
  isBusy: boolean;
  onRotate(page: RecordPageDto, rotation: Rotation): void;
  onArrange(pageIds: string[]): void;
  onStrike(page: RecordPageDto): void;
  /** Told when a locked page is asked to change, to show why. */
  onRefused(reason: string): void;
}

/** Thumbnails per row right now, from where they sit on screen (the grid wraps with the window). */
function columnsOf(grid: HTMLElement | null): number {
  const cells = grid ? Array.from(grid.querySelectorAll<HTMLElement>('[data-page-cell]')) : [];
  if (cells.length === 0) return 1;
  const top = cells[0]!.offsetTop;
  const first = cells.findIndex((c) => c.offsetTop !== top);
  return first === -1 ? cells.length : first;
}

/**
 * The record's pages as thumbnails, in order: 空白页 and 已识别 tags, red frames for strikes, turn
 * buttons, drag to reorder. Keyboard: arrows move focus, R / Shift+R turn right / left, Alt+arrows
 * move the page, S strikes a region on it.
 */
export function PageGrid({ pages, corrections, lockReason, isBusy, onRotate, onArrange, onStrike, onRefused }: PageGridProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const isLocked = lockReason !== null;

  const focusCell = (index: number) => gridRef.current?.querySelectorAll<HTMLElement>('[data-page-cell]')[index]?.focus();

  const arrange = (from: number, to: number) => {
    if (from === to) return;
    if (isLocked) return onRefused(lockReason);
    onArrange(moveItem(pages, from, to).map((p) => p.id));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    const page = pages[index]!;
    if (event.target !== event.currentTarget) return;
    if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      const target = gridFocusTarget(index, event.key, columnsOf(gridRef.current), pages.length);
      event.preventDefault();
      if (target !== null) arrange(index, target);
      return;
    }
    const target = gridFocusTarget(index, event.key, columnsOf(gridRef.current), pages.length);
    if (target !== null) {
      event.preventDefault();
      focusCell(target);
      return;
    }
    const key = event.key.toLowerCase();
    if (key === 'r' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (isLocked) onRefused(lockReason);
      else if (!isBusy) onRotate(page, turn(page.rotation, event.shiftKey ? 'left' : 'right'));
    } else if (key === 's' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (isLocked) onRefused(lockReason);
      else onStrike(page);
    }
  };

  const onDragStart = (event: DragEvent<HTMLDivElement>, index: number) => {
    if (isLocked || isBusy) {
      event.preventDefault();
      return;
    }
    event.dataTransfer.setData(PAGE_DRAG_TYPE, pages[index]!.id);
    event.dataTransfer.effectAllowed = 'move';
    setDragFrom(index);
  };
  /** Whether the event is a thumbnail of this grid being dragged; if so it is ours alone. */
  const claimPageDrag = (event: DragEvent<HTMLDivElement>): event is DragEvent<HTMLDivElement> => {
    if (dragFrom === null || !event.dataTransfer.types.includes(PAGE_DRAG_TYPE)) return false;
    event.preventDefault();
    event.stopPropagation();
    return true;
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>, index: number) => {
    if (!claimPageDrag(event)) return;
    event.dataTransfer.dropEffect = 'move';
    setDropAt(index);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>, index: number) => {
    if (!claimPageDrag(event) || dragFrom === null) return;
    arrange(dragFrom, index);
    setDragFrom(null);
    setDropAt(null);
  };

  if (pages.length === 0) return <Empty description="还没有扫描页：把扫描件拖到上方，或点“选择文件”" />;

  return (
    <div ref={gridRef} role="list" aria-label="页面" data-testid="page-grid" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(168px, 1fr))', gap: 12 }}>
      {pages.map((page, index) => {
        const frames = corrections.filter((c) => c.page === page.position);
        return (
          <div
            key={page.id}
            role="listitem"
            tabIndex={0}
            data-page-cell
            data-testid="page-thumb"
            data-position={page.position}
            aria-label={`第 ${page.position} 页${page.isBlank ? '，空白页' : ''}${page.rotation ? `，已旋转 ${page.rotation} 度` : ''}`}
            draggable={!isLocked && !isBusy}
            onDragStart={(e) => onDragStart(e, index)}
            onDragOver={(e) => onDragOver(e, index)}
            onDragEnd={() => {
              setDragFrom(null);
              setDropAt(null);
            }}
            onDrop={(e) => onDrop(e, index)}
            onKeyDown={(e) => onKeyDown(e, index)}
            className="page-cell"
            style={{
              border: `2px solid ${dropAt === index && dragFrom !== index ? '#1677ff' : '#f0f0f0'}`,
              borderRadius: 6,
              padding: 8,
              background: '#fff',
              opacity: dragFrom === index ? 0.5 : 1,
              cursor: isLocked ? 'default' : 'grab',
            }}
          >
            <div style={{ position: 'relative', height: 200, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#fafafa' }}>
              <div style={{ position: 'relative', display: 'inline-block', lineHeight: 0 }}>
                <img src={page.thumbnail} alt={`第 ${page.position} 页缩略图`} draggable={false} style={{ maxWidth: 150, maxHeight: 196, boxShadow: '0 0 2px rgba(0,0,0,0.3)' }} />
                {frames.map((c) => (
                  <div
                    key={c.id}
                    data-testid="strike-frame"
                    title={`划改：${c.reason}`}
                    style={{ position: 'absolute', ...regionStyle(c.region), border: '2px solid #d4380d', pointerEvents: 'none' }}
                  />
                ))}
              </div>
            </div>
            <Flex align="center" gap={4} wrap style={{ marginTop: 6, minHeight: 24 }}>
              <Typography.Text strong>第 {page.position} 页</Typography.Text>
              {page.isBlank ? <Tag color="orange">空白页</Tag> : null}
              {isBornDigital(page) ? (
                <Tooltip title={`电子原生 PDF「${page.file.name}」第 ${page.pageInFile + 1} 页：文字原样保留，无需文字识别`}>
                  <Tag color="green">电子原生</Tag>
                </Tooltip>
              ) : null}
              {page.hasOcr ? (
                <Tag icon={<FontSizeOutlined />} color="blue">
                  已识别
                </Tag>
              ) : null}
              {page.rotation ? <Tag>{page.rotation}°</Tag> : null}
            </Flex>
            <Flex gap={4} style={{ marginTop: 4 }}>
              <Tooltip title={lockReason ?? '向左旋转（Shift+R）'}>
                <Button size="small" icon={<RotateLeftOutlined />} aria-label={`第 ${page.position} 页向左旋转`} disabled={isLocked || isBusy} onClick={() => onRotate(page, turn(page.rotation, 'left'))} />
              </Tooltip>
              <Tooltip title={lockReason ?? '向右旋转（R）'}>
                <Button size="small" icon={<RotateRightOutlined />} aria-label={`第 ${page.position} 页向右旋转`} disabled={isLocked || isBusy} onClick={() => onRotate(page, turn(page.rotation, 'right'))} />
              </Tooltip>
              <Tooltip title={lockReason ?? '划改（S）：在页面上框出要划去的区域'}>
                <Button size="small" icon={<HighlightOutlined />} aria-label={`第 ${page.position} 页划改`} disabled={isLocked || isBusy} onClick={() => onStrike(page)}>
                  划改
                </Button>
              </Tooltip>
            </Flex>
            {page.notes.length > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                {page.notes.join('；')}
              </Typography.Text>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
