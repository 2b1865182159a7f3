import { useMutation } from '@tanstack/react-query';
import { Button, Divider, Form, Input } from 'antd';
import type { SessionInfo } from '../../../contract';
import { call } from '../../app/api';
import { CenteredCard } from '../../components/CenteredCard';
import { useApiError } from '../../components/useApiError';

interface SetupValues {
  compilingUnit: string;
  fondsNumber: string;
  admin: { username: string; displayName: string; department: string; password: string };
  confirmPassword: string;
}

/** First run: the unit's identity (DB3206/T 1060 §5.5.1) and the first system administrator. */
export function SetupScreen({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const [form] = Form.useForm<SetupValues>();
  const showError = useApiError();
  const initialize = useMutation({
    mutationFn: ({ confirmPassword: _confirm, ...request }: SetupValues) => call('setup.initialize', request),
    onSuccess: onSignedIn,
    onError: (error) => showError(error, form),
  });

  return (
    <CenteredCard title="首次使用：设置本单位" subtitle="请填写本单位的档案信息，并设置第一位系统管理员。" width={520}>
      <Form form={form} layout="vertical" onFinish={(values) => initialize.mutate(values)} requiredMark>
        <Form.Item name="compilingUnit" label="编制单位" required>
          <Input autoFocus placeholder="例如：某某市烟草专卖局" />
        </Form.Item>
        <Form.Item name="fondsNumber" label="全宗号" required extra="1 到 20 位字母、数字或连字符">
          <Input />
        </Form.Item>
        <Divider plain>第一位系统管理员</Divider>
        <Form.Item name={['admin', 'username']} label="用户名" required>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name={['admin', 'displayName']} label="姓名" required>
          <Input />
        </Form.Item>
        <Form.Item name={['admin', 'department']} label="部门" required>
          <Input />
        </Form.Item>
        <Form.Item name={['admin', 'password']} label="密码" required extra="至少 8 位">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认密码"
          required
          dependencies={[['admin', 'password']]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue(['admin', 'password'])
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={initialize.isPending}>
          完成设置并登录
        </Button>
      </Form>
    </CenteredCard>
  );
}
