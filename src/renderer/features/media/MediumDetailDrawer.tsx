import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Flex, Spin, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { MEDIUM_KIND_LABELS, MEDIUM_STATUS_LABELS, isStateSecret, type FileRef, type MediumDetailDto, type MediumEventDto } from '../../../contract';
import { call } from '../../app/api';
import { useCan, useSession } from '../../app/session';
import { ReasonModal } from '../../components/ReasonModal';
import { errorMessage } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { CertificateTable } from './CertificateTable';
import { IdentifyMediumModal } from './DeviceModals';
import { LabelModal } from './LabelModal';
import { PdfFileModal } from './PdfFileModal';
import { RequestChain, RequestStatusTag } from './RequestChain';
import { WipeRequestModal } from './WipeRequestModal';
import { WriteRecordsModal } from './WriteRecordsModal';
import { MEDIA_KEY, MEDIUM_STATUS_COLORS, REQUEST_KIND_LABELS, STATUS_CHANGE_LABELS, formatCapacity, isWipeRequestable, statusChangesFor, type StatusChange } from './mediaModel';

const HISTORY_COLUMNS: TableColumnsType<MediumEventDto> = [
  { title: '时间', dataIndex: 'at', width: 160, render: (at: string) => formatDateTime(at) },
  { title: '操作人', dataIndex: 'actor', width: 100 },
  { title: '事项', dataIndex: 'action', width: 110 },
  { title: '说明', dataIndex: 'detail' },
  {
    title: '状态',
    key: 'status',
    width: 150,
    render: (_, e) => (e.toStatus ? `${e.fromStatus ? MEDIUM_STATUS_LABELS[e.fromStatus] : '—'} → ${MEDIUM_STATUS_LABELS[e.toStatus]}` : ''),
  },
];

/** One medium: every field of the register, its full history, its requests and its certificates. */
export function MediumDetailDrawer({ tag, onClose }: { tag: string | null; onClose: () => void }) {
  const detail = useQuery({ queryKey: [...MEDIA_KEY, 'get', tag], queryFn: () => call('media.get', { tag: tag! }), enabled: tag !== null, staleTime: 0 });
  return (
    <Drawer open={tag !== null} title={tag ? `存储介质 ${tag}` : ''} size={860} onClose={onClose} destroyOnHidden>
      {detail.isPending ? <Spin /> : detail.isError ? <Alert type="error" showIcon title={errorMessage(detail.error)} /> : <MediumDetail medium={detail.data} />}
    </Drawer>
  );
}

