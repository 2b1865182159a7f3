import { useMutation } from '@tanstack/react-query';
import { Alert, Flex, Form, Input, Modal, Typography } from 'antd';
import { useRef, useState, type PointerEvent } from 'react';
import type { CorrectionDto, RecordPageDto } from '../../../contract';
import { call } from '../../app/api';
import { useApiError } from '../../components/useApiError';
import { describeRegion, fileUrl, isBrowserImage, regionFromDrag, regionStyle, unturnedBox, type Region } from './pageModel';

/** Longest side of the page in the modal, in CSS pixels. */
const PAGE_BOX = 620;

/**
 * The page upright, as large as the modal allows: the original JPEG/PNG turned by the page's rotation
 * (browsers apply EXIF orientation, as the core does), else the upright thumbnail.
 */
function LargePage({ page, width, height }: { page: RecordPageDto; width: number; height: number }) {
  const [isFallback, setFallback] = useState(!isBrowserImage(page.file.mediaType) || page.pageInFile > 0);
  if (isFallback) return <img src={page.thumbnail} alt="" draggable={false} style={{ width, height, display: 'block' }} />;
  const box = unturnedBox(page.rotation, width, height);
  return (
    <img
      src={fileUrl(page.file.id, import.meta.env.DEV)}
      alt=""
      draggable={false}
      onError={() => setFallback(true)}
      style={{
        position: 'absolute',
        left: (width - box.width) / 2,
        top: (height - box.height) / 2,
        width: box.width,
        height: box.height,
        transform: `rotate(${page.rotation}deg)`,
      }}
    />
  );
}

/**
 * 划改 (DB3206/T 1060 §6.2.2 c): drag a rectangle over the region to strike through, give the reason,
 * save. The region is kept as fractions of the upright page and drawn in red with the reason when the
 * record is next signed; it stays in the record's history.
 */
export function StrikeModal({ page, recordId, corrections, onClose, onSaved }: { page: RecordPageDto | null; recordId: string; corrections: CorrectionDto[]; onClose: () => void; onSaved: (c: CorrectionDto) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const showError = useApiError();
  const surface = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ start: { x: number; y: number }; end: { x: number; y: number } } | null>(null);
  const [region, setRegion] = useState<Region | null>(null);
  const [regionError, setRegionError] = useState<string | null>(null);

  const strike = useMutation({
    mutationFn: ({ reason }: { reason: string }) => {
      if (!region) throw new Error('请先在页面上拖动鼠标，框出要划改的区域');
      return call('records.strike', { recordId, page: page!.position, region, reason: (reason ?? '').trim() });
    },
    onSuccess: (saved) => {
      setRegion(null);
      onSaved(saved);
    },
    onError: (error) => {
      if (!region) setRegionError('请先在页面上拖动鼠标，框出要划改的区域');
      else showError(error, form);
    },
  });

  const scale = page ? PAGE_BOX / Math.max(page.widthPt, page.heightPt) : 1;
  const width = page ? Math.round(page.widthPt * scale) : 0;
  const height = page ? Math.round(page.heightPt * scale) : 0;

  const pointAt = (event: PointerEvent<HTMLDivElement>) => {
    const rect = surface.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const live = drag ? regionFromDrag(drag.start, drag.end, { width, height }) : null;
  const shown = live ?? region;
  const earlier = page ? corrections.filter((c) => c.page === page.position) : [];

  return (
    <Modal
      title={page ? `划改：第 ${page.position} 页` : '划改'}
      open={page !== null}
      width={width + 420}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存划改"
      okButtonProps={{ disabled: region === null }}
      confirmLoading={strike.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (!isOpen) {
          setRegion(null);
          setRegionError(null);
        }
      }}
    >
      {page ? (
        <Flex gap={20} align="flex-start">
          <div
            ref={surface}
            data-testid="strike-surface"
            onPointerDown={(event) => {
              event.currentTarget.setPointerCapture(event.pointerId);
              const p = pointAt(event);
              setRegionError(null);
              setDrag({ start: p, end: p });
            }}
            onPointerMove={(event) => drag && setDrag({ ...drag, end: pointAt(event) })}
            onPointerUp={(event) => {
              if (!drag) return;
              const next = regionFromDrag(drag.start, pointAt(event), { width, height });
              setDrag(null);
              if (next) {
                setRegion(next);
                form.focusField('reason');
              } else setRegionError('框选的区域太小，请按住鼠标拖出一个矩形');
            }}
            style={{ position: 'relative', width, height, flex: 'none', cursor: 'crosshair', overflow: 'hidden', boxShadow: '0 0 4px rgba(0,0,0,0.4)', userSelect: 'none', touchAction: 'none' }}
          >
            <LargePage page={page} width={width} height={height} />
            {earlier.map((c) => (
              <div key={c.id} title={`已划改：${c.reason}`} style={{ position: 'absolute', ...regionStyle(c.region), border: '2px solid #d4380d', background: 'rgba(212,56,13,0.08)', pointerEvents: 'none' }} />
            ))}
            {shown ? (
              <div data-testid="strike-selection" style={{ position: 'absolute', ...regionStyle(shown), border: '2px dashed #d4380d', background: 'rgba(212,56,13,0.15)', pointerEvents: 'none' }} />
            ) : null}
          </div>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Paragraph>按住鼠标在页面上拖出要划去的区域，再填写更正原因。签章时该区域将加上红色划改线，并在旁注明原因；划改记录永久保存在文书历史中。</Typography.Paragraph>
            {region ? <Typography.Paragraph type="secondary">已框选：{describeRegion(region)}</Typography.Paragraph> : null}
            {regionError ? <Alert type="warning" showIcon title={regionError} style={{ marginBottom: 12 }} /> : null}
            <Form form={form} name="strike" layout="vertical" onFinish={(values) => strike.mutate(values)} preserve={false}>
              <Form.Item name="reason" label="更正原因" required>
                <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如：当事人姓名笔误，应为“王建国”" />
              </Form.Item>
            </Form>
            {earlier.length > 0 ? <Typography.Text type="secondary">本页已有 {earlier.length} 处划改（红框）。</Typography.Text> : null}
          </div>
        </Flex>
      ) : null}
    </Modal>
  );
}
