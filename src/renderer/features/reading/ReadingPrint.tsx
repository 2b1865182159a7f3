import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal, Progress, Radio, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
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

interface Printout {
  watermark: string;
  images: { page: number; image: string }[];
}

/**
 * 打印 in the reading room (print granted): the pages are chosen, `reading.print` logs them and says
 * which may be printed, and only those pages as the core watermarked them go on paper, through a
 * container that is the only thing print media shows. Without print granted, the container says
 * 未获准打印 instead, whatever the browser's own print command does.
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
  const [printout, setPrintout] = useState<Printout | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // A refused page ends the reading; a refused print request (e.g. not granted) only says why.
  const isFetchingPagesRef = useRef(false);
  const range = Form.useWatch('range', form);

  useEffect(() => {
    if (open) form.setFieldsValue({ range: 'current', pagesText: '' });
  }, [open, form]);

  const prepare = useMutation({
    mutationFn: async (values: Values) => {
      let pages: number[];
      if (values.range === 'current') pages = [page];
      else if (values.range === 'all') pages = Array.from({ length: pageCount }, (_, i) => i + 1);
      else {
        const parsed = parsePageList(values.pagesText ?? '', pageCount);
        if ('error' in parsed) {
          form.setFields([{ name: 'pagesText', errors: [parsed.error] }]);
          return null;
        }
        pages = parsed.pages;
      }
      isFetchingPagesRef.current = false;
      const allowed = await call('reading.print', { readingId: session.readingId, volume, pages });
      isFetchingPagesRef.current = true;
      const images: Printout['images'] = [];
      setProgress({ done: 0, total: allowed.pages.length });
      for (const n of allowed.pages) {
        const dto = await call('reading.page', { readingId: session.readingId, volume, page: n, widthPx: PRINT_WIDTH_PX });
        images.push({ page: n, image: dto.image });
        setProgress({ done: images.length, total: allowed.pages.length });
      }
      return { watermark: allowed.watermark, images };
    },
    onSuccess: (result) => {
      if (result) setPrintout(result);
    },
    onError: (error) => {
      setProgress(null);
      if (isFetchingPagesRef.current && endsReading(error)) {
        onClose();
        onReadingEnded(error);
      } else showError(error, form);
    },
  });

  useEffect(() => {
    if (!printout) return;
    let isCurrent = true;
    const images = Array.from(rootRef.current?.querySelectorAll('img') ?? []);
    void Promise.all(images.map((img) => img.decode().catch(() => undefined))).then(() => {
      if (!isCurrent) return;
      // Blocks until the print dialog closes (Chromium and Electron alike).
      window.print();
      setPrintout(null);
      setProgress(null);
      onClose();
    });
    return () => {
      isCurrent = false;
    };
  }, [printout, onClose]);

  const isBusy = prepare.isPending || printout !== null;
  return (
    <>
      <Modal
        open={open}
        title="打印"
        okText="打印"
        onOk={() => form.submit()}
        onCancel={() => !isBusy && onClose()}
        confirmLoading={isBusy}
        destroyOnHidden
        forceRender
      >
        <Typography.Paragraph type="secondary">
          打印的是带有查阅人、终端和时间水印的页面，每次打印及其页码记入审计日志。打印件请妥善保管，用后按规定交回或销毁。
        </Typography.Paragraph>
        <Form form={form} name="reading-print" layout="vertical" onFinish={(values) => prepare.mutate(values)} disabled={isBusy}>
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
        <div className="reading-print-root" ref={rootRef} data-testid="reading-print-root">
          {session.printAllowed && printout ? (
            printout.images.map((p) => (
              <figure key={p.page}>
                <img src={p.image} alt={`第 ${p.page} 页`} data-page={p.page} />
                <figcaption>{printout.watermark}</figcaption>
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
