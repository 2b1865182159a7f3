import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Select } from 'antd';
import { useEffect } from 'react';
import { MEDIUM_KIND_LABELS, type MediaRequestDto } from '../../../contract';
import { call } from '../../app/api';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../components/useApiError';
import { MEDIA_KEY, isCheckoutable } from './mediaModel';

interface Values {
  tag: string;
  purpose: string;
  days: number;
}

/**
 * 申领存储介质 (DB3206/T 1060 §6.1.3 c): a medium in stock, what it is for and for how long. The request
 * then goes through the unit's approval chain and is filed with the information centre before hand-over.
 * `tag` set: asked from the register's row; unset: chosen here among the media in stock.
 */
export function CheckoutModal({ open, tag, onClose, onSubmitted }: { open: boolean; tag: string | null; onClose: () => void; onSubmitted?: (request: MediaRequestDto) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const inStock = useQuery({
    queryKey: [...MEDIA_KEY, 'list', 'in-stock'],
    queryFn: () => call('media.list', { status: 'in-stock', department: '', holder: '', query: '' }),
    enabled: open && tag === null,
  });
  const submit = useMutation({
    mutationFn: (values: Values) => call('media.checkout', { tag: values.tag, purpose: (values.purpose ?? '').trim(), days: values.days }),
    onSuccess: (request) => {
      void message.success(`已提交 ${request.tag} 的领用申请，等待${request.steps[0]?.label ?? '审批'}`);
      void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
      onSubmitted?.(request);
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ tag: tag ?? undefined, purpose: '', days: 30 });
  }, [open, tag, form]);

  return (
    <FormModal open={open} title="申领存储介质" okText="提交申请" isPending={submit.isPending} form={form} focusField={tag ? 'purpose' : 'tag'} onClose={() => !submit.isPending && onClose()}>
      <Form form={form} name="media-checkout" layout="vertical" onFinish={(values) => !submit.isPending && submit.mutate(values)}>
        <Form.Item name="tag" label="资产编号" required>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={tag !== null}
            loading={inStock.isPending && tag === null}
            placeholder="选择在库的介质"
            options={(tag ? [{ value: tag, label: tag }] : (inStock.data ?? []).filter(isCheckoutable).map((m) => ({ value: m.tag, label: `${m.tag} ${MEDIUM_KIND_LABELS[m.kind]} ${m.classification}` })))}
            notFoundContent="没有在库的介质"
          />
        </Form.Item>
        <Form.Item name="purpose" label="领用用途" required>
          <Input maxLength={200} placeholder="例如：执法记录仪数据转存" />
        </Form.Item>
        <Form.Item name="days" label="领用天数" required extra="到期应归还；1 至 366 天">
          <InputNumber min={1} max={366} precision={0} suffix="天" style={{ width: 160 }} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
