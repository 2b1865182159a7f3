import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { DisposalDto, FileRef } from '../../../contract';
import { call } from '../../app/api';
import { useCan, useSession } from '../../app/session';
import { ReasonModal } from '../../components/ReasonModal';
import { errorMessage } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { FileDownloadLink, PdfFileModal } from '../media/PdfFileModal';
import { ApproveDisposalModal } from './ApproveDisposalModal';
import { DISPOSAL_STATUS_COLORS, DISPOSAL_STATUS_LABELS, ERECORDS_KEY } from './erecordsModel';

/** 销毁申请: each request with its records, the decision, and once carried out the signed certificate. */
export function DisposalsTable() {
  const { session } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canApprove = useCan('erecords.approve');
  const list = useQuery({ queryKey: [...ERECORDS_KEY, 'disposals'], queryFn: () => call('erecords.disposals'), staleTime: 0 });
  const [approving, setApproving] = useState<DisposalDto | null>(null);
  const [rejecting, setRejecting] = useState<DisposalDto | null>(null);
  const [viewing, setViewing] = useState<{ file: FileRef; title: string } | null>(null);

  const columns: TableColumnsType<DisposalDto> = [
    {
      title: '申请',
      key: 'by',
      width: 180,
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <span>{d.requestedByName}</span>
          <Typography.Text type="secondary">{formatDateTime(d.requestedAt)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '电子记录',
      key: 'records',
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>理由：{d.reason}</Typography.Text>
          {d.records.map((r) => (
            <Typography.Text key={r.id} type="secondary">
              {r.name}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_, d) => (
        <Flex vertical gap={2} align="start">
          <Tag color={DISPOSAL_STATUS_COLORS[d.status]}>{DISPOSAL_STATUS_LABELS[d.status]}</Tag>
          {d.decidedBy ? (
            <Typography.Text type="secondary">
              {d.decidedBy} {formatDateTime(d.decidedAt)}
            </Typography.Text>
          ) : null}
          {d.decisionNote ? <Typography.Text type={d.status === 'rejected' ? 'danger' : 'secondary'}>{d.decisionNote}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_, d) => {
        const isOwn = d.requestedBy === session.user.username;
        return (
          <Space size={0} wrap>
            {d.status === 'pending' && canApprove ? (
              <>
                <Tooltip title={isOwn ? '本人的申请由他人审批' : null}>
                  <Button type="link" size="small" disabled={isOwn} onClick={() => setApproving(d)}>
                    批准
                  </Button>
                </Tooltip>
                <Tooltip title={isOwn ? '本人的申请由他人审批' : null}>
                  <Button type="link" size="small" danger disabled={isOwn} onClick={() => setRejecting(d)}>
                    不予批准
                  </Button>
                </Tooltip>
              </>
            ) : null}
            {d.certificate ? (
              <>
                <Button type="link" size="small" icon={<FilePdfOutlined />} onClick={() => setViewing({ file: d.certificate!.pdf, title: `电子记录销毁证书 ${d.certificate!.number}` })}>
                  销毁证书
                </Button>
                <FileDownloadLink file={d.certificate.json} label="JSON" />
              </>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<DisposalDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '没有销毁申请' }}
        data-testid="disposals-table"
      />
      <ApproveDisposalModal disposal={approving} onClose={() => setApproving(null)} />
      <PdfFileModal file={viewing?.file ?? null} title={viewing?.title ?? ''} onClose={() => setViewing(null)} />
      <ReasonModal
        open={rejecting !== null}
        title="不予批准销毁"
        intro={rejecting ? `不批准 ${rejecting.requestedByName} 销毁 ${rejecting.records.length} 条电子记录的申请，记录继续保存。` : null}
        label="不予批准的理由"
        okText="不予批准"
        isDanger
        submit={(reason) => call('erecords.rejectDisposal', { disposalId: rejecting!.id, reason })}
        onDone={() => {
          void message.success('已不予批准');
          setRejecting(null);
          void queryClient.invalidateQueries({ queryKey: ERECORDS_KEY });
        }}
        onClose={() => setRejecting(null)}
      />
    </>
  );
}
