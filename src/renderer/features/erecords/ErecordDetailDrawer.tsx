import { Descriptions, Drawer, Tag } from 'antd';
import type { ElectronicRecordDto } from '../../../contract';
import { formatDateTime } from '../../components/format';
import { FileDownloadLink } from '../media/PdfFileModal';

const STATUS_LABELS: Record<ElectronicRecordDto['status'], string> = { kept: '保存中', 'disposal-requested': '已申请销毁', disposed: '已销毁' };

/** One electronic record: its §4.7.3 name, its Table 2 class and dates, and its files with their SHA-256. */
export function ErecordDetailDrawer({ record, onClose }: { record: ElectronicRecordDto | null; onClose: () => void }) {
  return (
    <Drawer open={record !== null} title="电子记录" size={720} onClose={onClose} destroyOnHidden>
      {record ? (
        <Descriptions size="small" bordered column={1} data-testid="erecord-detail">
          <Descriptions.Item label="名称">{record.name}</Descriptions.Item>
          <Descriptions.Item label="记录种类">{record.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="内容特征">{record.featureLabel}</Descriptions.Item>
          <Descriptions.Item label="执法活动">{record.activityType}</Descriptions.Item>
          <Descriptions.Item label="单位与中队">
            {record.unitName}
            {record.squad}
          </Descriptions.Item>
          <Descriptions.Item label="当事人">{record.party}</Descriptions.Item>
          <Descriptions.Item label="案件编号">{record.caseNumber}</Descriptions.Item>
          <Descriptions.Item label="记录人">{record.recorder}</Descriptions.Item>
          <Descriptions.Item label="密级">{record.classification}</Descriptions.Item>
          <Descriptions.Item label="活动结束">{formatDateTime(record.endedAt)}</Descriptions.Item>
          <Descriptions.Item label="上传">
            {formatDateTime(record.uploadedAt)}（时限 {formatDateTime(record.uploadDeadline)}）{record.isLate ? <Tag color="red">逾期上传</Tag> : null}
          </Descriptions.Item>
          {record.lateReason ? <Descriptions.Item label="逾期原因">{record.lateReason}</Descriptions.Item> : null}
          <Descriptions.Item label="保存期限">
            {record.retentionLabel}
            {record.disposalDueOn ? `，${record.disposalDueOn} 期满` : ''}
            {record.isDue ? <Tag color="orange" style={{ marginInlineStart: 8 }}>到期待处置</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label="当事人确认">{record.partyConfirmed ? '已签字确认' : '—'}</Descriptions.Item>
          <Descriptions.Item label="状态">{STATUS_LABELS[record.status]}</Descriptions.Item>
          <Descriptions.Item label="登记人">{record.registeredBy}</Descriptions.Item>
          <Descriptions.Item label="文件">
            {record.files.length === 0
              ? '—'
              : record.files.map((f, i) => (
                  <div key={`${i}-${f.sha256}`}>
                    {/* A disposed record's bytes are gone (id ''): its name and SHA-256 stay as the evidence. */}
                    {f.id ? <FileDownloadLink file={f} label={f.name} /> : <span>{f.name}（已销毁） </span>}
                    <span style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{f.sha256}</span>
                  </div>
                ))}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Drawer>
  );
}
