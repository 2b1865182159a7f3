import { ArrowDownOutlined, ArrowUpOutlined, RollbackOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { DossierDto, DossierRecordDto, Volume } from '../../../contract';
import { call } from '../../app/api';
import { dropIndex, moveRecord, stepRecord, type Arrangement } from './dossierModel';

const RECORD_DRAG_TYPE = 'application/x-dossier-record';
/** A row of this list being dragged, not files from the desktop. */
const isRecordDrag = (event: DragEvent) => event.dataTransfer.types.includes(RECORD_DRAG_TYPE);

/** The first page of a record, fetched once the row scrolls into view. */
function Thumbnail({ recordId, title }: { recordId: string; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [isVisible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || isVisible) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [isVisible]);
  const pages = useQuery({
    queryKey: ['records.pages', recordId],
    queryFn: () => call('records.pages', { recordId }),
    enabled: isVisible,
    staleTime: 60_000,
  });
  const first = pages.data?.[0];
  return (
    <div ref={ref} style={{ width: 48, height: 64, flex: 'none', background: '#f5f5f5', border: '1px solid #e8e8e8', display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
      {first ? (
        <img src={first.thumbnail} alt={`${title} 第 1 页`} style={{ maxWidth: '100%', maxHeight: '100%' }} data-testid="record-thumbnail" />
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
          {pages.isSuccess ? '无页面' : ''}
        </Typography.Text>
      )}
    </div>
  );
}

interface RecordListProps {
  dossier: DossierDto;
  arrangement: Arrangement;
  isLocked: boolean;
  isBusy: boolean;
  highlighted: string | null;
  onArrange: (next: Arrangement) => void;
  onExclude: (record: DossierRecordDto) => void;
  onInclude: (recordId: string) => void;
  onToggleDuplex: (recordId: string) => void;
}

/**
 * The records per volume in binding order, with 页次 as the volume will stamp them. Drag a row to
 * reorder or to the other volume; with the keyboard, Alt+↑ / Alt+↓ on a row moves it one place
 * (across the 正卷/副卷 boundary at the ends).
 */
export function RecordList({ dossier, arrangement, isLocked, isBusy, highlighted, onArrange, onExclude, onInclude, onToggleDuplex }: RecordListProps) {
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const canChange = !isLocked && !isBusy;
  const volumes: Volume[] = ['正卷', '副卷'];

  const step = (recordId: string, direction: 'up' | 'down') => {
    const next = stepRecord(arrangement, recordId, direction);
    if (next) onArrange(next);
  };

  const onDrop = (event: DragEvent, volume: Volume, beforeId: string | null) => {
    event.preventDefault();
    event.stopPropagation();
    const id = event.dataTransfer.getData(RECORD_DRAG_TYPE) || dragged;
    setDragged(null);
    setDropTarget(null);
    if (!id || id === beforeId || !canChange) return;
    onArrange(moveRecord(arrangement, id, volume, dropIndex(arrangement, volume, beforeId, id)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, recordId: string) => {
    if (event.target !== event.currentTarget || !event.altKey) return;
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    if (canChange) step(recordId, event.key === 'ArrowUp' ? 'up' : 'down');
  };

  return (
    <Flex vertical gap={12} data-testid="dossier-records" tabIndex={-1} style={{ outline: 'none' }}>
      {volumes.map((volume) => {
        const dto = dossier.volumes.find((v) => v.volume === volume);
        const records = dto?.records ?? [];
        const other: Volume = volume === '正卷' ? '副卷' : '正卷';
        return (
          <Card
            key={volume}
            size="small"
            title={`${volume}（${dto?.itemCount ?? 0} 件 ${dto?.pageCount ?? 0} 页）`}
            data-testid={`volume-${volume}`}
            onDragOver={(e) => {
              if (isRecordDrag(e) && canChange) e.preventDefault();
            }}
            onDrop={(e) => onDrop(e, volume, null)}
          >
            {records.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={volume === '副卷' ? '副卷为空：可把文书拖到这里' : '正卷为空'} />
            ) : (
              <Flex vertical gap={6}>
                {records.map((r) => (
                  <div
                    key={r.recordId}
                    data-record-id={r.recordId}
                    data-testid="dossier-record"
                    tabIndex={0}
                    role="listitem"
                    aria-label={`${volume}第 ${r.sequence} 件：${r.title}，页次 ${r.pageRange || '无'}${canChange ? '。Alt+上下方向键调整顺序' : ''}`}
                    draggable={canChange}
                    onKeyDown={(e) => onKeyDown(e, r.recordId)}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(RECORD_DRAG_TYPE, r.recordId);
                      e.dataTransfer.effectAllowed = 'move';
                      setDragged(r.recordId);
                    }}
                    onDragEnd={() => {
                      setDragged(null);
                      setDropTarget(null);
                    }}
                    onDragOver={(e) => {
                      if (!isRecordDrag(e) || !canChange) return;
                      e.preventDefault();
                      e.stopPropagation();
                      setDropTarget(r.recordId);
                    }}
                    onDrop={(e) => onDrop(e, volume, r.recordId)}
                    style={{
                      display: 'flex',
                      gap: 8,
                      padding: 6,
                      borderRadius: 4,
                      background: highlighted === r.recordId ? '#fff1b8' : '#fff',
                      border: `1px solid ${highlighted === r.recordId ? '#faad14' : '#f0f0f0'}`,
                      borderTop: dropTarget === r.recordId && dragged !== r.recordId ? '3px solid #1677ff' : undefined,
                      opacity: dragged === r.recordId ? 0.5 : 1,
                      cursor: canChange ? 'grab' : 'default',
                      transition: 'background 0.3s',
                    }}
                  >
                    <Thumbnail recordId={r.recordId} title={r.title} />
                    <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
                      <Typography.Text strong ellipsis={{ tooltip: r.title }}>
                        {r.sequence}. {r.title}
                      </Typography.Text>
                      <Space size={4} wrap>
                        <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="record-range">
                          页次 {r.pageRange || '—'}
                        </Tag>
                        {r.blankPages ? <Tag style={{ marginInlineEnd: 0 }}>空白 {r.blankPages} 页</Tag> : null}
                        {r.signedVersion === null ? (
                          <Tag color="red" style={{ marginInlineEnd: 0 }}>
                            未签章
                          </Tag>
                        ) : (
                          <Tag color="green" style={{ marginInlineEnd: 0 }}>
                            第 {r.signedVersion} 版
                          </Tag>
                        )}
                      </Space>
                      <Flex align="center" gap={4} wrap>
                        <Tooltip title="上移（Alt+↑）">
                          <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`上移《${r.title}》`} disabled={!canChange || !stepRecord(arrangement, r.recordId, 'up')} onClick={() => step(r.recordId, 'up')} />
                        </Tooltip>
                        <Tooltip title="下移（Alt+↓）">
                          <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`下移《${r.title}》`} disabled={!canChange || !stepRecord(arrangement, r.recordId, 'down')} onClick={() => step(r.recordId, 'down')} />
                        </Tooltip>
                        <Tooltip title={`移到${other}末尾`}>
                          <Button size="small" type="text" icon={<SwapOutlined />} aria-label={`把《${r.title}》移到${other}`} disabled={!canChange} onClick={() => onArrange(moveRecord(arrangement, r.recordId, other, Number.MAX_SAFE_INTEGER))} />
                        </Tooltip>
                        <Tooltip title="不入卷（须写明原因，备考表中说明）">
                          <Button size="small" type="text" danger icon={<StopOutlined />} aria-label={`《${r.title}》不入卷`} disabled={!canChange} onClick={() => onExclude(r)} />
                        </Tooltip>
                        <Switch
                          size="small"
                          checked={r.duplex}
                          disabled={!canChange}
                          onChange={() => onToggleDuplex(r.recordId)}
                          aria-label={`《${r.title}》双面扫描`}
                          checkedChildren="双面"
                          unCheckedChildren="单面"
                        />
                      </Flex>
                    </Flex>
                  </div>
                ))}
              </Flex>
            )}
          </Card>
        );
      })}
      <Card size="small" title={`不入卷（${dossier.excluded.length}）`} data-testid="excluded-records">
        {dossier.excluded.length === 0 ? (
          <Typography.Text type="secondary">所有文书都已入卷</Typography.Text>
        ) : (
          <Flex vertical gap={6}>
            {dossier.excluded.map((e) => (
              <Flex key={e.recordId} align="center" gap={8} data-record-id={e.recordId} style={{ padding: 4, background: highlighted === e.recordId ? '#fff1b8' : undefined }}>
                <Flex vertical style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text delete ellipsis={{ tooltip: e.title }}>
                    {e.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    原因：{e.reason}
                  </Typography.Text>
                </Flex>
                <Button size="small" icon={<RollbackOutlined />} disabled={!canChange} onClick={() => onInclude(e.recordId)}>
                  重新入卷
                </Button>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
