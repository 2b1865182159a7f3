import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import type { DisposalDto } from '../../../contract';
import { call } from '../../app/api';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../components/useApiError';
import { ERECORDS_KEY } from './erecordsModel';

/**
 * 批准销毁 (DB3206/T 1060 §6.1.2 Table 2): the records' files leave the store, their rows stay as the
 * evidence, and a signed certificate lists them. The password is asked again; never the asker's own.
 */
export function ApproveDisposalModal({ disposal, onClose }: { disposal: DisposalDto | null; onClose: () => void }) {
  const [form] = Form.useForm<{ note: string; confirmPassword: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const approve = useMutation({
    mutationFn: (values: { note: string; confirmPassword: string }) =>
      call('erecords.approveDisposal', { disposalId: disposal!.id, note: (values.note ?? '').trim(), confirmPassword: values.confirmPassword ?? '' }),
    onSuccess: (done) => {
      void message.success(done.certificate ? `已批准并销毁，证书 ${done.certificate.number}` : '已批准销毁');
      void queryClient.invalidateQueries({ queryKey: ERECORDS_KEY });
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  useEffect(() => {
    if (!disposal) return;
    form.resetFields();
  }, [disposal, form]);
  return (
    <FormModal open={disposal !== null} title="批准销毁电子记录" okText="批准销毁" isDanger isPending={approve.isPending} form={form} focusField="note" width={600} onClose={() => !approve.isPending && onClose()}>
      {disposal ? (
        <>
          <Typography.Paragraph>
            {disposal.requestedByName} 申请销毁 {disposal.records.length} 条保存期满的电子记录（理由：{disposal.reason}）：
          </Typography.Paragraph>
          <ul style={{ maxHeight: 160, overflow: 'auto' }}>
            {disposal.records.map((r) => (
              <li key={r.id}>
                {r.name}
                {r.disposalDueOn ? `（${r.disposalDueOn} 期满）` : ''}
              </li>
            ))}
          </ul>
          <Typography.Paragraph type="secondary">批准后记录文件从存储中删除，不可恢复；记录的名称、哈希和日期保留为凭证，并出具销毁证书。</Typography.Paragraph>
        </>
      ) : null}
      <Form form={form} name="erecord-disposal-approve" layout="vertical" onFinish={(v) => !approve.isPending && approve.mutate(v)}>
        <Form.Item name="note" label="审批意见">
          <Input maxLength={200} placeholder="可不填" />
        </Form.Item>
        <ConfirmPasswordField extra="批准销毁须再次输入您本人的登录密码" />
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
