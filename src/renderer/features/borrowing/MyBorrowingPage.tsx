import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { AccessRequestDto } from '../../../contract';
import { call } from '../../app/api';
import { navigate } from '../../app/route';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../components/useApiError';
import { ACCESS_LIST_KEY } from './accessKeys';
import { BorrowRequestModal, type BorrowTarget } from './BorrowRequestModal';
import { PledgeModal } from './PledgeModal';
import { GrantSummary, RequestStatus } from './RequestStatus';
import { canAskRenewal, canRead, canWithdraw, needsPledge } from './borrowingModel';

/**
 * 我的借阅: the caller's own requests (access.list mine) with what can be done next: 撤回 while
 * pending, 申请续借 for a grant running or run out, 阅读 while a grant is in force (the pledge first).
 */
export function MyBorrowingPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const list = useQuery({ queryKey: [...ACCESS_LIST_KEY, 'mine'], queryFn: () => call('access.list', { scope: 'mine' }), staleTime: 0 });
  const [renewing, setRenewing] = useState<BorrowTarget | null>(null);
  const [pledging, setPledging] = useState<AccessRequestDto | null>(null);

  const withdraw = useMutation({
    mutationFn: (request: AccessRequestDto) => call('access.withdraw', { requestId: request.id }),
    onSuccess: () => {
      void message.success('借阅申请已撤回');
      void queryClient.invalidateQueries({ queryKey: ACCESS_LIST_KEY });
    },
    onError: (error) => showError(error),
  });

  const confirmWithdraw = (request: AccessRequestDto) =>
    modal.confirm({
      title: '撤回借阅申请',
      content: `撤回对 ${request.caseNumber} 的借阅申请？撤回后如需查阅须重新申请。`,
      okText: '撤回',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: () => withdraw.mutateAsync(request).catch(() => undefined),
    });

  const read = (request: AccessRequestDto) => {
    if (needsPledge(request)) setPledging(request);
    else navigate({ page: 'reading', caseId: request.caseId });
  };

  const columns: TableColumnsType<AccessRequestDto> = [
    {
      title: '案件',
      key: 'case',
      width: 260,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.caseNumber}</Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.cause }} style={{ maxWidth: 240 }}>
            {r.cause}
          </Typography.Text>
          {r.archivalCode ? <Typography.Text type="secondary">档号 {r.archivalCode}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: '借阅目的', dataIndex: 'purpose', ellipsis: { showTitle: true } },
    { title: '申请时间', key: 'requestedAt', width: 160, render: (_, r) => formatDateTime(r.requestedAt) },
    { title: '期限与范围', key: 'grant', width: 260, render: (_, r) => <GrantSummary request={r} /> },
    { title: '状态', key: 'status', width: 220, render: (_, r) => <RequestStatus request={r} /> },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, r) => (
        <Space size={0} wrap>
          {canRead(r) ? (
            <Button type="link" size="small" onClick={() => read(r)} aria-label={`阅读 ${r.caseNumber}`}>
              阅读
            </Button>
          ) : null}
          {canAskRenewal(r) ? (
            <Button type="link" size="small" onClick={() => setRenewing({ caseId: r.caseId, caseNumber: r.caseNumber, cause: r.cause, renews: r })}>
              申请续借
            </Button>
          ) : null}
          {canWithdraw(r) ? (
            <Button type="link" size="small" danger onClick={() => confirmWithdraw(r)} aria-label={`撤回 ${r.caseNumber}`}>
              撤回
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="我的借阅"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        已归档卷宗须在指定查阅终端上申请，经档案管理部门批准后在批准期限内查阅（DB3206/T 1060 第 4.10.2 条）。要借阅新的卷宗，请在“案件”中找到已归档的案件，点“申请借阅”。
      </Typography.Paragraph>
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} /> : null}
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有借阅申请' }}
        data-testid="my-borrowing-table"
      />
      <BorrowRequestModal target={renewing} onClose={() => setRenewing(null)} />
      <PledgeModal
        request={pledging}
        onClose={() => setPledging(null)}
        onAccepted={(accepted) => {
          setPledging(null);
          navigate({ page: 'reading', caseId: accepted.caseId });
        }}
      />
    </div>
  );
}
