import { ArrowLeftOutlined, EditOutlined, PlusOutlined, ReadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiFailure, type RecordDto } from '../../../contract';
import { call } from '../../app/api';
import { navigate, routeHash } from '../../app/route';
import { useCan } from '../../app/session';
import { PageFailure } from '../../components/PageFailure';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/apiErrors';
import { STATE_COLORS } from '../../i18n/zh-CN';
import { BorrowRequestModal, type BorrowTarget } from '../borrowing/BorrowRequestModal';
import { CaseFormModal } from './CaseFormModal';
import { RecordFormModal } from './RecordFormModal';
import { RemoveRecordModal } from './RemoveRecordModal';
import { partySummary } from './caseFormModel';

/** A signed record is fixed (DB3206/T 1060 §6.2.2 d); the core refuses changes with the same reason. */
const SIGNED_NOTE = '签章后不能修改；如需更正，请在“页面与签章”中生成新版本';

export function CaseDetailPage({ caseId }: { caseId: string }) {
  const detail = useQuery({ queryKey: ['cases.get', caseId], queryFn: () => call('cases.get', { caseId }) });
  const [isEditing, setEditing] = useState(false);
  const [recordForm, setRecordForm] = useState<{ existing?: RecordDto } | null>(null);
  const [removing, setRemoving] = useState<RecordDto | null>(null);
  const canEditCase = useCan('cases.write');
  const canWriteRecords = useCan('records.write');
  const canBorrow = useCan('access.request');
  // The archive department reads its archive at a designated terminal without a grant of its own.
  const canReadArchive = useCan('access.approve');
  const [borrowing, setBorrowing] = useState<BorrowTarget | null>(null);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'cases' })}>
      返回案件列表
    </Button>
  );
  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) {
    // An archived case may be closed to this person until the archive department grants reading: the
    // way in is a request, which the core accepts or refuses with its reason.
    const mayAsk = canBorrow && detail.error instanceof ApiFailure && detail.error.code === 'forbidden';
    return (
      <>
        <PageFailure
          title="案件"
          extra={
            <>
              {back}
              {mayAsk ? (
                <Button type="primary" icon={<ReadOutlined />} onClick={() => setBorrowing({ caseId })}>
                  申请借阅
                </Button>
              ) : null}
            </>
          }
          message={errorMessage(detail.error)}
        />
        <BorrowRequestModal target={borrowing} onClose={() => setBorrowing(null)} />
      </>
    );
  }
  const { case: c, records } = detail.data;
  const isReadOnly = c.state === '已归档';

  const columns: TableColumnsType<RecordDto> = [
    { title: '类型', dataIndex: 'type', width: 180 },
    {
      title: '题名',
      dataIndex: 'title',
      render: (title: string, r) => (
        <a href={routeHash({ page: 'record', caseId: c.id, recordId: r.id })} data-testid="record-link">
          {title}
        </a>
      ),
    },
    { title: '文号', dataIndex: 'documentNumber', width: 160 },
    { title: '责任者', dataIndex: 'responsible', width: 140 },
    { title: '日期', dataIndex: 'date', width: 110 },
    { title: '审批日期', dataIndex: 'approvedOn', width: 110, render: (v: string | null) => v ?? '' },
    { title: '页数', key: 'pages', width: 70, align: 'right', render: (_, r) => r.pageCount },
    {
      title: '签章',
      key: 'signed',
      width: 110,
      render: (_, r) => (r.versions.length ? <Tag color="green">已签章（{r.versions.length} 版）</Tag> : <Tag>未签章</Tag>),
    },
  ];
  const actionColumn: TableColumnsType<RecordDto> = [
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate({ page: 'record', caseId: c.id, recordId: r.id })}>
            页面与签章
          </Button>
          <Tooltip title={r.versions.length > 0 ? SIGNED_NOTE : null}>
            <Button type="link" size="small" disabled={isReadOnly || r.versions.length > 0} onClick={() => setRecordForm({ existing: r })}>
              编辑
            </Button>
          </Tooltip>
          <Tooltip title={r.versions.length > 0 ? SIGNED_NOTE : null}>
            <Button type="link" size="small" danger disabled={isReadOnly || r.versions.length > 0} onClick={() => setRemoving(r)}>
              删除
            </Button>
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={
          <Space>
            {`案件 ${c.caseNumber}`}
            <Tag color={STATE_COLORS[c.state]}>{c.state}</Tag>
          </Space>
        }
        extra={
          <>
            {back}
            {c.state !== '办理中' ? <Button onClick={() => navigate({ page: 'dossier', caseId: c.id })}>卷宗</Button> : null}
            {isReadOnly && canBorrow ? (
              <Button type="primary" icon={<ReadOutlined />} onClick={() => setBorrowing({ caseId: c.id, caseNumber: c.caseNumber, cause: c.cause })}>
                申请借阅
              </Button>
            ) : null}
            {isReadOnly && canReadArchive ? (
              <Button icon={<ReadOutlined />} onClick={() => navigate({ page: 'reading', caseId: c.id })}>
                查阅
              </Button>
            ) : null}
            {canEditCase ? (
              <Button icon={<EditOutlined />} disabled={isReadOnly} onClick={() => setEditing(true)}>
                编辑案件
              </Button>
            ) : null}
          </>
        }
      />
      {isReadOnly ? <Alert type="info" showIcon title="本案已归档，内容不能再修改。" style={{ marginBottom: 16 }} /> : null}
      <Card size="small" title="案件信息" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label="案件编号">{c.caseNumber}</Descriptions.Item>
          <Descriptions.Item label="案由" span={2}>
            {c.cause}
          </Descriptions.Item>
          <Descriptions.Item label="当事人" span={3}>
            {partySummary(c.party)}
          </Descriptions.Item>
          <Descriptions.Item label="案件来源">{c.source}</Descriptions.Item>
          <Descriptions.Item label="程序">{c.procedure}</Descriptions.Item>
          <Descriptions.Item label="承办部门">{c.department}</Descriptions.Item>
          <Descriptions.Item label="承办人">{c.handlers.map((h) => h.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label="立案日期">{c.openedOn ?? '未填写'}</Descriptions.Item>
          <Descriptions.Item label="结案日期">{c.closedOn ?? '未填写'}</Descriptions.Item>
          <Descriptions.Item label="处理结果" span={3}>
            {c.disposition || '未填写'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={`文书（${records.length} 件）`}
        extra={
          canWriteRecords ? (
            <Button type="primary" size="small" icon={<PlusOutlined />} disabled={isReadOnly} onClick={() => setRecordForm({})}>
              添加文书
            </Button>
          ) : null
        }
      >
        <Table<RecordDto>
          rowKey="id"
          size="small"
          columns={canWriteRecords ? [...columns, ...actionColumn] : columns}
          dataSource={records}
          pagination={false}
          locale={{ emptyText: '还没有文书' }}
        />
      </Card>
      <CaseFormModal open={isEditing} existing={c} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      <RecordFormModal open={recordForm !== null} caseId={c.id} existing={recordForm?.existing} onClose={() => setRecordForm(null)} />
      <RemoveRecordModal record={removing} caseId={c.id} onClose={() => setRemoving(null)} />
      <BorrowRequestModal target={borrowing} onClose={() => setBorrowing(null)} />
    </>
  );
}
