import { Flex, Radio, Typography } from 'antd';
import { STAMP_POSITIONS, type StampPosition } from '../../../contract';
import { STAMP_POSITION_LABELS } from '../dossiers/dossierModel';

interface StampPositionPickerProps {
  id?: string;
  value?: StampPosition;
  onChange?: (next: StampPosition) => void;
  disabled?: boolean;
}

/** One sheet face, with the page number where the stamp goes: outer corner, top or bottom. */
function Face({ side, position }: { side: 'recto' | 'verso'; position: StampPosition }) {
  const isTop = position === 'top-outer';
  // The outer corner: right on the front (recto), left on the back (verso); DOMAIN.md "Dossier rules".
  const isRight = side === 'recto';
  return (
    <Flex vertical align="center" gap={4}>
      <svg width={60} height={84} viewBox="0 0 60 84" role="img" aria-label={`${side === 'recto' ? '正面' : '背面'}：页号在${isTop ? '上' : '下'}方${isRight ? '右' : '左'}角`}>
        <rect x={1} y={1} width={58} height={82} fill="#fff" stroke="#8c8c8c" />
        {[22, 30, 38, 46, 54].map((y) => (
          <line key={y} x1={10} x2={50} y1={y} y2={y} stroke="#d9d9d9" strokeWidth={2} />
        ))}
        <text x={isRight ? 52 : 8} y={isTop ? 12 : 78} fontSize={9} textAnchor={isRight ? 'end' : 'start'} fill="#cf1322" data-testid={`stamp-${side}`} data-corner={`${isTop ? 'top' : 'bottom'}-${isRight ? 'right' : 'left'}`}>
          {side === 'recto' ? 1 : 2}
        </text>
      </svg>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {side === 'recto' ? '正面' : '背面'}
      </Typography.Text>
    </Flex>
  );
}

/** 页号位置 of numbered pages, with how a recto and its verso will look. */
export function StampPositionPicker({ id, value = 'top-outer', onChange, disabled }: StampPositionPickerProps) {
  return (
    <Flex gap={24} align="center" wrap>
      <Radio.Group
        id={id}
        aria-label="页号位置"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange?.(e.target.value as StampPosition)}
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        options={STAMP_POSITIONS.map((p) => ({ value: p, label: STAMP_POSITION_LABELS[p] }))}
      />
      <Flex gap={12} data-testid="stamp-preview">
        <Face side="recto" position={value} />
        <Face side="verso" position={value} />
      </Flex>
    </Flex>
  );
}
