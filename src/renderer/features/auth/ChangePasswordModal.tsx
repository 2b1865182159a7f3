import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { call } from '../../app/api';
import { useApiError } from '../../components/useApiError';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useApiError();
  const change = useMutation({
    mutationFn: ({ oldPassword, newPassword }: Values) => call('auth.changePassword', { oldPassword, newPassword }),
    onSuccess: () => {
      void message.success('密码已修改');
      form.resetFields();
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Modal
      title="修改密码"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="修改"
      confirmLoading={change.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('oldPassword');
      }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(values) => change.mutate(values)}>
        <Form.Item name="oldPassword" label="原密码" required>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" required extra="至少 8 位">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          required
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
