import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import type { RecordDto } from '../../../contract';
import { call } from '../../app/api';
import { useApiError } from '../../components/useApiError';

/** Removal needs a reason, which goes into the audit log with the removal. */
export function RemoveRecordModal({ record, caseId, onClose }: { record: RecordDto | null; caseId: string; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: ({ reason }: { reason: string }) => call('records.remove', { recordId: record!.id, reason }),
    onSuccess: () => {
      void message.success('文书已删除');
      void queryClient.invalidateQueries({ queryKey: ['cases.get', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['cases.list'] });
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Modal
      title="删除文书"
      open={record !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="删除"
      okButtonProps={{ danger: true }}
      confirmLoading={remove.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('reason');
      }}
      forceRender
    >
      <Typography.Paragraph>
        将删除文书“{record?.title}”（{record?.type}）。请说明删除原因，原因将记入审计日志。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => remove.mutate(values)} preserve={false}>
        <Form.Item name="reason" label="删除原因" required>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
