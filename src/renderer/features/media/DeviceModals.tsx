import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Typography } from 'antd';
import { useEffect } from 'react';
import type { MediumCheckDto, MediumCheckVerdict, MediumDto } from '../../../contract';
import { call } from '../../app/api';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../components/useApiError';
import { MEDIA_KEY } from './mediaModel';
import { DEVICE_PATH_KINDS, DevicePathField } from './DevicePathField';

export const VERDICT_LABELS: Record<MediumCheckVerdict, string> = {
  ok: '已登记的本单位介质',
  unregistered: '未登记的介质',
  mismatch: '身份不符',
  forged: '身份记录无效（可能被伪造）',
  'not-checked-out': '未领用给您',
  'not-usable': '不可使用',
};

/**
 * 核验介质 (DB3206/T 1060 §6.1.3 e): whatever medium sits at a device path, read by its signed identity
 * record: registered and genuine, or why not. The core logs every verdict, a bad one as a refusal.
 */
export function CheckMediumModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ device: string }>();
  const showError = useApiError();
  const check = useMutation({
    mutationFn: ({ device }: { device: string }) => call('media.check', { device: (device ?? '').trim() }),
    onError: (error) => showError(error, form),
  });
  const resetCheck = check.reset;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    resetCheck();
  }, [open, form, resetCheck]);
  const result: MediumCheckDto | undefined = check.data;
  return (
    <FormModal open={open} title="核验介质" okText="核验" isPending={check.isPending} form={form} focusField="device" onClose={() => !check.isPending && onClose()}>
      <Form form={form} name="media-check" layout="vertical" onFinish={(values) => !check.isPending && check.mutate(values)}>
        <DevicePathField required extra={DEVICE_PATH_KINDS} />
        <button type="submit" hidden />
      </Form>
      {result ? (
        <Alert
          data-testid="medium-check-result"
          type={result.verdict === 'ok' ? 'success' : 'error'}
          showIcon
          title={`${VERDICT_LABELS[result.verdict]}${result.tag ? `：${result.tag}` : ''}`}
          description={<Typography.Text style={{ whiteSpace: 'pre-line' }}>{result.message}</Typography.Text>}
        />
      ) : null}
    </FormModal>
  );
}

/** 写入身份记录 (§6.1.3 e): the signed identity record written (again) onto the medium at a device path. */
export function IdentifyMediumModal({ medium, onClose }: { medium: MediumDto | null; onClose: () => void }) {
  const [form] = Form.useForm<{ device: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const identify = useMutation({
    mutationFn: ({ device }: { device: string }) => call('media.identify', { tag: medium!.tag, device: (device ?? '').trim() }),
    onSuccess: (m) => {
      void message.success(`已在介质上写入 ${m.tag} 的身份记录`);
      void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  useEffect(() => {
    if (medium) form.resetFields();
  }, [medium, form]);
  return (
    <FormModal open={medium !== null} title={medium ? `写入身份记录：${medium.tag}` : '写入身份记录'} okText="写入" isPending={identify.isPending} form={form} focusField="device" onClose={() => !identify.isPending && onClose()}>
      <Typography.Paragraph>在介质上写入本单位签名的身份记录；此前写入的记录随即失效，介质以新记录识别。</Typography.Paragraph>
      <Form form={form} name="media-identify" layout="vertical" onFinish={(values) => !identify.isPending && identify.mutate(values)}>
        <DevicePathField required extra={DEVICE_PATH_KINDS} />
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
