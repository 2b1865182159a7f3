import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Input, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { ElectronicRecordDto } from '../../../contract';
import { call } from '../../app/api';
import { useCan } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { errorMessage } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { useDebounced } from '../../components/useDebounced';
import { DisposalsTable } from './DisposalsTable';
import { ErecordDetailDrawer } from './ErecordDetailDrawer';
import { ErecordRegisterModal } from './ErecordRegisterModal';
import { ERECORDS_KEY, VIEWS, isDisposable, type ErecordView } from './erecordsModel';

type Tab = ErecordView | 'disposals';

/**
 * 电子记录 (DB3206/T 1060 §6.1.2 Table 2, §4.7.3): every record with its name, upload time against
 * Table 2's deadline and its retention; views for late uploads, records due for disposal (from which
 * disposal is asked) and those destroyed; and the disposal requests with their approval and certificate.
 */
export function ErecordsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canWrite = useCan('erecords.write');
  const canDispose = useCan('erecords.dispose');
  const [tab, setTab] = useState<Tab>('all');
  const [queryText, setQueryText] = useState('');
  const query = useDebounced(queryText.trim(), 300);
  const view: ErecordView = tab === 'disposals' ? 'all' : tab;
  const list = useQuery({ queryKey: [...ERECORDS_KEY, 'list', view, query], queryFn: () => call('erecords.list', { view, query }), enabled: tab !== 'disposals', staleTime: 0 });
  const [isRegistering, setRegistering] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [isRequesting, setRequesting] = useState(false);
  const [detail, setDetail] = useState<ElectronicRecordDto | null>(null);

  const columns: TableColumnsType<ElectronicRecordDto> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Button type="link" size="small" style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setDetail(r)}>
          {name}
        </Button>
      ),
    },
    {
      title: '种类（表 2）',
      key: 'class',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.kindLabel}</span>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.featureLabel }} style={{ maxWidth: 190 }}>
            {r.featureLabel}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '结束与上传',
      key: 'times',
      width: 210,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>结束 {formatDateTime(r.endedAt)}</span>
          <span>
            上传 {formatDateTime(r.uploadedAt)}
            {r.isLate ? (
              <Tag color="red" style={{ marginInlineStart: 4 }}>
                逾期
              </Tag>
            ) : null}
          </span>
        </Space>
      ),
    },
    {
      title: '保存',
      key: 'retention',
      width: 150,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.retentionLabel}</span>
          {r.disposalDueOn ? <Typography.Text type={r.isDue ? 'warning' : 'secondary'}>{r.disposalDueOn} 期满</Typography.Text> : null}
          {r.status === 'disposed' ? <Tag>已销毁</Tag> : r.status === 'disposal-requested' ? <Tag color="gold">已申请销毁</Tag> : null}
        </Space>
      ),
    },
  ];

  const isDueTab = tab === 'due' && canDispose;
  return (
    <div>
      <PageHeader
        title="电子记录"
        extra={
          <>
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                登记电子记录
              </Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={() => void queryClient.invalidateQueries({ queryKey: ERECORDS_KEY })} loading={list.isFetching}>
              刷新
            </Button>
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as Tab);
          setSelected([]);
        }}
        items={[...VIEWS.map((v) => ({ key: v.key, label: v.label })), { key: 'disposals', label: '销毁申请' }]}
      />
      {tab === 'disposals' ? (
        <DisposalsTable />
      ) : (
        <>
          <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
            <Input.Search allowClear aria-label="搜索电子记录" placeholder="名称、当事人或案件编号" style={{ width: 300 }} value={queryText} onChange={(e) => setQueryText(e.target.value)} />
            {isDueTab ? (
              <Button danger disabled={selected.length === 0} onClick={() => setRequesting(true)}>
                申请销毁{selected.length > 0 ? `（${selected.length}）` : ''}
              </Button>
            ) : null}
          </Flex>
          {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} /> : null}
          <Table<ElectronicRecordDto>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.isPending}
            rowSelection={isDueTab ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: !isDisposable(r) }) } : undefined}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: VIEWS.find((v) => v.key === view)!.empty }}
            data-testid="erecords-table"
          />
        </>
      )}
      <ErecordRegisterModal open={isRegistering} onClose={() => setRegistering(false)} />
      <ErecordDetailDrawer record={detail} onClose={() => setDetail(null)} />
      <ReasonModal
        open={isRequesting}
        title="申请销毁电子记录"
        intro={`申请销毁 ${selected.length} 条保存期满的电子记录，经审批后删除其文件并出具销毁证书。`}
        label="处置理由"
        okText="提交申请"
        isDanger
        submit={(reason) => call('erecords.requestDisposal', { recordIds: selected, reason })}
        onDone={() => {
          void message.success('销毁申请已提交，等待审批');
          setRequesting(false);
          setSelected([]);
          void queryClient.invalidateQueries({ queryKey: ERECORDS_KEY });
        }}
        onClose={() => setRequesting(false)}
      />
    </div>
  );
}
