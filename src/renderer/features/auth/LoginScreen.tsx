import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiFailure, type SessionInfo, type UnitInfo } from '../../../contract';
import { call } from '../../app/api';
import { CenteredCard } from '../../components/CenteredCard';
import { errorMessage } from '../../components/apiErrors';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginScreen({
  unit,
  notice,
  onSignedIn,
}: {
  unit: UnitInfo | null;
  notice: string | null;
  onSignedIn: (session: SessionInfo) => void;
}) {
  const [form] = Form.useForm<LoginValues>();
  const [failure, setFailure] = useState<{ message: string; isLocked: boolean } | null>(null);
  const login = useMutation({
    mutationFn: (values: LoginValues) => call('auth.login', values),
    onSuccess: onSignedIn,
    onError: (error) => {
      // Wrong password and lockout stay on screen: the user needs to read how long to wait.
      setFailure({ message: errorMessage(error), isLocked: error instanceof ApiFailure && error.code === 'locked' });
      form.setFieldValue('password', '');
      form.focusField('password');
    },
  });

  return (
    <CenteredCard title={unit ? `${unit.compilingUnit} · 登录` : '登录'}>
      {notice && !failure ? <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} /> : null}
      {failure ? (
        <Alert
          type={failure.isLocked ? 'error' : 'warning'}
          showIcon
          title={failure.message}
          style={{ marginBottom: 16 }}
          data-testid="login-failure"
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(values) => {
          // Enter pressed again while the first attempt is on its way would count as a second failure.
          if (!login.isPending) login.mutate(values);
        }} requiredMark={false}>
        <Form.Item name="username" label="用户名">
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label="密码">
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          登录
        </Button>
      </Form>
    </CenteredCard>
  );
}
