import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useMemo } from 'react';
import { CASE_SOURCES, CASE_STATES, PROCEDURES, type CaseDto } from '../../../contract';
import { call } from '../../app/api';
import { useSession } from '../../app/session';
import { useApiError } from '../../components/useApiError';
import { PartyFields } from './PartyFields';
import { emptyCaseForm, handlerOptions, toCaseInput, toFormValues, type CaseFormValues } from './caseFormModel';

/** Create a case, or edit one (`existing`), including its state. */
export function CaseFormModal({
  open,
  existing,
  onClose,
  onSaved,
}: {
  open: boolean;
  existing?: CaseDto;
  onClose: () => void;
  onSaved: (saved: CaseDto) => void;
}) {
  const { session } = useSession();
  const [form] = Form.useForm<CaseFormValues>();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const directory = useQuery({ queryKey: ['users.directory'], queryFn: () => call('users.directory'), enabled: open, staleTime: 60_000 });
  const options = useMemo(() => handlerOptions(directory.data ?? [], existing?.handlers), [directory.data, existing]);

  useEffect(() => {
    if (!open) return;
    // One form instance serves every opening; start each from a clean slate.
    form.resetFields();
    form.setFieldsValue(existing ? toFormValues(existing) : emptyCaseForm(session.user.department));
  }, [open, existing, form, session.user.department]);

  const save = useMutation({
    mutationFn: async (values: CaseFormValues) => {
      const input = toCaseInput(values, options);
      return existing
        ? call('cases.update', { caseId: existing.id, patch: { ...input, state: values.state } })
        : call('cases.create', input);
    },
    onSuccess: (saved) => {
      void message.success(existing ? '案件已保存' : `已新建案件 ${saved.caseNumber}`);
      void queryClient.invalidateQueries({ queryKey: ['cases.list'] });
      void queryClient.invalidateQueries({ queryKey: ['cases.get', saved.id] });
      onSaved(saved);
    },
    onError: (error) => showError(error, form, existing ? ['patch'] : []),
  });

  return (
    <Modal
      title={existing ? `编辑案件 ${existing.caseNumber}` : '新建案件'}
      open={open}
      width={820}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('caseNumber');
      }}
      forceRender
      mask={{ closable: false }}
    >
      {/* Values are kept when fields unmount: 个人 and 单位 render different name/address fields, and
          dropping them on the switch would lose what the case already holds. toCaseInput sends only
          the chosen kind's fields. */}
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="caseNumber" label="案件编号" required>
              <Input placeholder="例如：某烟立〔2024〕12号" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="cause" label="案由" required>
              <Input placeholder="例如：涉嫌无烟草专卖品准运证运输烟草专卖品" />
            </Form.Item>
          </Col>
        </Row>
        <PartyFields />
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="source" label="案件来源" required>
              <AutoComplete
                options={CASE_SOURCES.map((s) => ({ value: s }))}
                placeholder="选择或填写"
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="procedure" label="程序" required>
              <Select options={PROCEDURES.map((p) => ({ value: p, label: p }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="department" label="承办部门" required>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="handlers" label="承办人" required extra="从本单位人员中选择，或输入姓名后按回车">
          <Select
            mode="tags"
            options={options}
            loading={directory.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            tokenSeparators={['，', ',']}
            placeholder="选择或输入承办人"
          />
        </Form.Item>
        <Form.Item name="disposition" label="处理结果">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder="应与行政处罚决定书及其执行情况一致" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={existing ? 8 : 12}>
            <Form.Item name="openedOn" label="立案日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={existing ? 8 : 12}>
            <Form.Item name="closedOn" label="结案日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {existing ? (
            <Col span={8}>
              <Form.Item name="state" label="状态">
                <Select options={CASE_STATES.map((s) => ({ value: s, label: s }))} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
