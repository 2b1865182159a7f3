import { Form, Input } from 'antd';

/**
 * 确认密码: sensitive actions (approve, renew, archive, change roles; issue 5 item 6) carry the
 * signed-in person's own password again as `confirmPassword`; the core checks it before anything runs
 * and puts a wrong one back on this field.
 */
export function ConfirmPasswordField({ extra = '敏感操作须再次输入您本人的登录密码' }: { extra?: string }) {
  return (
    <Form.Item name="confirmPassword" label="确认密码" required extra={extra}>
      <Input.Password autoComplete="current-password" maxLength={128} />
    </Form.Item>
  );
}
