import { ExportOutlined, LogoutOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure, type AccessRequestDto, type ReadingSessionDto } from '../../../contract';
import { call } from '../../app/api';
import { sessionEnded } from '../../app/bus';
import { navigate } from '../../app/route';
import { useCan } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage, isUnauthenticated } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { ACCESS_LIST_KEY } from '../borrowing/accessKeys';
import { PledgeModal } from '../borrowing/PledgeModal';
import { grantScope, needsPledge, readableRequestFor } from '../borrowing/borrowingModel';
import { PageView } from './PageView';
import { ReadingExport } from './ReadingExport';
import { ReadingPrint } from './ReadingPrint';
import { ReadingToolbar } from './ReadingToolbar';
import { endsReading, firstVolume, msUntil, pageForKey, type Volume } from './readingModel';
import { useReadingPage } from './useReadingPage';
import './reading.css';

type Phase =
  | { kind: 'opening' }
  | { kind: 'open'; session: ReadingSessionDto }
  /** reading.open refused or failed: nothing was shown. */
  | { kind: 'failed'; message: string }
  /** A page was refused mid-reading (grant expired or revoked, session idle): pages stop showing. */
  | { kind: 'ended'; message: string; caseNumber: string };

/**
 * 阅览室 (`#/reading/<caseId>`, DB3206/T 1060 §4.10.2–4.10.3): the pledge first if the grant has none,
 * then `reading.open`; every page is asked of the core (which checks the policy and burns in the
 * watermark) and overlaid with the same watermark; no selecting, copying or context menu unless export
 * is granted; 打印 and 导出 only when granted; 结束查阅 or leaving the screen closes the session.
 */
