import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { groupFingerprint, type TerminalDto } from '../../../contract';
import { call } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { errorMessage } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { CURRENT_TERMINAL_KEY, TERMINALS_KEY, TERMINAL_KIND_LABELS, designationLabel } from './terminalLabels';

/**
 * 查阅终端: the register of terminals that showed their key, for the security administrator, who
 * designates the ones where archived dossiers may be read (DB3206/T 1060 §4.10.2) or revokes them.
 * Each change asks for a note and is kept in the audit log.
 */
export function TerminalsPage() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const terminals = useQuery({ queryKey: TERMINALS_KEY, queryFn: () => call('terminals.list') });
  const [changing, setChanging] = useState<TerminalDto | null>(null);

  const columns: TableColumnsType<TerminalDto> = [
    { title: '终端编号', dataIndex: 'id', width: 150, render: (id: string) => <Typography.Text copyable>{id}</Typography.Text> },
    {
      title: '公钥指纹',
      key: 'fingerprint',
      width: 240,
      render: (_, t) => (
        <Tooltip title={t.fingerprint}>
          <span style={{ fontFamily: 'monospace' }}>{groupFingerprint(t.fingerprint)}</span>
        </Tooltip>
      ),
    },
    { title: '类型', key: 'kind', width: 100, render: (_, t) => TERMINAL_KIND_LABELS[t.kind] },
    { title: '名称', dataIndex: 'label', ellipsis: { showTitle: true } },
    { title: '最近出现', key: 'lastSeen', width: 160, render: (_, t) => formatDateTime(t.lastSeenAt) },
    {
      title: '状态',
      key: 'state',
      width: 220,
      render: (_, t) => (
        <>
          <Tag color={t.isDesignated ? 'green' : 'default'}>{designationLabel(t.isDesignated)}</Tag>
          {t.designationNote && <Typography.Text type="secondary">{t.designationNote}</Typography.Text>}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, t) => (
        <Button size="small" danger={t.isDesignated} onClick={() => setChanging(t)} aria-label={`${t.isDesignated ? '撤销指定' : '指定'} ${t.id}`}>
          {t.isDesignated ? '撤销指定' : '指定'}
        </Button>
      ),
    },
  ];

  const isDesignating = changing ? !changing.isDesignated : true;
  return (
    <div>
      <PageHeader title="查阅终端" />
      <Typography.Paragraph type="secondary">
        已归档卷宗只能在指定的查阅终端上查阅（DB3206/T 1060 第 4.10.2 条）。终端在本程序或网页打开时登记；指定前请到该终端上点“本终端”，核对指纹一致。
      </Typography.Paragraph>
      {terminals.isError && <Alert type="error" showIcon message={errorMessage(terminals.error)} style={{ marginBottom: 12 }} />}
      <Table rowKey="id" size="middle" columns={columns} dataSource={terminals.data ?? []} loading={terminals.isPending} pagination={false} data-testid="terminal-table" />
      <ReasonModal
        open={changing !== null}
        title={isDesignating ? '指定为查阅终端' : '撤销查阅终端指定'}
        intro={
          changing && (
            <>
              {isDesignating ? '确认将终端 ' : '确认撤销终端 '}
              <Typography.Text strong>{changing.id}</Typography.Text>（指纹 <span style={{ fontFamily: 'monospace' }}>{groupFingerprint(changing.fingerprint)}</span>）
              {isDesignating ? ' 指定为查阅终端？指定后可在该终端上查阅已归档卷宗。' : ' 的查阅终端指定？'}此操作记入审计日志。
            </>
          )
        }
        label="说明（地点、用途或原因）"
        okText={isDesignating ? '指定' : '撤销指定'}
        isDanger={!isDesignating}
        submit={(note) => call('terminals.designate', { terminalId: changing!.id, designated: isDesignating, note })}
        onDone={() => {
          void message.success(isDesignating ? '已指定为查阅终端' : '已撤销查阅终端指定');
          setChanging(null);
          void queryClient.invalidateQueries({ queryKey: TERMINALS_KEY });
          void queryClient.invalidateQueries({ queryKey: CURRENT_TERMINAL_KEY });
        }}
        onClose={() => setChanging(null)}
      />
    </div>
  );
}
