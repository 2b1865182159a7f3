import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Form, Input } from 'antd';
import { useEffect } from 'react';
import { MEDIUM_KIND_LABELS, type MediaRequestDto, type MediumDto } from '../../../contract';
import { call } from '../../app/api';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../components/useApiError';
import { MEDIA_KEY } from './mediaModel';
import { DevicePathField } from './DevicePathField';

const DEVICE_HINT = '可不填。填写介质插入后的设备路径（如 /dev/sdb 或已挂载的文件夹），先核验介质的身份记录，不是台账上这一个则拒绝（第 6.1.3 条 e）。';

/** 交付 (§6.1.3 c): the custodian hands a filed checkout to its holder, the medium checked first when it is at hand. */
export function HandoverModal({ request, onClose }: { request: MediaRequestDto | null; onClose: () => void }) {
  const [form] = Form.useForm<{ device: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const handover = useMutation({
    mutationFn: ({ device }: { device: string }) => call('media.handover', { requestId: request!.id, ...(device?.trim() ? { device: device.trim() } : {}) }),
    onSuccess: (medium) => {
      void message.success(`${medium.tag} 已交付 ${medium.holderName ?? medium.holder ?? ''}`);
      void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  useEffect(() => {
    if (!request) return;
    form.resetFields();
  }, [request, form]);
  return (
    <FormModal open={request !== null} title={request ? `交付：${request.tag}` : '交付'} okText="交付" isPending={handover.isPending} form={form} focusField="device" onClose={() => !handover.isPending && onClose()}>
      {request ? (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="介质">
            {request.tag}（{MEDIUM_KIND_LABELS[request.mediumKind]}，{request.classification}）
          </Descriptions.Item>
          <Descriptions.Item label="领用人">
            {request.requestedByName}（{request.requestedByDepartment}）
          </Descriptions.Item>
          <Descriptions.Item label="用途">{request.purpose}</Descriptions.Item>
          <Descriptions.Item label="领用天数">{request.days} 天</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Form form={form} name="media-handover" layout="vertical" onFinish={(values) => !handover.isPending && handover.mutate(values)}>
        <DevicePathField extra={DEVICE_HINT} />
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}

/** 归还 (§6.1.3 c): a checked-out medium back in stock, checked against its identity record when at hand. */
export function ReturnModal({ medium, onClose }: { medium: MediumDto | null; onClose: () => void }) {
  const [form] = Form.useForm<{ device: string; note: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const giveBack = useMutation({
    mutationFn: ({ device, note }: { device: string; note: string }) =>
      call('media.return', { tag: medium!.tag, note: (note ?? '').trim(), ...(device?.trim() ? { device: device.trim() } : {}) }),
    onSuccess: (returned) => {
      void message.success(`${returned.tag} 已归还入库`);
      void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  useEffect(() => {
    if (!medium) return;
    form.resetFields();
  }, [medium, form]);
  return (
    <FormModal open={medium !== null} title={medium ? `归还：${medium.tag}` : '归还'} okText="归还入库" isPending={giveBack.isPending} form={form} focusField="device" onClose={() => !giveBack.isPending && onClose()}>
      {medium ? (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="介质">
            {medium.tag}（{MEDIUM_KIND_LABELS[medium.kind]}，{medium.classification}）
          </Descriptions.Item>
          <Descriptions.Item label="领用人">{medium.holderName ?? medium.holder}</Descriptions.Item>
          <Descriptions.Item label="应还日期">{formatDateTime(medium.dueAt)}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Form form={form} name="media-return" layout="vertical" onFinish={(values) => !giveBack.isPending && giveBack.mutate(values)}>
        <DevicePathField extra={DEVICE_HINT} />
        <Form.Item name="note" label="归还说明">
          <Input maxLength={200} placeholder="可不填" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
