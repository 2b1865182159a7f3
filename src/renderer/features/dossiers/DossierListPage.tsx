import { ExperimentOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Segmented, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import type { CaseSummary } from '../../../contract';
import { call } from '../../app/api';
import { navigate } from '../../app/route';
import { useCan } from '../../app/session';
import { JobProgress } from '../../components/JobProgress';
import { PageHeader } from '../../components/PageHeader';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { errorMessage, isUnauthenticated } from '../../components/apiErrors';
import { useDebounced } from '../../components/useDebounced';
import { useJob } from '../../components/useJob';
import { usePagedList } from '../../components/usePagedList';
import { DOSSIER_STATE_COLORS } from './dossierModel';

type Shelf = '已结案' | '已归档';

/** A closed case's dossier is 编制中 or 已组卷; asked only for the rows on screen. */
function DossierStateCell({ summary }: { summary: CaseSummary }) {
  const dossier = useQuery({
    queryKey: ['dossiers.get', summary.id],
    queryFn: () => call('dossiers.get', { caseId: summary.id }),
    enabled: summary.state === '已结案',
    staleTime: 30_000,
  });
  const state = summary.state === '已归档' ? '已归档' : dossier.data?.state;
  if (!state) return <Typography.Text type="secondary">{dossier.isError ? '无法读取' : '…'}</Typography.Text>;
  return <Tag color={DOSSIER_STATE_COLORS[state]}>{state}</Tag>;
}

const COLUMNS: VirtualColumn<CaseSummary>[] = [
  { key: 'caseNumber', title: '案件编号', width: 'minmax(210px, 1.3fr)', render: (c) => c.caseNumber },
  { key: 'cause', title: '案由', width: 'minmax(180px, 2fr)', render: (c) => <span title={c.cause}>{c.cause}</span> },
  { key: 'party', title: '当事人', width: 'minmax(120px, 1.2fr)', render: (c) => <span title={c.partyName}>{c.partyName}</span> },
  { key: 'closedOn', title: '结案日期', width: '100px', render: (c) => c.closedOn ?? '' },
  { key: 'records', title: '文书', width: '56px', render: (c) => c.recordCount },
  { key: 'dossier', title: '卷宗', width: '90px', render: (c) => <DossierStateCell summary={c} /> },
];

/**
 * Closed cases waiting to be bound (已结案) and archived ones, with their dossier's state; Enter or a
 * click opens the builder. 导入示例案件 gives a new user a case that can be compiled at once.
 */
export function DossierListPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canImport = useCan('cases.import');
  const [shelf, setShelf] = useState<Shelf>('已结案');
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 300);
  const { job, run, cancel, isCancelling } = useJob();

  const fetchPage = useCallback((offset: number, limit: number) => call('cases.list', { search, state: shelf, offset, limit }), [search, shelf]);
  const list = usePagedList(['cases.list', search, shelf], fetchPage);

  const importSample = useMutation({
    mutationFn: () => run('正在导入示例案件…', (jobId) => call('cases.importSample', { jobId })),
    onSuccess: (result) => {
      void message.success(`已导入示例案件 ${result.case.caseNumber}：${result.recordCount} 份文书已签章`);
      void queryClient.invalidateQueries({ queryKey: ['cases.list'] });
      navigate({ page: 'dossier', caseId: result.case.id });
    },
    onError: (error) => {
      if (!isUnauthenticated(error)) void message.error({ content: errorMessage(error), duration: 8 });
    },
  });

  return (
    <>
      <PageHeader
        title="卷宗"
        extra={
          canImport ? (
            <Button icon={<ExperimentOutlined />} loading={importSample.isPending} disabled={job !== null} onClick={() => importSample.mutate()}>
              导入示例案件
            </Button>
          ) : null
        }
      />
      {job ? (
        <div style={{ marginBottom: 12 }}>
          <JobProgress job={job} onCancel={() => void cancel()} isCancelling={isCancelling} testId="import-sample-job" />
        </div>
      ) : null}
      <Flex gap={12} align="center" style={{ marginBottom: 12 }} wrap>
        <Segmented<Shelf>
          aria-label="卷宗范围"
          value={shelf}
          onChange={setShelf}
          options={[
            { value: '已结案', label: '待归档（已结案）' },
            { value: '已归档', label: '已归档' },
          ]}
        />
        <Input.Search
          allowClear
          aria-label="搜索卷宗"
          placeholder="案件编号、当事人或案由中的任意文字"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          style={{ width: 360 }}
          loading={list.isFetching && !list.isFetchingMore}
        />
        <Typography.Text type="secondary" data-testid="dossier-total">
          共 {list.total} 件
        </Typography.Text>
      </Flex>
      <VirtualTable
        label="卷宗列表"
        columns={COLUMNS}
        rows={list.rows}
        total={list.total}
        hasMore={list.hasMore}
        isLoading={list.isLoading}
        loadMore={list.loadMore}
        rowKey={(c) => c.id}
        resetKey={`${search}\u0000${shelf}`}
        onOpen={(c) => navigate({ page: 'dossier', caseId: c.id })}
        emptyText={search ? '没有符合条件的案件' : shelf === '已结案' ? '没有待归档的案件：案件登记结案后出现在这里' : '还没有已归档的卷宗'}
      />
    </>
  );
}
