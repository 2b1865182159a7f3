import { FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Empty, Flex, Space, Table, Tabs, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { MEDIUM_KIND_LABELS, WIPE_DESTINATION_LABELS, type FileRef, type MediaRequestDto, type MediumDto } from '../../../contract';
import { call } from '../../app/api';
import { useCan, useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { errorMessage } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../components/useApiError';
import { ApproveMediaModal } from './ApproveMediaModal';
import { CheckoutModal } from './CheckoutModal';
import { HandoverModal, ReturnModal } from './CustodyModals';
import { PdfFileModal } from './PdfFileModal';
import { RequestChain, RequestStatusTag } from './RequestChain';
import { MEDIA_KEY, MEDIA_REQUESTS_KEY, REQUEST_KIND_LABELS, awaitsHandover, canWithdraw, defaultRequestTab, isOwnRequest, requestTabs, type RequestTab } from './mediaModel';

/**
 * 领用与审批 (DB3206/T 1060 §6.1.3 c): my requests; the steps waiting for me, each chain shown step by
 * step, approved with the password asked again or not approved with a reason; for the custodians, the
 * filed checkouts to hand over and the media out to take back. Tabs appear for the roles that use them.
 */
export function MediaRequestsPage() {
  const { session } = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const canRequest = useCan('media.request');
  const canApprove = useCan('media.approve');
  const canManage = useCan('media.manage');
  const canWipe = useCan('media.wipe');
  const roles = { canRequest, canApprove, canManage, canWipe };
  const tabs = requestTabs(roles);
  const [chosen, setChosen] = useState<RequestTab | null>(null);
  const tab: RequestTab | null = chosen && tabs.some((t) => t.key === chosen) ? chosen : defaultRequestTab(roles);
  const scope = tab === 'mine' ? 'mine' : tab === 'actionable' ? 'actionable' : 'all';
  const list = useQuery({
    queryKey: [...MEDIA_REQUESTS_KEY, scope],
    queryFn: () => call('media.requests', { scope, tag: '' }),
    enabled: tab !== null,
    staleTime: 0,
  });
  const actionable = useQuery({
    queryKey: [...MEDIA_REQUESTS_KEY, 'actionable'],
    queryFn: () => call('media.requests', { scope: 'actionable', tag: '' }),
    enabled: canApprove,
    staleTime: 0,
  });
  const checkedOut = useQuery({
    queryKey: [...MEDIA_KEY, 'list', 'checked-out'],
    queryFn: () => call('media.list', { status: 'checked-out', department: '', holder: '', query: '' }),
    enabled: tab === 'custody',
    staleTime: 0,
  });
  const [approving, setApproving] = useState<MediaRequestDto | null>(null);
  const [rejecting, setRejecting] = useState<MediaRequestDto | null>(null);
  const [handingOver, setHandingOver] = useState<MediaRequestDto | null>(null);
  const [returning, setReturning] = useState<MediumDto | null>(null);
  const [isAsking, setAsking] = useState(false);
  const [viewing, setViewing] = useState<{ file: FileRef; title: string } | null>(null);
  const username = session.user.username;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });

  const withdraw = useMutation({
    mutationFn: (request: MediaRequestDto) => call('media.withdraw', { requestId: request.id }),
    onSuccess: () => {
      void message.success('申请已撤回');
      refresh();
    },
    onError: (error) => showError(error),
  });
  const confirmWithdraw = (request: MediaRequestDto) =>
    modal.confirm({
      title: '撤回申请',
      content: `撤回 ${request.tag} 的${REQUEST_KIND_LABELS[request.kind]}申请？`,
      okText: '撤回',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: () => withdraw.mutateAsync(request).catch(() => undefined),
    });

  const columns: TableColumnsType<MediaRequestDto> = [
    {
      title: '申请',
      key: 'what',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>
            {REQUEST_KIND_LABELS[r.kind]} {r.tag}
          </Typography.Text>
          <Typography.Text type="secondary">
            {MEDIUM_KIND_LABELS[r.mediumKind]} {r.classification}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '申请人',
      key: 'by',
      width: 150,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.requestedByName}</span>
          <Typography.Text type="secondary">{r.requestedByDepartment}</Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(r.requestedAt)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '用途或原因',
      key: 'purpose',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.purpose}</span>
          <Typography.Text type="secondary">{r.days !== null ? `${r.days} 天` : r.destination ? WIPE_DESTINATION_LABELS[r.destination] : ''}</Typography.Text>
        </Space>
      ),
    },
    { title: '审批流程', key: 'chain', width: 260, render: (_, r) => <RequestChain request={r} /> },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, r) => (
        <Flex vertical gap={4} align="start">
          <RequestStatusTag request={r} />
          {r.filedRecord ? (
            <Button type="link" size="small" style={{ paddingInline: 0 }} icon={<FilePdfOutlined />} onClick={() => setViewing({ file: r.filedRecord!, title: `存储介质领用备案表 ${r.tag}` })} aria-label={`备案表 ${r.tag}`}>
              备案表
            </Button>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, r) => {
        const isOwn = isOwnRequest(r, username);
        return (
          <Space size={0} wrap>
            {r.canAct ? (
              <>
                <Button type="link" size="small" onClick={() => setApproving(r)} aria-label={`批准 ${r.tag}`}>
                  批准
                </Button>
                <Button type="link" size="small" danger onClick={() => setRejecting(r)} aria-label={`不予批准 ${r.tag}`}>
                  不予批准
                </Button>
              </>
            ) : r.status === 'pending' && canApprove && isOwn ? (
              <Tooltip title="本人的申请由他人审批">
                <Typography.Text type="secondary">待他人审批</Typography.Text>
              </Tooltip>
            ) : null}
            {canManage && awaitsHandover(r) ? (
              <Button type="link" size="small" onClick={() => setHandingOver(r)} aria-label={`交付 ${r.tag}`}>
                交付
              </Button>
            ) : null}
            {canWithdraw(r, username) ? (
              <Button type="link" size="small" danger onClick={() => confirmWithdraw(r)} aria-label={`撤回 ${r.tag}`}>
                撤回
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  const rows = tab === 'custody' ? (list.data ?? []).filter(awaitsHandover) : (list.data ?? []);
  const returnColumns: TableColumnsType<MediumDto> = [
    { title: '资产编号', dataIndex: 'tag', width: 170 },
    { title: '类型', key: 'kind', width: 160, render: (_, m) => `${MEDIUM_KIND_LABELS[m.kind]} ${m.classification}` },
    { title: '领用人', key: 'holder', render: (_, m) => m.holderName ?? m.holder },
    { title: '应还日期', key: 'due', width: 200, render: (_, m) => (m.isOverdue ? <Typography.Text type="danger">{formatDateTime(m.dueAt)}（逾期）</Typography.Text> : formatDateTime(m.dueAt)) },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, m) => (
        <Button type="link" size="small" onClick={() => setReturning(m)} aria-label={`归还 ${m.tag}`}>
          归还
        </Button>
      ),
    },
  ];

  if (tab === null) {
    return (
      <div>
        <PageHeader title="领用与审批" />
        <Empty description="您的角色不申领、审批或保管存储介质。各介质的申请及其审批经过见“存储介质台账”中该介质的详情。" />
      </div>
    );
  }

  return (
    <div>
      <PageHeader
        title="领用与审批"
        extra={
          <>
            {canRequest ? <Button onClick={() => setAsking(true)}>申领介质</Button> : null}
            <Button icon={<ReloadOutlined />} onClick={refresh} loading={list.isFetching}>
              刷新
            </Button>
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setChosen(key as RequestTab)}
        items={tabs.map((t) => ({
          key: t.key,
          label:
            t.key === 'actionable' ? (
              <Badge count={actionable.data?.length ?? 0} size="small" offset={[10, 0]}>
                {t.label}
              </Badge>
            ) : (
              t.label
            ),
        }))}
      />
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} /> : null}
      {tab === 'custody' ? <Typography.Title level={5}>待交付（已备案）</Typography.Title> : null}
      <Table<MediaRequestDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: tab === 'actionable' ? '没有等待您审批的申请' : tab === 'custody' ? '没有待交付的领用' : '没有申请' }}
        data-testid="media-requests-table"
      />
      {tab === 'custody' ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            已领用（待归还）
          </Typography.Title>
          <Table<MediumDto>
            rowKey="tag"
            size="middle"
            columns={returnColumns}
            dataSource={checkedOut.data ?? []}
            loading={checkedOut.isPending}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '没有领用在外的介质' }}
            data-testid="media-checked-out-table"
          />
        </>
      ) : null}
      <CheckoutModal open={isAsking} tag={null} onClose={() => setAsking(false)} />
      <ApproveMediaModal request={approving} onClose={() => setApproving(null)} />
      <HandoverModal request={handingOver} onClose={() => setHandingOver(null)} />
      <ReturnModal medium={returning} onClose={() => setReturning(null)} />
      <PdfFileModal file={viewing?.file ?? null} title={viewing?.title ?? ''} onClose={() => setViewing(null)} />
      <ReasonModal
        open={rejecting !== null}
        title="不予批准"
        intro={rejecting ? `不批准 ${rejecting.requestedByName} 对 ${rejecting.tag} 的${REQUEST_KIND_LABELS[rejecting.kind]}申请。理由将告知申请人并记入审计日志。` : null}
        label="不予批准的理由"
        okText="不予批准"
        isDanger
        submit={(reason) => call('media.reject', { requestId: rejecting!.id, reason })}
        onDone={() => {
          void message.success('已不予批准');
          setRejecting(null);
          refresh();
        }}
        onClose={() => setRejecting(null)}
      />
    </div>
  );
}
