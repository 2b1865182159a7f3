import { useMutation } from '@tanstack/react-query';
import { Form, Input, Typography } from 'antd';
import { useId, type ReactNode } from 'react';
import { FormModal } from './FormModal';
import { useApiError } from './useApiError';

export interface ReasonModalProps {
  open: boolean;
  title: string;
  /** What will happen, above the field. */
  intro: ReactNode;
  label: string;
  okText: string;
  isDanger?: boolean;
  placeholder?: string;
  /** The call to make with the reason; a refusal shows under the field (or as a message). */
  submit: (reason: string) => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
}

/**
 * One required reason before an act that the record keeps (删除原因, 更正原因): the modal, its form,
 * focus on open, Enter to submit, the core's refusal under the field.
 */
export function ReasonModal({ open, title, intro, label, okText, isDanger, placeholder, submit, onDone, onClose }: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  // Several of these may be mounted at once (forceRender); a form name keeps each label on its own field.
  const formName = `reason${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const showError = useApiError();
  const mutation = useMutation({
    mutationFn: ({ reason }: { reason: string }) => submit((reason ?? '').trim()),
    onSuccess: () => onDone(),
    onError: (error) => showError(error, form),
  });
  return (
    <FormModal open={open} title={title} okText={okText} isDanger={isDanger} isPending={mutation.isPending} form={form} focusField="reason" onClose={onClose}>
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <Form form={form} name={formName} layout="vertical" onFinish={(values) => mutation.mutate(values)} preserve={false}>
        <Form.Item name="reason" label={label} required>
          <Input maxLength={200} placeholder={placeholder} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
