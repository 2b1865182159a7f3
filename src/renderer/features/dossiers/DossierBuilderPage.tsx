import { ArrowLeftOutlined, AuditOutlined, BookOutlined, FolderOpenOutlined, ReadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Row, Skeleton, Space, Tabs, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ArchiveReportDto, DossierDto, DossierFindingDto, DossierRecordDto, DossierSupplementDto } from '../../../contract';
import { call } from '../../app/api';
import { navigate } from '../../app/route';
import { useCan } from '../../app/session';
import { JobProgress } from '../../components/JobProgress';
import { PageFailure } from '../../components/PageFailure';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { errorMessage, isUnauthenticated } from '../../components/apiErrors';
import { useJob } from '../../components/useJob';
import { AppendRecordModal } from './AppendRecordModal';
import { ArchiveModal } from './ArchiveModal';
import { ArchiveReport } from './ArchiveReport';
import { ChecksPanel } from './ChecksPanel';
import { CompiledPreview } from './CompiledPreview';
import { ContentsPreview } from './ContentsPreview';
import { CoverForm, RemarksForm, type DossierPatch } from './DossierForms';
import { DossierStateTag } from './DossierStateTag';
import { arrangeRequest, arrangementOf, compileBlocker, excludeRecord, fieldElementId, findingTarget, includeRecord, toggleDuplex, type Arrangement, type BuilderTab } from './dossierModel';
import { RecordList } from './RecordList';
import { SupplementsCard } from './SupplementsCard';

/**
 * The dossier builder (issue 4 item 10): records in binding order per volume (left), the covers, the
 * remarks sheet and the contents as they will be printed (middle), the core's checks (right); then
 * 组卷 into signed volumes, their preview and printing, and 接收归档 with the 四性检测.
 */
