import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import type { RecordDto, RecordInput } from '../../../contract';
import { call } from '../../app/api';
import { useApiError } from '../../components/useApiError';
import { groupCatalog } from './catalog';

interface RecordFormValues {
  type?: string;
  title?: string;
  documentNumber?: string;
  responsible?: string;
  date?: Dayjs | null;
  approvedOn?: Dayjs | null;
}

const toDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Add a record (文书) to a case, or edit one. */
export function RecordFormModal({
  open,
  caseId,
  existing,
  onClose,
}: {
  open: boolean;
  caseId: string;
  existing?: RecordDto;
  onClose: () => void;
}) {
  const [form] = Form.useForm<RecordFormValues>();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const catalog = useQuery({ queryKey: ['catalog.list'], queryFn: () => call('catalog.list'), staleTime: Infinity });
  const groups = useMemo(() => groupCatalog(catalog.data ?? []), [catalog.data]);
  const type = Form.useWatch('type', form);
  const entry = catalog.data?.find((e) => e.name === type);

  useEffect(() => {
    if (!open) return;
    // One form instance serves every opening; start each from a clean slate.
    form.resetFields();
    form.setFieldsValue(
      existing
        ? {
            type: existing.type,
            title: existing.title,
            documentNumber: existing.documentNumber,
            responsible: existing.responsible,
            date: dayjs(existing.date),
            approvedOn: existing.approvedOn ? dayjs(existing.approvedOn) : null,
          }
        : {},
    );
  }, [open, existing, form]);

  const save = useMutation({
    mutationFn: (values: RecordFormValues) => {
      const record: RecordInput = {
        type: values.type ?? '',
        title: values.title ?? '',
        documentNumber: values.documentNumber ?? '',
        responsible: values.responsible ?? '',
        date: toDate(values.date) as string,
        approvedOn: entry?.isApprovalForm ? (toDate(values.approvedOn) ?? null) : null,
      };
      return existing ? call('records.update', { recordId: existing.id, patch: record }) : call('records.add', { caseId, record });
    },
    onSuccess: (saved) => {
      void message.success(existing ? '文书已保存' : `已添加文书：${saved.title}`);
      void queryClient.invalidateQueries({ queryKey: ['cases.get', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['cases.list'] });
      onClose();
    },
    onError: (error) => showError(error, form, existing ? ['patch'] : ['record']),
  });

  return (
    <Modal
      title={existing ? '编辑文书' : '添加文书'}
      open={open}
      width={680}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('type');
      }}
      forceRender
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} preserve={false}>
        <Form.Item name="type" label="类型" required extra={entry ? `${entry.stage} · ${entry.category}` : '按《全过程记录清单》（附录 A）选择，可输入文字查找'}>
          <Select
           
            showSearch={{ optionFilterProp: 'label' }}
            options={groups}
            loading={catalog.isPending}
            placeholder="选择文书类型"
            onChange={(value: string) => {
              if (!form.getFieldValue('title')) form.setFieldValue('title', value);
            }}
          />
        </Form.Item>
        <Form.Item name="title" label="题名" required>
          <Input />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="documentNumber" label="文号">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="responsible" label="责任者" required>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="date" label="日期" required>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {entry?.isApprovalForm ? (
            <Col span={12}>
              <Form.Item name="approvedOn" label="审批日期" extra="审批类文书的审批日期，立案、结案日期以此为准">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        {catalog.isError ? <Typography.Text type="danger">文书目录加载失败，请关闭后重试</Typography.Text> : null}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
