import { Flex, Steps, Tag, Typography } from 'antd';
import { ROLE_LABELS, type MediaRequestDto } from '../../../contract';
import { formatDateTime } from '../../components/format';
import { REQUEST_STATUS_COLORS, REQUEST_STATUS_LABELS, stepStates, type StepState } from './mediaModel';

const STEP_STATUS: Record<StepState, 'finish' | 'process' | 'wait' | 'error'> = { done: 'finish', waiting: 'process', later: 'wait', rejected: 'error' };

/** Each step of a request's approval chain (§6.1.3 c): who took it and when, or which role it waits for. */
export function RequestChain({ request }: { request: MediaRequestDto }) {
  const states = stepStates(request);
  return (
    <Steps
      size="small"
      orientation="vertical"
      data-testid="request-chain"
      items={request.steps.map((step, i) => ({
        status: STEP_STATUS[states[i]!],
        title: step.label,
        content: step.at ? (
          <Flex vertical>
            <span>
              {step.byName ?? step.by} {formatDateTime(step.at)}
            </span>
            {step.note ? <Typography.Text type="secondary">意见：{step.note}</Typography.Text> : null}
          </Flex>
        ) : states[i] === 'rejected' ? (
          <Typography.Text type="danger">
            {request.rejectedBy ?? ''} 不予批准：{request.rejectReason}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">由{ROLE_LABELS[step.role]}办理</Typography.Text>
        ),
      }))}
    />
  );
}

export function RequestStatusTag({ request }: { request: MediaRequestDto }) {
  return (
    <Tag color={REQUEST_STATUS_COLORS[request.status]} style={{ marginInlineEnd: 0 }}>
      {REQUEST_STATUS_LABELS[request.status]}
    </Tag>
  );
}