function MediumDetail({ medium }: { medium: MediumDetailDto }) {
  const { session } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canManage = useCan('media.manage');
  const canWipe = useCan('media.wipe');
  const [changing, setChanging] = useState<StatusChange | null>(null);
  const [isRequestingWipe, setRequestingWipe] = useState(false);
  const [labelTags, setLabelTags] = useState<string[] | null>(null);
  const [isIdentifying, setIdentifying] = useState(false);
  const [isWriting, setWriting] = useState(false);
  const canRequest = useCan('media.request');
  const canReadCases = useCan('cases.read');
  const canWriteRecords = canRequest && canReadCases;
  const [viewing, setViewing] = useState<{ file: FileRef; title: string } | null>(null);
  const isHolder = medium.holder === session.user.username;
  const mayAskWipe = (canManage || canWipe || isHolder) && isWipeRequestable(medium);

  return (
    <Flex vertical gap={16} data-testid="medium-detail">
      <Flex gap={8} wrap>
        {canManage ? (
          <Button icon={<PrinterOutlined />} onClick={() => setLabelTags([medium.tag])}>
            打印标签
          </Button>
        ) : null}
        {canManage && medium.status !== 'destroyed' && medium.status !== 'lost' ? <Button onClick={() => setIdentifying(true)}>写入身份记录</Button> : null}
        {isHolder && medium.status === 'checked-out' && canWriteRecords ? <Button onClick={() => setWriting(true)}>写入案件记录</Button> : null}
        {mayAskWipe ? <Button onClick={() => setRequestingWipe(true)}>申请清除</Button> : null}
        {canManage
          ? statusChangesFor(medium.status).map((change) => (
              <Button key={change} danger={change !== 'in-stock'} onClick={() => setChanging(change)}>
                {STATUS_CHANGE_LABELS[change]}
              </Button>
            ))
          : null}
      </Flex>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label="资产编号">{medium.tag}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={MEDIUM_STATUS_COLORS[medium.status]} data-testid="medium-status">
            {MEDIUM_STATUS_LABELS[medium.status]}
          </Tag>
          {medium.isOverdue ? <Tag color="red">逾期未还</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label="介质类型">{MEDIUM_KIND_LABELS[medium.kind]}</Descriptions.Item>
        <Descriptions.Item label="密级">
          <Typography.Text type={isStateSecret(medium.classification) ? 'danger' : undefined} strong>
            {medium.classification}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="品牌">{medium.brand}</Descriptions.Item>
        <Descriptions.Item label="型号">{medium.model}</Descriptions.Item>
        <Descriptions.Item label="硬件序列号">{medium.serial}</Descriptions.Item>
        <Descriptions.Item label="容量">{formatCapacity(medium.capacityBytes)}</Descriptions.Item>
        <Descriptions.Item label="所属部门">{medium.department}</Descriptions.Item>
        <Descriptions.Item label="领用人">{medium.holder ? `${medium.holderName ?? ''}（${medium.holder}）` : '—'}</Descriptions.Item>
        <Descriptions.Item label="应还日期">{medium.dueAt ? formatDateTime(medium.dueAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label="身份记录">{medium.identityWrittenAt ? `已写入（${formatDateTime(medium.identityWrittenAt)}）` : '未写入'}</Descriptions.Item>
        <Descriptions.Item label="登记">
          {medium.registeredBy} {formatDateTime(medium.registeredAt)}
        </Descriptions.Item>
        <Descriptions.Item label="加密写入">{medium.hasContentKey ? '有（可密码擦除）' : '无'}</Descriptions.Item>
        <Descriptions.Item label="备注" span={2}>
          {medium.note}
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'history',
            label: `历史（${medium.history.length}）`,
            children: <Table<MediumEventDto> rowKey={(e, i) => `${e.at}-${i}`} size="small" columns={HISTORY_COLUMNS} dataSource={medium.history} pagination={false} data-testid="medium-history" />,
          },
          {
            key: 'requests',
            label: `申请（${medium.requests.length}）`,
            children: medium.requests.length === 0 ? (
              <Typography.Text type="secondary">没有申请</Typography.Text>
            ) : (
              <Flex vertical gap={12}>
                {medium.requests.map((r) => (
                  <div key={r.id} style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: 12 }}>
                    <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
                      <Typography.Text strong>{REQUEST_KIND_LABELS[r.kind]}申请</Typography.Text>
                      <RequestStatusTag request={r} />
                      <span>
                        {r.requestedByName} {formatDateTime(r.requestedAt)}
                      </span>
                      <Typography.Text type="secondary">{r.purpose}</Typography.Text>
                      {r.filedRecord ? (
                        <Button type="link" size="small" icon={<FilePdfOutlined />} onClick={() => setViewing({ file: r.filedRecord!, title: `领用备案表 ${r.tag}` })}>
                          备案表
                        </Button>
                      ) : null}
                    </Flex>
                    <RequestChain request={r} />
                  </div>
                ))}
              </Flex>
            ),
          },
          {
            key: 'certificates',
            label: `清除证书（${medium.certificates.length}）`,
            children: <CertificateTable certificates={medium.certificates} showMedium={false} />,
          },
        ]}
      />
      <WipeRequestModal medium={isRequestingWipe ? medium : null} onClose={() => setRequestingWipe(false)} />
      <IdentifyMediumModal medium={isIdentifying ? medium : null} onClose={() => setIdentifying(false)} />
      {isWriting ? <WriteRecordsModal medium={medium} onClose={() => setWriting(false)} /> : null}
      <LabelModal
        tags={labelTags}
        onClose={() => setLabelTags(null)}
        onMade={(file) => {
          setLabelTags(null);
          setViewing({ file, title: `介质标签 ${medium.tag}` });
        }}
      />
      <PdfFileModal file={viewing?.file ?? null} title={viewing?.title ?? ''} onClose={() => setViewing(null)} />
      <ReasonModal
        open={changing !== null}
        title={changing ? `${STATUS_CHANGE_LABELS[changing]}：${medium.tag}` : ''}
        intro={changing === 'lost' ? '登记遗失后，该介质在各终端上被拒绝使用，直至找回入库。' : changing === 'awaiting-destruction' ? '转为待销毁后，由信息安全员交有资质的机构销毁并登记。' : '找回的介质重新入库。'}
        label="原因"
        okText={changing ? STATUS_CHANGE_LABELS[changing] : '确定'}
        isDanger={changing !== 'in-stock'}
        submit={(reason) => call('media.setStatus', { tag: medium.tag, status: changing!, reason })}
        onDone={() => {
          void message.success('介质状态已登记');
          setChanging(null);
          void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
        }}
        onClose={() => setChanging(null)}
      />
    </Flex>
  );
}
