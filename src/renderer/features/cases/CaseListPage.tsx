import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { CASE_STATES, type CaseState, type CaseSummary } from '../../../contract';
import { call } from '../../app/api';
import { navigate } from '../../app/route';
import { useCan } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { useDebounced } from '../../components/useDebounced';
import { usePagedList } from '../../components/usePagedList';
import { STATE_COLORS } from '../../i18n/zh-CN';
import { BorrowRequestModal, type BorrowTarget } from '../borrowing/BorrowRequestModal';
import { CaseFormModal } from './CaseFormModal';
import { ImportFolderModal } from './ImportFolderModal';

const COLUMNS: VirtualColumn<CaseSummary>[] = [
  { key: 'caseNumber', title: '案件编号', width: 'minmax(210px, 1.3fr)', render: (c) => c.caseNumber },
  { key: 'cause', title: '案由', width: 'minmax(180px, 2fr)', render: (c) => <span title={c.cause}>{c.cause}</span> },
  { key: 'party', title: '当事人', width: 'minmax(120px, 1.2fr)', render: (c) => <span title={c.partyName}>{c.partyName}</span> },
  { key: 'procedure', title: '程序', width: '90px', render: (c) => c.procedure },
  { key: 'state', title: '状态', width: '80px', render: (c) => <Tag color={STATE_COLORS[c.state]}>{c.state}</Tag> },
  { key: 'department', title: '承办部门', width: 'minmax(100px, 1fr)', render: (c) => c.department },
  { key: 'openedOn', title: '立案日期', width: '100px', render: (c) => c.openedOn ?? '' },
  { key: 'closedOn', title: '结案日期', width: '100px', render: (c) => c.closedOn ?? '' },
  { key: 'records', title: '文书', width: '56px', render: (c) => c.recordCount },
];

/** 申请借阅 on an archived case's row (DB3206/T 1060 §4.10.2), without opening the row. */
function borrowColumn(onBorrow: (c: CaseSummary) => void): VirtualColumn<CaseSummary> {
  return {
    key: 'borrow',
    title: '借阅',
    width: '92px',
    render: (c) =>
      c.state === '已归档' ? (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          aria-label={`申请借阅 ${c.caseNumber}`}
          onClick={(event) => {
            event.stopPropagation();
            onBorrow(c);
          }}
          onKeyDown={(event) => event.stopPropagation()}
        >
          申请借阅
        </Button>
      ) : null,
  };
}

export function CaseListPage() {
  const [searchText, setSearchText] = useState('');
  const [state, setState] = useState<CaseState | undefined>(undefined);
  const search = useDebounced(searchText.trim(), 300);
  const [isCreating, setCreating] = useState(false);
  const [isImporting, setImporting] = useState(false);
  const canCreate = useCan('cases.write');
  const canImport = useCan('cases.import');
  const canBorrow = useCan('access.request');
  const [borrowing, setBorrowing] = useState<BorrowTarget | null>(null);
  const columns = useMemo(
    () => (canBorrow ? [...COLUMNS, borrowColumn((c) => setBorrowing({ caseId: c.id, caseNumber: c.caseNumber, cause: c.cause }))] : COLUMNS),
    [canBorrow],
  );

  const fetchPage = useCallback(
    (offset: number, limit: number) => call('cases.list', { search, state, offset, limit }),
    [search, state],
  );
  const list = usePagedList(['cases.list', search, state ?? ''], fetchPage);

  return (
    <>
      <PageHeader
        title="案件"
        extra={
          <>
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建案件
              </Button>
            ) : null}
            {canImport ? (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                导入案件文件夹
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={12} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          autoFocus
          aria-label="搜索案件"
          placeholder="案件编号、当事人或案由中的任意文字"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          style={{ width: 360 }}
          loading={list.isFetching && !list.isFetchingMore}
        />
        <Select
          aria-label="状态"
          allowClear
          placeholder="全部状态"
          value={state}
          onChange={(value) => setState(value)}
          options={CASE_STATES.map((s) => ({ value: s, label: s }))}
          style={{ width: 140 }}
        />
        <Typography.Text type="secondary" data-testid="case-total">
          共 {list.total} 件
        </Typography.Text>
      </Flex>
      <VirtualTable
        label="案件列表"
        columns={columns}
        rows={list.rows}
        total={list.total}
        hasMore={list.hasMore}
        isLoading={list.isLoading}
        loadMore={list.loadMore}
        rowKey={(c) => c.id}
        resetKey={`${search}\u0000${state ?? ''}`}
        onOpen={(c) => navigate({ page: 'case', caseId: c.id })}
        emptyText={search || state ? '没有符合条件的案件' : '还没有案件，请新建或导入'}
      />
      <CaseFormModal
        open={isCreating}
        onClose={() => setCreating(false)}
        onSaved={(saved) => {
          setCreating(false);
          navigate({ page: 'case', caseId: saved.id });
        }}
      />
      <BorrowRequestModal target={borrowing} onClose={() => setBorrowing(null)} />
      <ImportFolderModal
        open={isImporting}
        onClose={() => setImporting(false)}
        onImported={(result) => {
          setImporting(false);
          navigate({ page: 'case', caseId: result.case.id });
        }}
      />
    </>
  );
}
