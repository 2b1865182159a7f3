import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Descriptions, Form, Input, InputNumber, Space } from 'antd';
import { useEffect } from 'react';
import { MAX_GRANT_DAYS, type AccessRequestDto } from '../../../contract';
import { call } from '../../app/api';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../components/useApiError';
import { CURRENT_TERMINAL_KEY } from '../terminals/terminalLabels';
import { ACCESS_LIST_KEY } from './accessKeys';
import { DEFAULT_DAYS, renewalDefaults } from './borrowingModel';

/** The archived case asked for; `renews` when the reader asks to extend an earlier grant (申请续借). */
export interface BorrowTarget {
  caseId: string;
  /** Shown when known (the case list knows it; a refused case page does not). */
  caseNumber?: string;
  cause?: string;
  renews?: AccessRequestDto;
}

interface Values {
  purpose: string;
  days: number;
  print: boolean;
  export: boolean;
}

/**
 * 申请借阅 / 申请续借 (DB3206/T 1060 §4.10.2): purpose, days, whether printing or export is needed.
 * Asking is possible only at a designated terminal; the hint says so before sending, the core decides.
 */
export function BorrowRequestModal({ target, onClose, onSubmitted }: { target: BorrowTarget | null; onClose: () => void; onSubmitted?: (request: AccessRequestDto) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const open = target !== null;
  const terminal = useQuery({ queryKey: CURRENT_TERMINAL_KEY, queryFn: () => call('terminals.current'), enabled: open });
  const submit = useMutation({
    mutationFn: (values: Values) =>
      call('access.request', {
        caseId: target!.caseId,
        purpose: (values.purpose ?? '').trim(),
        days: values.days,
        print: Boolean(values.print),
        export: Boolean(values.export),
        ...(target!.renews ? { renews: target!.renews.id } : {}),
      }),
    onSuccess: (request) => {
      void message.success(target?.renews ? '续借申请已提交，请等待档案管理部门审批' : '借阅申请已提交，请等待档案管理部门审批');
      void queryClient.invalidateQueries({ queryKey: ACCESS_LIST_KEY });
      onSubmitted?.(request);
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(target.renews ? renewalDefaults(target.renews) : { purpose: '', days: DEFAULT_DAYS, print: false, export: false });
  }, [target, form]);

  const isRenewal = Boolean(target?.renews);
  return (
    <FormModal
      open={open}
      title={isRenewal ? '申请续借' : '申请借阅'}
      okText="提交申请"
      isPending={submit.isPending}
      form={form}
      focusField="purpose"
      onClose={() => !submit.isPending && onClose()}
    >
      {target?.caseNumber ? (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="案件编号">{target.caseNumber}</Descriptions.Item>
          <Descriptions.Item label="案由">{target.cause}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {terminal.data && !terminal.data.isDesignated ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="borrow-terminal-hint"
          title="本终端不是指定查阅终端"
          description="已归档卷宗只能在档案管理部门指定的查阅终端上申请和查阅（DB3206/T 1060 第 4.10.2 条）。请到档案室的查阅终端提出申请；在本终端提交将被拒绝。"
        />
      ) : null}
      {/* Fields stay enabled while sending, so focus stays put for Escape or a correction after a refusal. */}
      <Form form={form} name="borrow-request" layout="vertical" onFinish={(values) => !submit.isPending && submit.mutate(values)}>
        <Form.Item name="purpose" label="借阅目的" required extra="写明用途，例如：行政复议答复需核对证据材料">
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} onPressEnter={(e) => {
            // Enter sends, as in every form here; Shift+Enter starts a new line.
            if (!e.shiftKey) {
              e.preventDefault();
              form.submit();
            }
          }} />
        </Form.Item>
        <Form.Item name="days" label="借阅天数" required extra={`1 至 ${MAX_GRANT_DAYS} 天；需要更久请到期前申请续借`}>
          <InputNumber min={1} max={MAX_GRANT_DAYS} precision={0} suffix="天" style={{ width: 160 }} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="print" valuePropName="checked" noStyle>
            <Checkbox>需要打印</Checkbox>
          </Form.Item>
          <Form.Item name="export" valuePropName="checked" noStyle>
            <Checkbox>需要导出</Checkbox>
          </Form.Item>
        </Space>
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
