import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Form, Input } from 'antd';
import { useEffect } from 'react';
import { MEDIUM_KIND_LABELS, WIPE_DESTINATION_LABELS, type MediaRequestDto } from '../../../contract';
import { call } from '../../app/api';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../components/useApiError';
import { RequestChain } from './RequestChain';
import { MEDIA_KEY, REQUEST_KIND_LABELS } from './mediaModel';

interface Values {
  note: string;
  confirmPassword: string;
}

/**
 * Takes the step of the chain that waits for the caller (§6.1.3 c): a note and the password again. The
 * last step of a checkout files it with the information centre, which makes the signed 备案表.
 */
export function ApproveMediaModal({ request, onClose }: { request: MediaRequestDto | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const step = request && request.nextStep !== null ? request.steps[request.nextStep] : undefined;
  const approve = useMutation({
    mutationFn: (values: Values) => call('media.approve', { requestId: request!.id, note: (values.note ?? '').trim(), confirmPassword: values.confirmPassword ?? '' }),
    onSuccess: (done) => {
      void message.success(done.status === 'pending' ? `已${step?.label ?? '审批'}，转下一步` : `${done.tag} 的${REQUEST_KIND_LABELS[done.kind]}申请已全部批准`);
      void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (!request) return;
    form.resetFields();
    form.setFieldsValue({ note: '', confirmPassword: '' });
  }, [request, form]);

  return (
    <FormModal open={request !== null} title={step ? step.label : '审批'} okText="批准" isPending={approve.isPending} form={form} focusField="note" width={560} onClose={() => !approve.isPending && onClose()}>
      {request ? (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="申请">{REQUEST_KIND_LABELS[request.kind]}</Descriptions.Item>
          <Descriptions.Item label="介质">
            {request.tag}（{MEDIUM_KIND_LABELS[request.mediumKind]}，{request.classification}）
          </Descriptions.Item>
          <Descriptions.Item label="申请人">
            {request.requestedByName}（{request.requestedByDepartment}）
          </Descriptions.Item>
          <Descriptions.Item label={request.kind === 'checkout' ? '用途' : '清除原因'}>{request.purpose}</Descriptions.Item>
          {request.days !== null ? <Descriptions.Item label="领用天数">{request.days} 天</Descriptions.Item> : null}
          {request.destination ? <Descriptions.Item label="清除后去向">{WIPE_DESTINATION_LABELS[request.destination]}</Descriptions.Item> : null}
          <Descriptions.Item label="申请时间">{formatDateTime(request.requestedAt)}</Descriptions.Item>
          <Descriptions.Item label="审批流程">
            <RequestChain request={request} />
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Form form={form} name="media-approve" layout="vertical" onFinish={(values) => !approve.isPending && approve.mutate(values)}>
        <Form.Item name="note" label="审批意见">
          <Input maxLength={200} placeholder="可不填" />
        </Form.Item>
        <ConfirmPasswordField extra="审批介质申请须再次输入您本人的登录密码" />
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
