import { Col, Form, Input, Row } from 'antd';

/**
 * The second person (NIST SP 800-88 Rev. 1 Appendix G "validated by"; for 涉密 media the two-person
 * supervision of the hand-off): present at this terminal, they confirm with their own username and password.
 */
export function WitnessFields({ role }: { role: '复核人' | '监督人' }) {
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name="witness" label={`${role}用户名`} required extra={`${role}须是本人以外的在岗人员，在场确认`}>
          <Input maxLength={32} autoComplete="off" spellCheck={false} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="witnessPassword" label={`${role}密码`} required extra={`由${role}本人输入其登录密码`}>
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
      </Col>
    </Row>
  );
}
