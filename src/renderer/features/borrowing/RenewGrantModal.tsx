import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { MAX_GRANT_DAYS, type AccessRequestDto } from '../../../contract';
import { call } from '../../app/api';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../components/useApiError';
import { ACCESS_LIST_KEY } from './accessKeys';
import { DEFAULT_DAYS } from './borrowingModel';

interface Values {
  days: number;
  confirmPassword: string;
}

/** 续借 by the archive department: the grant runs on from its end (or from now, if it has ended); password again. */
export function RenewGrantModal({ request, onClose }: { request: AccessRequestDto | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const renew = useMutation({
    mutationFn: (values: Values) => call('access.renew', { requestId: request!.id, days: values.days, confirmPassword: values.confirmPassword ?? '' }),
    onSuccess: (renewed) => {
      void message.success(`已续借至 ${formatDateTime(renewed.grant?.endsAt)}`);
      void queryClient.invalidateQueries({ queryKey: ACCESS_LIST_KEY });
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (!request) return;
    form.resetFields();
    form.setFieldsValue({ days: DEFAULT_DAYS, confirmPassword: '' });
  }, [request, form]);

  return (
    <FormModal open={request !== null} title="续借" okText="续借" isPending={renew.isPending} form={form} focusField="days" onClose={() => !renew.isPending && onClose()}>
      {request?.grant ? (
        <Typography.Paragraph>
          {request.requestedByName} 借阅 {request.caseNumber}，现授权至 {formatDateTime(request.grant.endsAt)}
          {request.grant.state === 'expired' ? '（已到期，续借自现在起算）' : '，续借自到期时起算'}。
        </Typography.Paragraph>
      ) : null}
      <Form form={form} name="access-renew" layout="vertical" onFinish={(values) => !renew.isPending && renew.mutate(values)}>
        <Form.Item name="days" label="续借天数" required extra={`1 至 ${MAX_GRANT_DAYS} 天`}>
          <InputNumber min={1} max={MAX_GRANT_DAYS} precision={0} suffix="天" style={{ width: 160 }} />
        </Form.Item>
        <ConfirmPasswordField extra="续借须再次输入您本人的登录密码" />
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
