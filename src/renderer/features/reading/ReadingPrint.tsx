import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal, Progress, Radio, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { createPortal, flushSync } from 'react-dom';
import type { ReadingSessionDto } from '../../../contract';
import { call } from '../../app/api';
import { useApiError } from '../../components/useApiError';
import { endsReading, parsePageList, type Volume } from './readingModel';

/** Printed pages are drawn a little larger than on screen: about 180 dpi across A4. */
const PRINT_WIDTH_PX = 1600;

type Range = 'current' | 'all' | 'pages';

interface Values {
  range: Range;
  pagesText: string;
}

interface PrintPage {
  page: number;
  image: string;
  watermark: string;
}

/**
 * In the desktop app the reading room's kiosk window opens the print dialog itself once the core has
 * allowed and logged a print (src/main/readingWindow.ts); a browser page calls window.print(). The
 * bridge tells the two apart: only the app's preload passes dropped folders as they are.
 */
function printsAfterApproval(): boolean {
  return window.archive.canStageFolders;
}

async function decoded(src: string): Promise<void> {
  const img = new Image();
  img.src = src;
  await img.decode().catch(() => undefined);
}

/**
 * 打印 in the reading room (print granted): the chosen pages are fetched as the core watermarked them
 * and laid out in a container that is the only thing print media shows; then `reading.print` asks the
 * policy and logs the pages, and only then is the print dialog opened. Without print granted the
 * container says 未获准打印 instead, whatever the browser's own print command does.
 */
export function ReadingPrint({
  open,
  session,
  volume,
  page,
  pageCount,
  onClose,
  onReadingEnded,
}: {
  open: boolean;
  session: ReadingSessionDto;
  volume: Volume;
  page: number;
  pageCount: number;
  onClose: () => void;
  onReadingEnded: (error: unknown) => void;
}) {
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [printout, setPrintout] = useState<PrintPage[]>([]);
  // A refused page ends the reading; a refused print (e.g. not granted) only says why.
  const stageRef = useRef<'pages' | 'print'>('pages');
  const range = Form.useWatch('range', form);

  useEffect(() => {
    if (open) form.setFieldsValue({ range: 'current', pagesText: '' });
  }, [open, form]);

  const print = useMutation({
    mutationFn: async (values: Values) => {
      let pages: number[];
      if (values.range === 'current') pages = [page];
      else if (values.range === 'all') pages = Array.from({ length: pageCount }, (_, i) => i + 1);
      else {
        const parsed = parsePageList(values.pagesText ?? '', pageCount);
        if ('error' in parsed) {
          form.setFields([{ name: 'pagesText', errors: [parsed.error] }]);
          return 0;
        }
        pages = parsed.pages;
      }
      stageRef.current = 'pages';
      const fetched: PrintPage[] = [];
      setProgress({ done: 0, total: pages.length });
      for (const n of pages) {
        const dto = await call('reading.page', { readingId: session.readingId, volume, page: n, widthPx: PRINT_WIDTH_PX });
        await decoded(dto.image);
        fetched.push({ page: n, image: dto.image, watermark: dto.watermark });
        setProgress({ done: fetched.length, total: pages.length });
      }
      // On paper before the core is asked, so that the app's print dialog (opened as the core allows) finds them.
      flushSync(() => setPrintout(fetched));
      stageRef.current = 'print';
      const allowed = await call('reading.print', { readingId: session.readingId, volume, pages });
      const printed = fetched.filter((p) => allowed.pages.includes(p.page));
      flushSync(() => setPrintout(printed));
      if (!printsAfterApproval()) {
        // Blocks until the print dialog closes; then nothing stays in the container to print again.
        window.print();
        setPrintout([]);
      }
      return printed.length;
    },
    onSuccess: (count) => {
      setProgress(null);
      if (count > 0) onClose();
    },
    onError: (error) => {
      setProgress(null);
      setPrintout([]);
      if (stageRef.current === 'pages' && endsReading(error)) {
        onClose();
        onReadingEnded(error);
      } else showError(error, form);
    },
  });

  return (
    <>
      <Modal
        open={open}
        title="打印"
        okText="打印"
        onOk={() => form.submit()}
        onCancel={() => !print.isPending && onClose()}
        confirmLoading={print.isPending}
        destroyOnHidden
        forceRender
      >
        <Typography.Paragraph type="secondary">
          打印的是带有查阅人、终端和时间水印的页面，每次打印及其页码记入审计日志。打印件请妥善保管，用后按规定交回或销毁。
        </Typography.Paragraph>
        <Form form={form} name="reading-print" layout="vertical" onFinish={(values) => print.mutate(values)} disabled={print.isPending}>
          <Form.Item name="range" label={`打印范围（${volume}，共 ${pageCount} 页）`}>
            <Radio.Group
              options={[
                { value: 'current', label: `当前页（第 ${page} 页）` },
                { value: 'all', label: `全部 ${pageCount} 页` },
                { value: 'pages', label: '指定页码' },
              ]}
            />
          </Form.Item>
          {range === 'pages' ? (
            <Form.Item name="pagesText" label="页码" required extra="例如 1-3,5">
              <Input autoFocus placeholder="1-3,5" />
            </Form.Item>
          ) : null}
          <button type="submit" hidden />
        </Form>
        {progress ? <Progress percent={progress.total ? Math.floor((progress.done / progress.total) * 100) : 0} format={() => `${progress.done} / ${progress.total}`} /> : null}
      </Modal>
      {createPortal(
        <div className="reading-print-root" data-testid="reading-print-root">
          {session.printAllowed && printout.length ? (
            printout.map((p) => (
              <figure key={p.page}>
                <img src={p.image} alt={`第 ${p.page} 页`} data-page={p.page} />
                <figcaption>{p.watermark}</figcaption>
              </figure>
            ))
          ) : (
            <div className="reading-print-refused">{session.printAllowed ? '请使用阅览室的“打印”按钮打印经批准的页面' : '未获准打印'}</div>
          )}
        </div>,
        document.body,
      )}
    </>
  );
}
