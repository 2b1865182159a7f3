import { Flex, Radio, Table, Typography, type TableColumnsType } from 'antd';
import { STAMP_POSITIONS, type DossierDto, type DossierRecordDto, type StampPosition } from '../../../contract';
import { STAMP_POSITION_LABELS } from './dossierModel';

// 题名 takes what is left, so that 页次 and 备注 stay in view in the builder's middle column.
const COLUMNS: TableColumnsType<DossierRecordDto> = [
  { title: '顺序号', dataIndex: 'sequence', width: 56, align: 'center' },
  { title: '文号', dataIndex: 'documentNumber', width: 100 },
  { title: '责任者', dataIndex: 'responsible', width: 90 },
  { title: '题名', dataIndex: 'title' },
  { title: '日期', dataIndex: 'date', width: 96 },
  { title: '页次', dataIndex: 'pageRange', width: 56, align: 'center', render: (range: string) => <span data-testid="contents-range">{range}</span> },
  { title: '备注', key: 'remark', width: 96, dataIndex: 'remark' },
];

/**
 * 卷内目录 of each volume as the compiled volume will print it (§5.5.3), and 页号位置: where the page
 * numbers are stamped.
 */
export function ContentsPreview({ dossier, isLocked, onStampPosition }: { dossier: DossierDto; isLocked: boolean; onStampPosition: (position: StampPosition) => void }) {
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12} wrap>
        <Typography.Text strong>页号位置</Typography.Text>
        <Radio.Group
          aria-label="页号位置"
          value={dossier.stampPosition}
          disabled={isLocked}
          onChange={(e) => onStampPosition(e.target.value as StampPosition)}
          options={STAMP_POSITIONS.map((p) => ({ value: p, label: STAMP_POSITION_LABELS[p] }))}
        />
      </Flex>
      {dossier.volumes.map((v) => (
        <div key={v.volume} data-testid={`contents-${v.volume}`}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            卷内目录（{v.volume}）
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginInlineStart: 12 }}>
              共 {v.itemCount} 件 {v.pageCount} 页
            </Typography.Text>
          </Typography.Title>
          <Table<DossierRecordDto> rowKey="recordId" size="small" bordered columns={COLUMNS} dataSource={v.records} pagination={false} tableLayout="fixed" locale={{ emptyText: '卷内没有文书' }} />
        </div>
      ))}
    </Flex>
  );
}
