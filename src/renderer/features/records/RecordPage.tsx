import { ArrowLeftOutlined, FilePdfOutlined, FontSizeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { CorrectionDto, RecordPageDto } from '../../../contract';
import { call } from '../../app/api';
import { navigate } from '../../app/route';
import { useCan } from '../../app/session';
import { stageGroups } from '../../components/dropFiles';
import type { DropGroup } from '../../components/dropModel';
import { FileDropZone } from '../../components/FileDropZone';
import { JobProgress } from '../../components/JobProgress';
import { PageFailure } from '../../components/PageFailure';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { errorMessage, isUnauthenticated } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { useJob } from '../../components/useJob';
import { STATE_COLORS } from '../../i18n/zh-CN';
import { PageGrid } from './PageGrid';
import { describeRegion, lockReasonOf, type Rotation } from './pageModel';
import { StrikeModal } from './StrikeModal';
import { VersionsCard } from './VersionsCard';

/** Scans the core reads; anything else it refuses with a reason, so the picker only suggests these. */
const SCAN_ACCEPT = 'image/jpeg,image/png,image/tiff,.jpg,.jpeg,.png,.tif,.tiff';

const CORRECTION_COLUMNS: TableColumnsType<CorrectionDto> = [
  { title: '页', dataIndex: 'page', width: 70, render: (n: number) => `第 ${n} 页` },
  { title: '区域', key: 'region', width: 260, render: (_, c) => describeRegion(c.region) },
  { title: '更正原因', dataIndex: 'reason' },
  { title: '划改人', dataIndex: 'createdBy', width: 110 },
  { title: '时间', dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
];

/**
 * One record (文书): its scans as pages (add by drag and drop, turn, reorder, recognize, strike
 * through), then signing into a read-only PDF version, the versions in a viewer with their signature.
 */
export function RecordPage({ caseId, recordId }: { caseId: string; recordId: string }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const canWrite = useCan('records.write');
  const detail = useQuery({ queryKey: ['cases.get', caseId], queryFn: () => call('cases.get', { caseId }) });
  const pages = useQuery({ queryKey: ['records.pages', recordId], queryFn: () => call('records.pages', { recordId }) });
  const { job, run, cancel, isCancelling } = useJob();
  const [striking, setStriking] = useState<RecordPageDto | null>(null);
  const [isAskingReason, setAskingReason] = useState(false);
  const [chosenVersion, setChosenVersion] = useState<number | null>(null);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['records.pages', recordId] }),
      queryClient.invalidateQueries({ queryKey: ['cases.get', caseId] }),
    ]);
  };
  const showFailure = (error: unknown) => {
    if (isUnauthenticated(error)) return;
    void message.error({ content: errorMessage(error), duration: 8 });
  };

  const addScans = useMutation({
    mutationFn: async ({ groups }: { groups: DropGroup<File>[]; skipped: string[] }) =>
      run('正在上传扫描件…', async (jobId) => {
        const inputs = await stageGroups(groups);
        return call('records.addScans', { recordId, inputs, jobId });
      }),
    onSuccess: (result, { skipped }) => {
      void message.success(`已添加 ${result.added.length} 页，共 ${result.pageCount} 页`);
      if (skipped.length) void message.warning(`子文件夹未读取：${skipped.join('、')}。一份文书请放在一个文件夹中。`);
    },
    onError: showFailure,
    onSettled: refresh,
  });

  const rotate = useMutation({
    mutationFn: ({ page, rotation }: { page: RecordPageDto; rotation: Rotation }) => call('records.rotatePage', { recordId, pageId: page.id, rotation }),
    onSuccess: (turned) => {
      queryClient.setQueryData<RecordPageDto[]>(['records.pages', recordId], (list) => list?.map((p) => (p.id === turned.id ? turned : p)));
    },
    onError: (error) => {
      showFailure(error);
      void refresh();
    },
  });

  const arrange = useMutation({
    mutationFn: (pageIds: string[]) => call('records.arrangePages', { recordId, pageIds }),
    onMutate: (pageIds) => {
      // Shown at once; put back from the core if it refuses.
      queryClient.setQueryData<RecordPageDto[]>(['records.pages', recordId], (list) =>
        list ? pageIds.map((id, i) => ({ ...list.find((p) => p.id === id)!, position: i + 1 })) : list,
      );
    },
    onSuccess: (arranged) => queryClient.setQueryData(['records.pages', recordId], arranged),
    onError: (error) => {
      showFailure(error);
      void refresh();
    },
  });

  const ocr = useMutation({
    mutationFn: () => run('准备文字识别…', (jobId) => call('records.ocr', { recordId, jobId })),
    onSuccess: (r) => void message.success(r.recognized ? `已识别 ${r.recognized} 页，${r.lines} 行文字` : '所有页面都已识别过'),
    onError: showFailure,
    onSettled: refresh,
  });

  const convert = useMutation({
    mutationFn: (reason: string | undefined) => run('准备生成签章 PDF…', (jobId) => call('records.convert', { recordId, reason, jobId })),
    onSuccess: (version) => {
      setChosenVersion(version.version);
      void message.success(`已生成第 ${version.version} 版签章 PDF，共 ${version.pageCount} 页`);
    },
    onError: showFailure,
    onSettled: refresh,
  });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'case', caseId })}>
      返回案件
    </Button>
  );
  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) return <PageFailure title="文书" extra={back} message={errorMessage(detail.error)} />;
  const { case: c, records } = detail.data;
  const record = records.find((r) => r.id === recordId);
  if (!record) return <PageFailure title="文书" extra={back} message="文书不存在，可能已被删除，请返回案件后刷新。" />;
  const isArchived = c.state === '已归档';
  const lockReason = lockReasonOf(record, c.state, canWrite);
  const isBusy = job !== null || rotate.isPending || arrange.isPending;
  const pageList = pages.data ?? [];
  const hasVersion = record.versions.length > 0;

  const startConvert = () => {
    if (hasVersion) {
      setAskingReason(true);
      return;
    }
    const blank = pageList.filter((p) => p.isBlank).length;
    modal.confirm({
      title: '生成签章 PDF',
      content: `将以本单位证书签章，生成只读的 PDF/A（共 ${pageList.length} 页${blank ? `，其中空白页 ${blank} 页，保留不删` : ''}）。签章后文书不能再修改，更正须生成新版本。`,
      okText: '生成并签章',
      cancelText: '取消',
      onOk: () => convert.mutate(undefined),
    });
  };

  return (
    <>
      <PageHeader
        title={
          <Space>
            {`文书：${record.title}`}
            {hasVersion ? <Tag color="green">已签章（{record.versions.length} 版）</Tag> : <Tag>未签章</Tag>}
            {isArchived ? <Tag color={STATE_COLORS[c.state]}>{c.state}</Tag> : null}
          </Space>
        }
        extra={back}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label="案件">{c.caseNumber}</Descriptions.Item>
          <Descriptions.Item label="类型">{record.type}</Descriptions.Item>
          <Descriptions.Item label="文号">{record.documentNumber || '—'}</Descriptions.Item>
          <Descriptions.Item label="责任者">{record.responsible || '—'}</Descriptions.Item>
          <Descriptions.Item label="日期">{record.date}</Descriptions.Item>
          <Descriptions.Item label="页数">{pageList.length || record.pageCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      {lockReason && canWrite ? <Alert type={isArchived ? 'info' : 'warning'} showIcon title={lockReason} style={{ marginBottom: 16 }} data-testid="record-lock" /> : null}
      <Card
        size="small"
        title={`页面（${pageList.length}）`}
        style={{ marginBottom: 16 }}
        extra={
          canWrite ? (
            <Space>
              <Tooltip title={lockReason ?? '中文文字识别：签章时作为不可见的文字层加入，便于检索'}>
                <Button icon={<FontSizeOutlined />} disabled={lockReason !== null || isBusy || pageList.length === 0} loading={ocr.isPending} onClick={() => ocr.mutate()}>
                  文字识别
                </Button>
              </Tooltip>
              <Tooltip title={isArchived ? lockReason : hasVersion ? '已有签章版本：生成新版本须填写更正原因，原版本保留' : null}>
                <Button type="primary" icon={<FilePdfOutlined />} disabled={isArchived || isBusy || pageList.length === 0} loading={convert.isPending} onClick={startConvert}>
                  {hasVersion ? '生成新版本' : '生成签章 PDF'}
                </Button>
              </Tooltip>
            </Space>
          ) : null
        }
      >
        {job ? (
          <div style={{ marginBottom: 16 }}>
            <JobProgress job={job} onCancel={() => void cancel()} isCancelling={isCancelling} testId="record-job" />
          </div>
        ) : null}
        {canWrite && lockReason === null ? (
          <FileDropZone
            testId="scan-drop-zone"
            title="把扫描件或文件夹拖到这里"
            hint="JPEG、PNG、TIFF（可多页）。文件夹中的图片按文件名顺序成为页面；空白页会标出但不会删除，原始文件原样保存。"
            accept={SCAN_ACCEPT}
            isMultiple
            canChooseFolder
            chooseLabel="选择文件"
            disabled={isBusy}
            onFiles={(groups, skipped) => addScans.mutate({ groups, skipped })}
          />
        ) : null}
        {pages.isPending ? (
          <Skeleton active />
        ) : pages.isError ? (
          <Alert type="error" showIcon title={errorMessage(pages.error)} />
        ) : (
          <PageGrid
            pages={pageList}
            corrections={record.corrections}
            lockReason={lockReason}
            isBusy={isBusy}
            onRotate={(page, rotation) => rotate.mutate({ page, rotation })}
            onArrange={(ids) => arrange.mutate(ids)}
            onStrike={setStriking}
            onRefused={(reason) => void message.warning(reason)}
          />
        )}
      </Card>
      <Card size="small" title={`划改记录（${record.corrections.length}）`} style={{ marginBottom: 16 }}>
        <Table<CorrectionDto>
          rowKey="id"
          size="small"
          columns={CORRECTION_COLUMNS}
          dataSource={record.corrections}
          pagination={false}
          data-testid="corrections"
          locale={{ emptyText: '没有划改。签章前可在页面上点“划改”，框出区域并说明原因。' }}
        />
      </Card>
      <VersionsCard versions={record.versions} chosen={chosenVersion} onChoose={setChosenVersion} title={record.title} />
      <StrikeModal
        page={striking}
        recordId={recordId}
        corrections={record.corrections}
        onClose={() => setStriking(null)}
        onSaved={() => {
          setStriking(null);
          void message.success('划改已保存，签章时将画出');
          void refresh();
        }}
      />
      <ReasonModal
        open={isAskingReason}
        title="生成新版本"
        intro="该文书已有签章版本。新版本将引用并取代原版本，原版本保留不变。请说明更正原因。"
        label="更正原因"
        okText="生成并签章"
        placeholder="例如：第 2 页扫描不清，重新扫描"
        submit={async (reason) => {
          setAskingReason(false);
          convert.mutate(reason);
        }}
        onDone={() => undefined}
        onClose={() => setAskingReason(false)}
      />
    </>
  );
}