export function ReadingRoomPage({ caseId }: { caseId: string }) {
  const { message } = App.useApp();
  const canRequest = useCan('access.request');
  const backLabel = canRequest ? '返回我的借阅' : '返回案件';
  const goBack = useCallback(() => navigate(canRequest ? { page: 'borrowing' } : { page: 'case', caseId }), [canRequest, caseId]);

  // The pledge (§4.10.3) before the first view, also when the room is opened by its address.
  const mine = useQuery({ queryKey: [...ACCESS_LIST_KEY, 'mine'], queryFn: () => call('access.list', { scope: 'mine' }), enabled: canRequest, staleTime: 0 });
  const [pledgedIds, setPledgedIds] = useState<string[]>([]);
  const readable = canRequest && mine.data ? readableRequestFor(mine.data, caseId) : null;
  const pledgeFor: AccessRequestDto | null = readable && needsPledge(readable) && !pledgedIds.includes(readable.id) ? readable : null;
  const isGateReady = !canRequest || ((mine.isSuccess || mine.isError) && !mine.isFetching);
  const refetchMine = mine.refetch;
  const [isGatePassed, setGatePassed] = useState(false);
  useEffect(() => {
    if (isGateReady && !pledgeFor) setGatePassed(true);
  }, [isGateReady, pledgeFor]);

  const [phase, setPhase] = useState<Phase>({ kind: 'opening' });
  const [openAttempt, setOpenAttempt] = useState(0);
  const [volume, setVolume] = useState<Volume | null>(null);
  const [page, setPage] = useState(1);
  const [isPrinting, setPrinting] = useState(false);
  const [isExporting, setExporting] = useState(false);
  const closePrint = useCallback(() => setPrinting(false), []);

  const closedRef = useRef(new Set<string>());
  const closeReading = useCallback((readingId: string): Promise<void> => {
    if (closedRef.current.has(readingId)) return Promise.resolve();
    closedRef.current.add(readingId);
    return call('reading.close', { readingId }).then(() => undefined);
  }, []);

  useEffect(() => {
    if (!isGatePassed) return;
    let isCurrent = true;
    let openedId: string | null = null;
    setPhase({ kind: 'opening' });
    call('reading.open', { caseId })
      .then((session) => {
        if (!isCurrent) {
          void closeReading(session.readingId).catch(() => undefined);
          return;
        }
        openedId = session.readingId;
        setVolume(firstVolume(session.volumes));
        setPage(1);
        setPhase({ kind: 'open', session });
      })
      .catch((error: unknown) => {
        if (!isCurrent) return;
        if (isUnauthenticated(error)) sessionEnded.emit('unauthenticated');
        else if (canRequest && error instanceof ApiFailure && error.field === 'pledge') {
          // The grant has no pledge yet (accepted elsewhere, or the list was older): ask for it here.
          setGatePassed(false);
          void refetchMine();
        } else setPhase({ kind: 'failed', message: errorMessage(error) });
      });
    return () => {
      isCurrent = false;
      // Leaving the room (another screen, another case) ends the reading session.
      if (openedId) void closeReading(openedId).catch(() => undefined);
    };
  }, [caseId, isGatePassed, openAttempt, closeReading, canRequest, refetchMine]);

  const session = phase.kind === 'open' ? phase.session : null;
  const pageCount = session?.volumes.find((v) => v.volume === volume)?.pageCount ?? 0;
  const current = useReadingPage(session?.readingId ?? null, volume, page);

  const openSessionRef = useRef<ReadingSessionDto | null>(null);
  useEffect(() => {
    openSessionRef.current = session;
  }, [session]);
  const endReading = useCallback(
    (error: unknown) => {
      if (isUnauthenticated(error)) {
        sessionEnded.emit('unauthenticated');
        return;
      }
      const ended = openSessionRef.current;
      if (!ended) return;
      openSessionRef.current = null;
      // The core may have ended the session already (a refused page does); closing again only logs the pages.
      void closeReading(ended.readingId).catch(() => undefined);
      setPhase({ kind: 'ended', message: errorMessage(error), caseNumber: ended.caseNumber });
    },
    [closeReading],
  );

  useEffect(() => {
    if (current.error && endsReading(current.error)) endReading(current.error);
    else if (current.error && isUnauthenticated(current.error)) sessionEnded.emit('unauthenticated');
  }, [current.error, endReading]);

  // At the grant's end, ask for the page on screen again: the core's refusal then ends the reading.
  const endsAt = session?.grant?.endsAt ?? null;
  const { reload } = current;
  useEffect(() => {
    if (!endsAt) return;
    const delay = msUntil(endsAt, Date.now());
    if (delay === null) return;
    const timer = window.setTimeout(reload, delay + 1500);
    return () => window.clearTimeout(timer);
  }, [endsAt, reload]);

  const copyAllowed = session?.copyAllowed ?? false;
  const printAllowed = session?.printAllowed ?? false;
  const isDialogOpen = isPrinting || isExporting || pledgeFor !== null;

  // No copying, cutting, context menu or dragging in the room unless export is granted (§6.2.2 f–g).
  useEffect(() => {
    document.body.classList.add('reading-room');
    const block = (event: Event) => {
      if (!copyAllowed) event.preventDefault();
    };
    const events = ['copy', 'cut', 'contextmenu', 'dragstart'] as const;
    for (const type of events) document.addEventListener(type, block);
    return () => {
      document.body.classList.remove('reading-room');
      for (const type of events) document.removeEventListener(type, block);
    };
  }, [copyAllowed]);

  useEffect(() => {
    if (phase.kind !== 'open') return;
    const onKey = (event: KeyboardEvent) => {
      const isCommand = event.ctrlKey || event.metaKey;
      if (isCommand && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        if (isDialogOpen) return;
        if (printAllowed) setPrinting(true);
        else void message.warning('本次借阅未获准打印');
        return;
      }
      if (isCommand && event.key.toLowerCase() === 's') {
        event.preventDefault();
        return;
      }
      if (isDialogOpen || isCommand || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.closest('input, textarea, select, [contenteditable="true"]') || target.isContentEditable)) return;
      const next = pageForKey(event.key, page, pageCount);
      if (next !== null) {
        event.preventDefault();
        setPage(next);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [phase.kind, page, pageCount, printAllowed, isDialogOpen, message]);

  const back = <Button onClick={goBack}>{backLabel}</Button>;

  if (pledgeFor) {
    return (
      <>
        <PageHeader title="阅览室" extra={back} />
        <Alert type="info" showIcon title="查阅前请先阅读并签署保密承诺书。" />
        <PledgeModal
          request={pledgeFor}
          onClose={goBack}
          onAccepted={(accepted) => setPledgedIds((ids) => [...ids, accepted.id])}
        />
      </>
    );
  }

  if (phase.kind === 'failed') {
    return (
      <Result
        status="warning"
        title="不能进入阅览室"
        subTitle={<span data-testid="reading-failure">{phase.message}</span>}
        extra={[
          <Button key="retry" onClick={() => setOpenAttempt((n) => n + 1)}>
            重试
          </Button>,
          <Button key="back" type="primary" onClick={goBack}>
            {backLabel}
          </Button>,
        ]}
      />
    );
  }

  if (phase.kind === 'ended') {
    return (
      <Result
        status="warning"
        title={`查阅已终止：${phase.caseNumber}`}
        subTitle={<span data-testid="reading-refusal">{phase.message}</span>}
        extra={
          <Button type="primary" onClick={goBack}>
            {backLabel}
          </Button>
        }
      />
    );
  }

  if (!session || !volume) {
    return (
      <>
        <PageHeader title="阅览室" extra={back} />
        <Skeleton active />
      </>
    );
  }

  const finish = () => {
    void closeReading(session.readingId)
      .then(() => void message.success('已结束查阅'))
      .catch(() => undefined)
      .finally(goBack);
  };

  return (
    <div data-testid="reading-room">
      <PageHeader
        title={
          <Space>
            阅览室
            <Tag color="blue">{session.caseNumber}</Tag>
          </Space>
        }
        extra={
          <>
            {printAllowed ? (
              <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
                打印
              </Button>
            ) : null}
            {session.exportAllowed ? (
              <Button icon={<ExportOutlined />} onClick={() => setExporting(true)}>
                导出
              </Button>
            ) : null}
            <Button danger icon={<LogoutOutlined />} onClick={finish}>
              结束查阅
            </Button>
          </>
        }
      />
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="案由">{session.cause}</Descriptions.Item>
        <Descriptions.Item label="档号">{session.archivalCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="授权">
          {session.grant ? (
            <span data-testid="reading-grant">
              至 {formatDateTime(session.grant.endsAt)}，{grantScope({ print: session.printAllowed, export: session.exportAllowed })}
            </span>
          ) : (
            '档案管理部门在指定终端查阅'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="水印">
          {session.watermark.reader} · {session.watermark.terminalId}
        </Descriptions.Item>
      </Descriptions>
      <ReadingToolbar
        volumes={session.volumes}
        volume={volume}
        page={page}
        pageCount={pageCount}
        onVolume={(next) => {
          setVolume(next);
          setPage(1);
        }}
        onPage={setPage}
      />
      {current.error && !endsReading(current.error) && !isUnauthenticated(current.error) ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(current.error)}
          action={
            <Button size="small" onClick={current.reload}>
              重试
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Flex gap={12} align="flex-start">
        <div style={{ flex: 1, minWidth: 0 }}>
          <PageView loaded={current.error ? null : current.loaded} session={session} isLoading={current.isLoading} isLocked={!copyAllowed} />
        </div>
        {copyAllowed ? (
          <Card size="small" title="本页文字" style={{ width: 340, flex: 'none' }} data-testid="reading-text">
            {current.loaded?.dto.text ? (
              <Typography.Paragraph copyable={{ text: current.loaded.dto.text, tooltips: ['复制本页文字', '已复制'] }} style={{ whiteSpace: 'pre-wrap', maxHeight: '60vh', overflow: 'auto', marginBottom: 0 }}>
                {current.loaded.dto.text}
              </Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">本页没有识别出的文字</Typography.Text>
            )}
          </Card>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        本卷宗仅供在本终端查阅。{copyAllowed ? '' : '不得复制、截屏或拍照。'}查阅的每一页、每次打印和导出都记入审计日志。
      </Typography.Paragraph>
      <ReadingPrint open={isPrinting} session={session} volume={volume} page={page} pageCount={pageCount} onClose={closePrint} onReadingEnded={endReading} />
      {isExporting ? <ReadingExport open session={session} volume={volume} onClose={() => setExporting(false)} /> : null}
    </div>
  );
}
