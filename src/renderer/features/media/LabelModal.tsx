import { useMutation } from '@tanstack/react-query';
import { Form, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { LABEL_SIZES, LABEL_SIZE_LABELS, type FileRef, type LabelSize } from '../../../contract';
import { call } from '../../app/api';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../components/useApiError';

/**
 * 打印标签 (DB3206/T 1060 §6.1.3 b): the chosen media on a label sheet of the chosen stock; the core
 * makes the PDF from the register (tag, 密级, QR code, Code 128), so the label says what the register says.
 */
export function LabelModal({ tags, onClose, onMade }: { tags: string[] | null; onClose: () => void; onMade: (file: FileRef) => void }) {
  const [form] = Form.useForm<{ size: LabelSize }>();
  const showError = useApiError();
  const make = useMutation({
    mutationFn: ({ size }: { size: LabelSize }) => call('media.label', { tags: tags!, size }),
    onSuccess: (file) => onMade(file),
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (!tags) return;
    form.resetFields();
    form.setFieldsValue({ size: '60x40' });
  }, [tags, form]);

  return (
    <FormModal open={tags !== null} title="打印介质标签" okText="生成标签" isPending={make.isPending} form={form} focusField="size" onClose={() => !make.isPending && onClose()}>
      <Typography.Paragraph>
        为 {tags?.length ?? 0} 个介质生成标签：{tags?.join('、')}
      </Typography.Paragraph>
      <Form form={form} name="media-label" layout="vertical" onFinish={(values) => !make.isPending && make.mutate(values)}>
        <Form.Item name="size" label="标签规格" required extra="标签上有资产编号、密级、二维码和条码，内容取自台账">
          <Select options={LABEL_SIZES.map((s) => ({ value: s, label: LABEL_SIZE_LABELS[s] }))} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
