import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import type { AccessRequestDto } from '../../../contract';
import { call } from '../../app/api';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../components/useApiError';
import { ACCESS_LIST_KEY } from './accessKeys';
import { approveRequest, grantScope, type ApproveValues } from './borrowingModel';

/**
 * 批准借阅 (DB3206/T 1060 §4.10.2): the archive department may shorten the period and leave out print
 * or export (the switches only narrow what was asked), adds a note, and gives its password again.
 */
export function ApproveModal({ request, onClose }: { request: AccessRequestDto | null; onClose: () => void }) {
  const [form] = Form.useForm<ApproveValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const approve = useMutation({
    mutationFn: (values: ApproveValues) => call('access.approve', approveRequest(request!, values)),
    onSuccess: (approved) => {
      void message.success(`已批准 ${approved.requestedByName} 借阅 ${approved.caseNumber}`);
      void queryClient.invalidateQueries({ queryKey: ACCESS_LIST_KEY });
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (!request) return;
    form.resetFields();
    form.setFieldsValue({ days: request.days, print: request.wantPrint, export: request.wantExport, note: '', confirmPassword: '' });
  }, [request, form]);

  return (
    <FormModal open={request !== null} title="批准借阅" okText="批准" isPending={approve.isPending} form={form} focusField="days" width={560} onClose={() => !approve.isPending && onClose()}>
      {request ? (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="申请人">{request.requestedByName}</Descriptions.Item>
          <Descriptions.Item label="案件">
            {request.caseNumber}（{request.cause}）
          </Descriptions.Item>
          <Descriptions.Item label="借阅目的">{request.purpose}</Descriptions.Item>
          <Descriptions.Item label="申请">
            {request.days} 天，{grantScope({ print: request.wantPrint, export: request.wantExport })}
          </Descriptions.Item>
          <Descriptions.Item label="申请时间与终端">
            {formatDateTime(request.requestedAt)}，{request.terminalId}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Form form={form} name="access-approve" layout="vertical" onFinish={(values) => !approve.isPending && approve.mutate(values)}>
        <Form.Item name="days" label="批准天数" required extra={request ? `不超过申请的 ${request.days} 天，自批准时起算` : undefined}>
          <InputNumber min={1} max={request?.days ?? 1} precision={0} suffix="天" style={{ width: 160 }} />
        </Form.Item>
        <Space size="large" align="start">
          <Form.Item name="print" label="允许打印" valuePropName="checked" extra={request && !request.wantPrint ? '未申请打印' : undefined}>
            <Switch disabled={!request?.wantPrint} />
          </Form.Item>
          <Form.Item name="export" label="允许导出" valuePropName="checked" extra={request && !request.wantExport ? '未申请导出' : undefined}>
            <Switch disabled={!request?.wantExport} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="审批意见">
          <Input maxLength={200} placeholder="可不填" />
        </Form.Item>
        <ConfirmPasswordField extra="批准借阅须再次输入您本人的登录密码" />
        <button type="submit" hidden />
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        查阅时每一页都带有查阅人、终端和时间的水印；打印和导出只在此处允许时可用。批准记入审计日志。
      </Typography.Paragraph>
    </FormModal>
  );
}
