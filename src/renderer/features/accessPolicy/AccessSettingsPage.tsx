import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import type { AccessSettingsDto } from '../../../contract';
import { call } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/apiErrors';
import { useApiError } from '../../components/useApiError';
import { PRE_ARCHIVE_ROLE_OPTIONS, preArchiveReadersOf } from './policyModel';

const SETTINGS_KEY = ['access.settings'] as const;

/**
 * 访问策略, the security administrator's (DB3206/T 1060 §4.10.1): who besides the case's own people may
 * read a case before it is archived, and after how many idle minutes a reading session ends.
 */
export function AccessSettingsPage() {
  const [form] = Form.useForm<AccessSettingsDto>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => call('access.settings'), staleTime: 0 });
  const save = useMutation({
    mutationFn: (values: AccessSettingsDto) => call('access.updateSettings', { preArchiveReaders: preArchiveReadersOf(values.preArchiveReaders), readingIdleMinutes: values.readingIdleMinutes }),
    onSuccess: (saved) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
      form.setFieldsValue(saved);
      void message.success('访问策略已保存');
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  return (
    <div>
      <PageHeader title="访问策略" />
      {settings.isError ? <Alert type="error" showIcon title={errorMessage(settings.error)} style={{ marginBottom: 12 }} /> : null}
      {settings.isPending ? (
        <Skeleton active />
      ) : settings.isSuccess ? (
        <Card size="small" style={{ maxWidth: 720 }}>
          <Form form={form} name="access-settings" layout="vertical" onFinish={(values) => save.mutate(values)} disabled={save.isPending}>
            <Form.Item
              name="preArchiveReaders"
              label="归档前可查阅案件的角色"
              extra="归档前，本案承办人（及登记案件的人员）始终可以查阅；档案管理部门可整理已结案的卷宗。此处勾选的角色也可查阅（DB3206/T 1060 第 4.10.1 条）。归档后一律须经借阅审批，在指定终端查阅。"
            >
              <Checkbox.Group options={PRE_ARCHIVE_ROLE_OPTIONS} />
            </Form.Item>
            <Form.Item name="readingIdleMinutes" label="阅览室无操作自动结束（分钟）" required extra="查阅中超过此时间无操作，查阅会话结束，须重新进入阅览室。1 至 60 分钟。">
              <InputNumber min={1} max={60} precision={0} suffix="分钟" style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
            <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
              修改记入审计日志，立即生效。
            </Typography.Text>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