export function DossierBuilderPage({ caseId }: { caseId: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canCompile = useCan('dossiers.compile');
  const canArchive = useCan('dossiers.archive');
  // The archive department reads an archived dossier in the reading room (watermarked, logged; §4.10.2).
  const canReadArchive = useCan('access.approve');
  const queryKey = ['dossiers.get', caseId];
  const dossier = useQuery({ queryKey, queryFn: () => call('dossiers.get', { caseId }) });
  const { job, run, cancel, isCancelling } = useJob();
  const [tab, setTab] = useState<BuilderTab>('cover');
  const [focusId, setFocusId] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [excluding, setExcluding] = useState<DossierRecordDto | null>(null);
  const [isArchiving, setArchiving] = useState(false);
  const [isAppending, setAppending] = useState(false);
  const [unsaved, setUnsaved] = useState({ cover: false, remarks: false });
  const previewRef = useRef<HTMLDivElement>(null);
  const reportRef = useRef<HTMLDivElement>(null);

  const setDossier = (d: DossierDto) => queryClient.setQueryData(queryKey, d);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['dossiers.get', caseId] });
  const showFailure = (error: unknown) => {
    if (!isUnauthenticated(error)) void message.error({ content: errorMessage(error), duration: 8 });
  };

  const arrange = useMutation({
    mutationFn: (a: Arrangement) => call('dossiers.arrange', arrangeRequest(caseId, a)),
    onSuccess: setDossier,
    onError: (error) => {
      showFailure(error);
      void refresh();
    },
  });

  const save = async (patch: DossierPatch) => {
    const saved = await call('dossiers.update', { caseId, ...patch });
    setDossier(saved);
    void message.success('已保存');
  };

  const compile = useMutation({
    mutationFn: () => run('准备组卷…', (jobId) => call('dossiers.compile', { caseId, jobId })),
    onSuccess: (result) => {
      void message.success(`组卷完成：${result.volumes.map((v) => `${v.volume} ${v.itemCount} 件 ${v.pageCount} 页`).join('，')}`);
      setTimeout(() => previewRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 100);
    },
    // A cancel the user asked for is news, not a failure.
    onError: (error) => (isCancelling ? void message.info(errorMessage(error)) : showFailure(error)),
    onSettled: refresh,
  });

  // A finding's field is focused once its tab is on screen.
  useEffect(() => {
    if (!focusId) return;
    const frame = requestAnimationFrame(() => {
      const element = document.getElementById(focusId);
      if (element) {
        element.scrollIntoView({ block: 'center' });
        element.focus();
      }
      setFocusId(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [focusId, tab]);

  useEffect(() => {
    if (!highlighted) return;
    const timer = setTimeout(() => setHighlighted(null), 4000);
    return () => clearTimeout(timer);
  }, [highlighted]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'dossiers' })}>
      返回卷宗列表
    </Button>
  );
  if (dossier.isPending) return <Skeleton active />;
  if (dossier.isError) return <PageFailure title="卷宗" extra={back} message={errorMessage(dossier.error)} />;
  const d = dossier.data;
  const isArchived = d.state === '已归档';
  const isLocked = isArchived || !canCompile;
  const arrangement = arrangementOf(d);
  const unsavedForms = [unsaved.cover ? '封面' : '', unsaved.remarks ? '备考表' : ''].filter(Boolean);
  const blocker = compileBlocker(d, canCompile, unsavedForms);
  const dirtyMark = (isDirty: boolean) => (isDirty ? ' *' : '');
  const isBusy = job !== null || arrange.isPending;

  const openFinding = (finding: DossierFindingDto) => {
    const target = findingTarget(finding.field);
    if (target.kind === 'field') {
      setTab(target.tab);
      setFocusId(fieldElementId(target));
    } else if (target.kind === 'record') {
      setHighlighted(target.recordId);
      const row = document.querySelector<HTMLElement>(`[data-record-id="${CSS.escape(target.recordId)}"]`);
      row?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      row?.focus({ preventScroll: true });
    } else if (target.kind === 'records') {
      const list = document.querySelector<HTMLElement>('[data-testid="dossier-records"]');
      list?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      list?.focus({ preventScroll: true });
    } else {
      void message.info('该项在案件信息中修改，已打开案件页面');
      navigate({ page: 'case', caseId });
    }
  };

  const onArchived = (report: ArchiveReportDto) => {
    setArchiving(false);
    if (report.passed) void message.success(`已归档，档号 ${report.archivalCode}`);
    else void message.warning('四性检测有不通过的项目，卷宗未归档，请查看检测报告');
    void refresh();
    void queryClient.invalidateQueries({ queryKey: ['cases.list'] });
    setTimeout(() => reportRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 300);
  };

  const onAppended = (supplement: DossierSupplementDto) => {
    setAppending(false);
    void message.success(`已追加《${supplement.title}》${supplement.pageRange ? `，第 ${supplement.pageRange} 页` : ''}，补充卷已签章`);
    void refresh();
    void queryClient.invalidateQueries({ queryKey: ['cases.get', caseId] });
  };

  return (
    <>
      <PageHeader
        title={
          <Space>
            {`卷宗：${d.caseNumber}`}
            <DossierStateTag state={d.state} />
          </Space>
        }
        extra={
          <>
            {back}
            <Button icon={<FolderOpenOutlined />} onClick={() => navigate({ page: 'case', caseId })}>
              案件
            </Button>
            {canCompile && !isArchived ? (
              <Tooltip title={blocker}>
                <Button type="primary" icon={<BookOutlined />} disabled={blocker !== null || isBusy} loading={compile.isPending} onClick={() => compile.mutate()}>
                  {d.compiled.length ? '重新组卷' : '组卷'}
                </Button>
              </Tooltip>
            ) : null}
            {isArchived && canReadArchive ? (
              <Button icon={<ReadOutlined />} onClick={() => navigate({ page: 'reading', caseId })}>
                查阅
              </Button>
            ) : null}
            {canArchive && !isArchived ? (
              <Button icon={<AuditOutlined />} disabled={isBusy || d.caseState === '办理中'} onClick={() => setArchiving(true)}>
                接收归档
              </Button>
            ) : null}
          </>
        }
      >
        {blocker && canCompile && !isArchived ? (
          <div style={{ marginTop: 8, color: '#8c8c8c' }} data-testid="compile-blocker">
            组卷不可用：{blocker}
          </div>
        ) : null}
      </PageHeader>
      {job ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <JobProgress job={job} onCancel={() => void cancel()} isCancelling={isCancelling} testId="compile-job" />
        </Card>
      ) : null}
      <Row gutter={16} align="top">
        <Col xs={24} lg={12} xl={6}>
          <RecordList
            dossier={d}
            arrangement={arrangement}
            isLocked={isLocked}
            isBusy={isBusy}
            highlighted={highlighted}
            onArrange={(next) => arrange.mutate(next)}
            onExclude={setExcluding}
            onInclude={(recordId) => arrange.mutate(includeRecord(arrangement, recordId))}
            onToggleDuplex={(recordId) => arrange.mutate(toggleDuplex(arrangement, recordId))}
          />
        </Col>
        <Col xs={24} lg={12} xl={13}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Tabs
              activeKey={tab}
              onChange={(key) => setTab(key as BuilderTab)}
              items={[
                {
                  key: 'cover',
                  label: `封面${dirtyMark(unsaved.cover)}`,
                  children: <CoverForm dossier={d} isLocked={isLocked} save={save} onDirty={(cover) => setUnsaved((u) => ({ ...u, cover }))} />,
                },
                {
                  key: 'remarks',
                  label: `备考表${dirtyMark(unsaved.remarks)}`,
                  children: <RemarksForm dossier={d} isLocked={isLocked} save={save} onDirty={(remarks) => setUnsaved((u) => ({ ...u, remarks }))} />,
                },
                {
                  key: 'contents',
                  label: '目录预览',
                  children: <ContentsPreview dossier={d} isLocked={isLocked} onStampPosition={(stampPosition) => void save({ stampPosition }).catch(showFailure)} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={5}>
          <ChecksPanel findings={d.findings} onOpen={openFinding} />
        </Col>
      </Row>
      {d.compiled.length ? (
        <div ref={previewRef}>
          <Card size="small" title="卷宗预览" style={{ marginTop: 16 }} data-testid="compiled-preview">
            <CompiledPreview dossier={d} />
          </Card>
        </div>
      ) : null}
      {d.archiveReport ? (
        <div ref={reportRef}>
          <Card size="small" title="四性检测报告" style={{ marginTop: 16 }}>
            <ArchiveReport report={d.archiveReport} caseNumber={d.caseNumber} />
          </Card>
        </div>
      ) : null}
      {isArchived ? <SupplementsCard dossier={d} canAppend={canArchive} onAppend={() => setAppending(true)} /> : null}
      <ReasonModal
        open={excluding !== null}
        title="不入卷"
        intro={excluding ? `《${excluding.title}》将不装入卷宗。原因会写进卷内备考表的情况说明。` : ''}
        label="不入卷原因"
        okText="不入卷"
        isDanger
        placeholder="例如：与第 3 件重复"
        // Called directly rather than through `arrange`, so that a refusal shows once, in the modal.
        submit={async (reason) => setDossier(await call('dossiers.arrange', arrangeRequest(caseId, excludeRecord(arrangement, excluding!.recordId, reason))))}
        onDone={() => setExcluding(null)}
        onClose={() => setExcluding(null)}
      />
      <ArchiveModal open={isArchiving} caseId={caseId} onClose={() => setArchiving(false)} onArchived={onArchived} />
      {canArchive && isArchived ? <AppendRecordModal open={isAppending} caseId={caseId} onClose={() => setAppending(false)} onAppended={onAppended} /> : null}
    </>
  );
}
