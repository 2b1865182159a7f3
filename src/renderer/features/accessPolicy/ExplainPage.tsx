import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { ACCESS_ACTION_LABELS, ACCESS_ACTIONS, DENY_CODE_LABELS, GRANT_FACT_LABELS, ROLE_LABELS, type AccessExplainDto } from '../../../contract';
import { call } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../components/useApiError';
import { explainRequest, type ExplainValues } from './policyModel';

const ACTION_OPTIONS = ACCESS_ACTIONS.map((action) => ({ value: action, label: `${ACCESS_ACTION_LABELS[action]}（${action}）` }));

/**
 * 策略查询: asks the one access policy what it would answer for a person, action, case and terminal,
 * and shows the reason and the facts it used, e.g. to explain a refusal found in the audit log.
 */
export function ExplainPage() {
  const [form] = Form.useForm<ExplainValues>();
  const showError = useApiError();
  const explain = useMutation({
    mutationFn: (values: ExplainValues) => call('access.explain', explainRequest(values)),
    onError: (error) => showError(error, form),
  });

  return (
    <div>
      <PageHeader title="策略查询" />
      <Typography.Paragraph type="secondary">
        查询某人在某终端上能否对某案件进行某项操作，以及访问策略依据的事实。用于解释审计日志中的拒绝记录；查询本身不显示案件内容。
      </Typography.Paragraph>
      <Card size="small" style={{ maxWidth: 900, marginBottom: 16 }}>
        <Form
          form={form}
          name="access-explain"
          layout="inline"
          initialValues={{ action: 'view' }}
          onFinish={(values) => explain.mutate(values)}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="username" label="用户名" required>
            <Input autoFocus style={{ width: 140 }} maxLength={32} />
          </Form.Item>
          <Form.Item name="action" label="操作" required>
            <Select options={ACTION_OPTIONS} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="caseNumber" label="案件编号" required>
            <Input style={{ width: 220 }} maxLength={60} />
          </Form.Item>
          <Form.Item name="terminalId" label="终端">
            <Input style={{ width: 160 }} maxLength={20} placeholder="默认为本终端" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={explain.isPending}>
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {explain.data ? <ExplainResult result={explain.data} /> : null}
    </div>
  );
}

function ExplainResult({ result }: { result: AccessExplainDto }) {
  const f = result.facts;
  return (
    <Card size="small" style={{ maxWidth: 900 }} data-testid="explain-result">
      <Alert
        type={result.allow ? 'success' : 'error'}
        showIcon
        icon={result.allow ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
        title={
          <Flex gap={8} align="center">
            <Typography.Text strong data-testid="explain-decision">
              {result.allow ? '允许' : '拒绝'}
            </Typography.Text>
            {result.code ? <Tag>{DENY_CODE_LABELS[result.code] ?? result.code}</Tag> : null}
          </Flex>
        }
        description={<span data-testid="explain-reason">{result.reason}</span>}
        style={{ marginBottom: 12 }}
      />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title="依据的事实">
        <Descriptions.Item label="用户名">{f.username}</Descriptions.Item>
        <Descriptions.Item label="部门">{f.department || '（未填写）'}</Descriptions.Item>
        <Descriptions.Item label="角色" span={2}>
          {f.roles.length ? f.roles.map((role) => <Tag key={role}>{ROLE_LABELS[role]}</Tag>) : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="案件编号">{f.caseNumber}</Descriptions.Item>
        <Descriptions.Item label="案件状态">{f.caseState}</Descriptions.Item>
        <Descriptions.Item label="承办部门">{f.caseDepartment}</Descriptions.Item>
        <Descriptions.Item label="本案人员">{f.personOfCase ? '是（承办人或登记人）' : '否'}</Descriptions.Item>
        <Descriptions.Item label="终端">{f.terminalId}</Descriptions.Item>
        <Descriptions.Item label="指定查阅终端">{f.designatedTerminal ? '是' : '否'}</Descriptions.Item>
        <Descriptions.Item label="借阅授权" span="filled">
          {GRANT_FACT_LABELS[f.grant]}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
