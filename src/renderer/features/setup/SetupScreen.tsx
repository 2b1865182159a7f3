import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Divider, Form, Input } from 'antd';
import type { SessionInfo, SetupStatus } from '../../../contract';
import { call } from '../../app/api';
import { CenteredCard } from '../../components/CenteredCard';
import { useApiError } from '../../components/useApiError';

interface SetupValues {
  compilingUnit: string;
  fondsNumber: string;
  admin: { username: string; displayName: string; department: string; password: string };
  confirmPassword: string;
  keyPassphrase?: string;
  confirmKeyPassphrase?: string;
}

/** Same-as-another-field check for the repeated password and passphrase. */
const sameAs = (field: string | string[], message: string) => ({ getFieldValue }: { getFieldValue: (name: string | string[]) => unknown }) => ({
  validator: (_: unknown, value: unknown) => (value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error(message))),
});

/**
 * First run: the unit's identity (DB3206/T 1060 §5.5.1) and the first system administrator. Where
 * the machine has no OS key store (keyProtection 'none'), also the passphrase that seals the unit's
 * signing key: without it the unit would get no signing certificate.
 */
export function SetupScreen({ keyProtection, onSignedIn }: { keyProtection: SetupStatus['keyProtection']; onSignedIn: (session: SessionInfo) => void }) {
  const asksPassphrase = keyProtection === 'none';
  const [form] = Form.useForm<SetupValues>();
  const showError = useApiError();
  const initialize = useMutation({
    mutationFn: ({ confirmPassword: _confirm, confirmKeyPassphrase: _confirmKey, ...request }: SetupValues) => call('setup.initialize', request),
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
          rules={[sameAs(['admin', 'password'], '两次输入的密码不一致')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {asksPassphrase ? (
          <>
            <Divider plain>签章私钥保护口令</Divider>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="本机没有系统密钥库"
              description="本单位的签章私钥将用此口令加密保存，不以明文存放在磁盘上。口令不会保存：每次启动程序后，需由系统管理员或有签章权限的人员输入一次才能生成签章 PDF。请牢记口令。"
            />
            <Form.Item
              name="keyPassphrase"
              label="私钥保护口令"
              required
              extra="至少 8 位，不同于登录密码"
              rules={[
                { required: true, message: '请填写私钥保护口令' },
                { min: 8, message: '私钥保护口令至少 8 位' },
              ]}
            >
              <Input.Password autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="confirmKeyPassphrase"
              label="确认私钥保护口令"
              required
              dependencies={['keyPassphrase']}
              rules={[sameAs('keyPassphrase', '两次输入的口令不一致')]}
            >
              <Input.Password autoComplete="off" />
            </Form.Item>
          </>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={initialize.isPending}>
          完成设置并登录
        </Button>
      </Form>
    </CenteredCard>
  );
}
