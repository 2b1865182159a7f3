import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { call } from '../../app/api';
import { useApiError } from '../../components/useApiError';
import { SIGNING_STATUS_KEY } from './certificateFormat';

interface Values {
  passphrase: string;
  confirmPassphrase?: string;
}

/**
 * 解锁签章私钥: on a machine without an OS key store the passphrase is kept in memory only, so it
 * is asked once after each start. With no certificate yet (`isChoosing`) it is being chosen, and
 * asked twice, because a typo would seal the first certificate with an unknown passphrase.
 */
export function UnlockKeyModal({ open, isChoosing, onClose }: { open: boolean; isChoosing: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const unlock = useMutation({
    mutationFn: ({ passphrase }: Values) => call('signing.unlock', { passphrase }),
    onSuccess: (status) => {
      queryClient.setQueryData(SIGNING_STATUS_KEY, status);
      void message.success(isChoosing ? '已设置私钥保护口令（本次运行有效）' : '签章私钥已解锁，本次运行期间可以签章');
      form.resetFields();
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  const title = isChoosing ? '设置私钥保护口令' : '解锁签章私钥';

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={isChoosing ? '设置' : '解锁'}
      confirmLoading={unlock.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('passphrase');
      }}
      forceRender
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="本机没有系统密钥库"
        description={
          isChoosing
            ? '单位签章私钥将用此口令加密保存。请牢记口令：每次启动程序后需输入一次才能签章。'
            : '单位签章私钥以口令加密保存，程序每次启动后需输入一次口令才能签章。口令只保存在内存中，关闭程序即失效。'
        }
      />
      <Form form={form} layout="vertical" onFinish={(values) => unlock.mutate(values)}>
        <Form.Item name="passphrase" label="私钥保护口令" required rules={[{ min: 8, message: '私钥保护口令至少 8 位' }]}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        {isChoosing ? (
          <Form.Item
            name="confirmPassphrase"
            label="确认口令"
            required
            dependencies={['passphrase']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value) => (value === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error('两次输入的口令不一致'))),
              }),
            ]}
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
        ) : null}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
