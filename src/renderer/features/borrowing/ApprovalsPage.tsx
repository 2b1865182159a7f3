import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Flex, Input, Space, Table, Tabs, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { AccessRequestDto } from '../../../contract';
import { call } from '../../app/api';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { errorMessage } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { useDebounced } from '../../components/useDebounced';
import { ACCESS_LIST_KEY } from './accessKeys';
import { ApproveModal } from './ApproveModal';
import { RenewGrantModal } from './RenewGrantModal';
import { GrantSummary, RequestStatus } from './RequestStatus';
import { canRenewGrant, canRevoke, isOwnRequest } from './borrowingModel';

type Scope = 'pending' | 'overdue' | 'all';

const SCOPES: { key: Scope; label: string; empty: string }[] = [
  { key: 'pending', label: '待审批', empty: '没有待审批的借阅申请' },
  { key: 'overdue', label: '逾期未还', empty: '没有逾期的借阅' },
  { key: 'all', label: '全部', empty: '还没有借阅申请' },
];

/**
 * 借阅审批, for the archive department (DB3206/T 1060 §4.10.2): approve (period and flags only
 * narrowed, password again), reject with a reason, revoke with a reason, renew (password again).
 * Nobody approves, rejects or renews their own request: the buttons say why, and the core refuses anyway.
 */
export function ApprovalsPage() {
  const { session } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<Scope>('pending');
  const [caseText, setCaseText] = useState('');
  const caseNumber = useDebounced(caseText.trim(), 300);
  const list = useQuery({ queryKey: [...ACCESS_LIST_KEY, scope, caseNumber], queryFn: () => call('access.list', { scope, caseNumber }), staleTime: 0 });
  const pending = useQuery({ queryKey: [...ACCESS_LIST_KEY, 'pending', ''], queryFn: () => call('access.list', { scope: 'pending', caseNumber: '' }), staleTime: 0 });
  const [approving, setApproving] = useState<AccessRequestDto | null>(null);
  const [rejecting, setRejecting] = useState<AccessRequestDto | null>(null);
  const [revoking, setRevoking] = useState<AccessRequestDto | null>(null);
  const [renewing, setRenewing] = useState<AccessRequestDto | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ACCESS_LIST_KEY });
  const username = session.user.username;

  const columns: TableColumnsType<AccessRequestDto> = [
    {
      title: '申请人',
      key: 'requestedBy',
      width: 120,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.requestedByName}</span>
          <Typography.Text type="secondary">{r.requestedBy}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '案件',
      key: 'case',
      width: 240,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.caseNumber}</Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.cause }} style={{ maxWidth: 220 }}>
            {r.cause}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '借阅目的', dataIndex: 'purpose', ellipsis: { showTitle: true } },
    {
      title: '申请时间与终端',
      key: 'requestedAt',
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(r.requestedAt)}</span>
          <Typography.Text type="secondary">{r.terminalId}</Typography.Text>
        </Space>
      ),
    },
    { title: '期限与范围', key: 'grant', width: 250, render: (_, r) => <GrantSummary request={r} /> },
    { title: '状态', key: 'status', width: 200, render: (_, r) => <RequestStatus request={r} /> },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, r) => {
        const isOwn = isOwnRequest(r, username);
        return (
          <Space size={0} wrap>
            {r.status === 'pending' ? (
              <>
                <Tooltip title={isOwn ? '不能审批本人提出的借阅申请，请由档案管理部门的其他人员审批' : null}>
                  <Button type="link" size="small" disabled={isOwn} onClick={() => setApproving(r)} aria-label={`批准 ${r.requestedByName} ${r.caseNumber}`}>
                    批准
                  </Button>
                </Tooltip>
                <Tooltip title={isOwn ? '本人的申请由档案管理部门的其他人员决定' : null}>
                  <Button type="link" size="small" danger disabled={isOwn} onClick={() => setRejecting(r)} aria-label={`不予批准 ${r.requestedByName} ${r.caseNumber}`}>
                    不予批准
                  </Button>
                </Tooltip>
              </>
            ) : null}
            {canRenewGrant(r) ? (
              <Tooltip title={isOwn ? '不能为本人的借阅续借' : null}>
                <Button type="link" size="small" disabled={isOwn} onClick={() => setRenewing(r)} aria-label={`续借 ${r.requestedByName} ${r.caseNumber}`}>
                  续借
                </Button>
              </Tooltip>
            ) : null}
            {canRevoke(r) ? (
              <Button type="link" size="small" danger onClick={() => setRevoking(r)} aria-label={`撤销 ${r.requestedByName} ${r.caseNumber}`}>
                撤销
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <div>
      <PageHeader
        title="借阅审批"
        extra={
          <Button icon={<ReloadOutlined />} onClick={refresh} loading={list.isFetching}>
            刷新
          </Button>
        }
      />
      <Tabs
        activeKey={scope}
        onChange={(key) => setScope(key as Scope)}
        items={SCOPES.map((s) => ({
          key: s.key,
          label:
            s.key === 'pending' ? (
              <Badge count={pending.data?.length ?? 0} size="small" offset={[10, 0]}>
                {s.label}
              </Badge>
            ) : (
              s.label
            ),
        }))}
      />
      <Flex gap={12} align="center" style={{ marginBottom: 12 }}>
        <Input.Search allowClear aria-label="案件编号" placeholder="按案件编号筛选" value={caseText} onChange={(e) => setCaseText(e.target.value)} style={{ width: 280 }} />
      </Flex>
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} /> : null}
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: SCOPES.find((s) => s.key === scope)!.empty }}
        data-testid="approvals-table"
      />
      <ApproveModal request={approving} onClose={() => setApproving(null)} />
      <RenewGrantModal request={renewing} onClose={() => setRenewing(null)} />
      <ReasonModal
        open={rejecting !== null}
        title="不予批准"
        intro={rejecting ? `不批准 ${rejecting.requestedByName} 借阅 ${rejecting.caseNumber}（用途：${rejecting.purpose}）。理由将告知申请人并记入审计日志。` : null}
        label="不予批准的理由"
        okText="不予批准"
        isDanger
        submit={(reason) => call('access.reject', { requestId: rejecting!.id, reason })}
        onDone={() => {
          void message.success('已不予批准');
          setRejecting(null);
          refresh();
        }}
        onClose={() => setRejecting(null)}
      />
      <ReasonModal
        open={revoking !== null}
        title="撤销借阅授权"
        intro={revoking ? `撤销 ${revoking.requestedByName} 对 ${revoking.caseNumber} 的借阅授权。撤销立即生效：正在查阅的下一页即被拒绝。` : null}
        label="撤销理由"
        okText="撤销授权"
        isDanger
        submit={(reason) => call('access.revoke', { requestId: revoking!.id, reason })}
        onDone={() => {
          void message.success('借阅授权已撤销');
          setRevoking(null);
          refresh();
        }}
        onClose={() => setRevoking(null)}
      />
    </div>
  );
}
