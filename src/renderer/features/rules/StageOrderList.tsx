import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Stage } from '../../../contract';
import { dropBefore, stepItem } from './rulesModel';

const STAGE_DRAG_TYPE = 'application/x-binding-stage';

interface StageOrderListProps {
  id?: string;
  value?: Stage[];
  onChange?: (next: Stage[]) => void;
  disabled?: boolean;
}

/**
 * 执法阶段 in binding order (the template sorts a case's records by stage, then date). Drag a row onto
 * another to put it in front of that one; with the keyboard, Alt+↑ / Alt+↓ on a row, or its buttons.
 */
export function StageOrderList({ id, value = [], onChange, disabled = false }: StageOrderListProps) {
  const [dragged, setDragged] = useState<Stage | null>(null);
  const [dropTarget, setDropTarget] = useState<Stage | 'end' | null>(null);
  // A moved row keeps the keyboard focus, so that Alt+↑ can be pressed again at once.
  const [focusStage, setFocusStage] = useState<Stage | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focusStage) return;
    listRef.current?.querySelector<HTMLElement>(`[data-stage="${CSS.escape(focusStage)}"]`)?.focus();
    setFocusStage(null);
  }, [focusStage, value]);

  const step = (index: number, direction: 'up' | 'down') => {
    const next = stepItem(value, index, direction);
    if (!next || disabled) return;
    onChange?.(next);
    setFocusStage(value[index]!);
  };

  const drop = (event: DragEvent, before: Stage | null) => {
    event.preventDefault();
    event.stopPropagation();
    const stage = (event.dataTransfer.getData(STAGE_DRAG_TYPE) || dragged) as Stage | null;
    setDragged(null);
    setDropTarget(null);
    if (!stage || disabled || !value.includes(stage)) return;
    onChange?.(dropBefore(value, stage, before));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    if (event.target !== event.currentTarget || !event.altKey) return;
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    step(index, event.key === 'ArrowUp' ? 'up' : 'down');
  };

  const isStageDrag = (event: DragEvent) => event.dataTransfer.types.includes(STAGE_DRAG_TYPE);

  return (
    <div id={id} ref={listRef} tabIndex={-1} role="list" aria-label="执法阶段装订顺序" data-testid="stage-order" style={{ outline: 'none' }}>
      <Flex vertical gap={6}>
        {value.map((stage, index) => (
          <div
            key={stage}
            data-stage={stage}
            data-testid="stage-item"
            role="listitem"
            tabIndex={0}
            aria-label={`第 ${index + 1} 位：${stage}${disabled ? '' : '。Alt+上下方向键调整顺序'}`}
            draggable={!disabled}
            onDragStart={(event) => {
              event.dataTransfer.setData(STAGE_DRAG_TYPE, stage);
              event.dataTransfer.effectAllowed = 'move';
              setDragged(stage);
            }}
            onDragEnd={() => {
              setDragged(null);
              setDropTarget(null);
            }}
            onDragOver={(event) => {
              if (!isStageDrag(event) || disabled) return;
              event.preventDefault();
              setDropTarget(stage);
            }}
            onDrop={(event) => drop(event, stage)}
            onKeyDown={(event) => onKeyDown(event, index)}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 8,
              padding: '4px 8px',
              border: '1px solid #d9d9d9',
              borderTop: dropTarget === stage && dragged !== stage ? '2px solid #1677ff' : '1px solid #d9d9d9',
              borderRadius: 6,
              background: dragged === stage ? '#e6f4ff' : '#fff',
              cursor: disabled ? 'default' : 'grab',
            }}
          >
            {disabled ? null : <HolderOutlined style={{ color: '#8c8c8c' }} />}
            <Typography.Text type="secondary" style={{ width: 24 }}>
              {index + 1}.
            </Typography.Text>
            <Typography.Text strong style={{ flex: 1 }}>
              {stage}
            </Typography.Text>
            {disabled ? null : (
              <>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`${stage}上移`} tabIndex={-1} disabled={index === 0} onClick={() => step(index, 'up')} />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`${stage}下移`} tabIndex={-1} disabled={index === value.length - 1} onClick={() => step(index, 'down')} />
              </>
            )}
          </div>
        ))}
        {disabled ? null : (
          <div
            onDragOver={(event) => {
              if (!isStageDrag(event)) return;
              event.preventDefault();
              setDropTarget('end');
            }}
            onDrop={(event) => drop(event, null)}
            style={{ height: 12, borderTop: dropTarget === 'end' ? '2px solid #1677ff' : '2px solid transparent' }}
            aria-hidden
          />
        )}
      </Flex>
    </div>
  );
}
