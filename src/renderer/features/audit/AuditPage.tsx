import { DatePicker, Flex, Input, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import type { AuditEntryDto } from '../../../contract';
import { call } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { formatDateTime } from '../../components/format';
import { useDebounced } from '../../components/useDebounced';
import { usePagedList } from '../../components/usePagedList';
import { CHANNEL_LABELS, OUTCOME_COLORS, OUTCOME_LABELS, actionLabel, actionOptions } from '../../i18n/zh-CN';
import { VerifyPanel } from './VerifyPanel';

const COLUMNS: VirtualColumn<AuditEntryDto>[] = [
  { key: 'seq', title: '序号', width: '64px', render: (e) => e.seq },
  { key: 'at', title: '时间', width: '160px', render: (e) => formatDateTime(e.at) },
  { key: 'actor', title: '操作人', width: 'minmax(90px, 1fr)', render: (e) => e.actor },
  { key: 'action', title: '操作', width: 'minmax(120px, 1.2fr)', render: (e) => <span title={e.action}>{actionLabel(e.action)}</span> },
  { key: 'target', title: '对象', width: 'minmax(120px, 1.5fr)', render: (e) => <span title={e.target}>{e.target}</span> },
  {
    key: 'terminal',
    title: '终端',
    width: 'minmax(100px, 1fr)',
    render: (e) => (
      <span title={`${e.terminalId}（${CHANNEL_LABELS[e.channel] ?? e.channel}）`}>
        {e.terminalId}
        {e.channel ? ` · ${CHANNEL_LABELS[e.channel] ?? e.channel}` : ''}
      </span>
    ),
  },
  { key: 'outcome', title: '结果', width: '64px', render: (e) => <Tag color={OUTCOME_COLORS[e.outcome]}>{OUTCOME_LABELS[e.outcome]}</Tag> },
  { key: 'detail', title: '详情', width: 'minmax(160px, 2fr)', render: (e) => <span title={e.detail}>{e.detail}</span> },
];

export function AuditPage() {
  const [actorText, setActorText] = useState('');
  const [targetText, setTargetText] = useState('');
  const [action, setAction] = useState<string | undefined>(undefined);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const actor = useDebounced(actorText.trim());
  const target = useDebounced(targetText.trim());
  const from = range?.[0]?.startOf('day').toISOString();
  const to = range?.[1]?.endOf('day').toISOString();
  const options = useMemo(() => actionOptions(), []);

  const fetchPage = useCallback(
    (offset: number, limit: number) => call('audit.list', { actor, action: action ?? '', target, from, to, offset, limit }),
    [actor, action, target, from, to],
  );
  const list = usePagedList(['audit.list', actor, action ?? '', target, from ?? '', to ?? ''], fetchPage);

  return (
    <>
      <PageHeader title="审计日志" />
      <VerifyPanel />
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Input allowClear aria-label="操作人" placeholder="操作人" value={actorText} onChange={(e) => setActorText(e.target.value)} style={{ width: 160 }} />
        <Select
          allowClear
          aria-label="操作"
          placeholder="操作"
          value={action}
          onChange={setAction}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 240 }}
        />
        <Input allowClear aria-label="对象" placeholder="对象" value={targetText} onChange={(e) => setTargetText(e.target.value)} style={{ width: 200 }} />
        <DatePicker.RangePicker value={range} onChange={(value) => setRange(value)} placeholder={['开始日期', '结束日期']} />
        <Typography.Text type="secondary" data-testid="audit-total">
          共 {list.total} 条
        </Typography.Text>
      </Flex>
      <VirtualTable
        label="审计日志"
        columns={COLUMNS}
        rows={list.rows}
        total={list.total}
        hasMore={list.hasMore}
        isLoading={list.isLoading}
        loadMore={list.loadMore}
        rowKey={(e) => String(e.seq)}
        resetKey={[actor, action, target, from, to].join('\u0000')}
        emptyText="没有符合条件的审计记录"
      />
    </>
  );
}
