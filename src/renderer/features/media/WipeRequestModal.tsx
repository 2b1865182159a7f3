import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { WIPE_DESTINATIONS, WIPE_DESTINATION_LABELS, isStateSecret, type MediumDto, type WipeDestination } from '../../../contract';
import { call } from '../../app/api';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../components/useApiError';
import { MEDIA_KEY } from './mediaModel';

interface Values {
  reason: string;
  destination: WipeDestination;
}

/**
 * 申请清除 (DB3206/T 1060 §6.1.3 d): before a medium is reused, retired or handed to a third party its
 * data is destroyed; the request goes through the unit's wipe chain before the security officer may run it.
 */
export function WipeRequestModal({ medium, onClose }: { medium: MediumDto | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const submit = useMutation({
    mutationFn: (values: Values) => call('media.wipeRequest', { tag: medium!.tag, reason: (values.reason ?? '').trim(), destination: values.destination }),
    onSuccess: (request) => {
      void message.success(`已提交 ${request.tag} 的清除申请`);
      void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (!medium) return;
    form.resetFields();
    form.setFieldsValue({ reason: '', destination: 'reuse' });
  }, [medium, form]);

  const isSecret = medium ? isStateSecret(medium.classification) || medium.kind === 'optical' : false;
  return (
    <FormModal open={medium !== null} title={medium ? `申请清除：${medium.tag}` : '申请清除'} okText="提交申请" isPending={submit.isPending} form={form} focusField="reason" onClose={() => !submit.isPending && onClose()}>
      {isSecret ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="该介质不能用软件清除"
          description="涉密介质和光盘经批准后转为待销毁，由信息安全员在两人监督下交有资质的销毁机构销毁，并登记其销毁证明。"
        />
      ) : null}
      <Form form={form} name="media-wipe-request" layout="vertical" onFinish={(values) => !submit.isPending && submit.mutate(values)}>
        <Form.Item name="reason" label="清除原因" required>
          <Input maxLength={200} placeholder="例如：转作他用前清除" />
        </Form.Item>
        <Form.Item name="destination" label="清除后去向" required>
          <Select options={WIPE_DESTINATIONS.map((d) => ({ value: d, label: WIPE_DESTINATION_LABELS[d] }))} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
