import { StopOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography } from 'antd';
import { progressPercent } from './format';
import type { JobState } from './useJob';

/** A running job: its step, done / total, a progress bar and 取消. */
export function JobProgress({ job, onCancel, isCancelling, testId }: { job: JobState; onCancel: () => void; isCancelling: boolean; testId?: string }) {
  return (
    <Flex vertical gap={4} data-testid={testId} role="status" aria-live="polite">
      <Flex align="center" gap={12}>
        <Typography.Text>{job.label}</Typography.Text>
        {job.total > 0 ? (
          <Typography.Text type="secondary">
            {job.done} / {job.total}
          </Typography.Text>
        ) : null}
      </Flex>
      <Flex align="center" gap={12}>
        <Progress percent={progressPercent(job.done, job.total)} status="active" style={{ flex: 1, margin: 0 }} />
        <Button danger icon={<StopOutlined />} loading={isCancelling} onClick={onCancel}>
          取消
        </Button>
      </Flex>
    </Flex>
  );
}
