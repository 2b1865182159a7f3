import { ReloadOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { PROCEDURES, type UnitRules } from '../../../contract';
import { call } from '../../app/api';
import { useCan } from '../../app/session';
import { PageFailure } from '../../components/PageFailure';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/apiErrors';
import { useApiError } from '../../components/useApiError';
import { RequiredRecordsEditor } from './RequiredRecordsEditor';
import { typeOptions } from './rulesModel';
import { StageOrderList } from './StageOrderList';
import { StampPositionPicker } from './StampPositionPicker';
import { TypePicker } from './TypePicker';

export const RULES_KEY = ['rules.get'];

/**
 * 组卷规则 (issue 4 items 1, 2, 5): the unit's binding template, the records each procedure requires
 * and where page numbers are stamped. The archive department edits them (the core allows rules.update
 * to 接收归档 only); anyone signed in may read them, so others see them read-only. The form's names
 * are the request's own paths, so a refusal from the core lands under the field it names.
 */
export function RulesPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canEdit = useCan('dossiers.archive');
  const showError = useApiError();
  const [form] = Form.useForm<UnitRules>();
  const [isDirty, setDirty] = useState(false);
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => call('rules.get') });
  const catalog = useQuery({ queryKey: ['catalog.list'], queryFn: () => call('catalog.list'), staleTime: Infinity });
  const options = useMemo(() => typeOptions(catalog.data ?? []), [catalog.data]);

  useEffect(() => {
    if (!rules.data) return;
    form.resetFields();
    form.setFieldsValue(rules.data);
    setDirty(false);
  }, [rules.data, form]);

  const save = useMutation({
    mutationFn: (values: UnitRules) => call('rules.update', values),
    onSuccess: (saved) => {
      queryClient.setQueryData(RULES_KEY, saved);
      // Dossiers not yet archived are ordered and checked by these rules.
      void queryClient.invalidateQueries({ queryKey: ['dossiers.get'] });
      void message.success('组卷规则已保存，尚未归档的卷宗按新规则排序和检查');
    },
    onError: (error) => showError(error, form),
  });

  // The defaults are shown in the form, not saved: the archivist sees them and saves, or undoes.
  const defaults = useMutation({
    mutationFn: () => call('rules.defaults'),
    onSuccess: (values) => {
      form.resetFields();
      form.setFieldsValue(values);
      setDirty(true);
      void message.info('已填入默认规则，检查后点“保存”生效，或点“撤销修改”');
    },
    onError: (error) => showError(error),
  });

  const revert = () => {
    form.resetFields();
    form.setFieldsValue(rules.data!);
    setDirty(false);
  };

  if (rules.isPending) return <Skeleton active />;
  if (rules.isError) return <PageFailure title="组卷规则" message={errorMessage(rules.error)} />;
  const disabled = !canEdit || save.isPending;

  return (
    <>
      <PageHeader
        title={
          <>
            组卷规则
            {isDirty ? (
              <Tag color="orange" style={{ marginInlineStart: 12 }} data-testid="rules-unsaved">
                有未保存的修改
              </Tag>
            ) : null}
          </>
        }
        extra={
          canEdit ? (
            <>
              <Button icon={<ReloadOutlined />} disabled={save.isPending} loading={defaults.isPending} onClick={() => defaults.mutate()}>
                恢复默认
              </Button>
              <Button icon={<UndoOutlined />} disabled={!isDirty || save.isPending} onClick={revert}>
                撤销修改
              </Button>
              <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => form.submit()}>
                保存
              </Button>
            </>
          ) : null
        }
      >
        {canEdit ? null : (
          <Alert style={{ marginTop: 8 }} type="info" showIcon data-testid="rules-read-only" title="组卷规则由档案部门维护。您可以查看，但不能修改；如需调整，请联系档案管理员。" />
        )}
      </PageHeader>
      <Form
        form={form}
        name="unit-rules"
        layout="vertical"
        disabled={disabled}
        onFinish={(values) => save.mutate({ ...rules.data, ...values })}
        onValuesChange={() => setDirty(true)}
      >
        <Row gutter={16} align="top">
          <Col xs={24} xl={10}>
            <Card size="small" title="装订模板" style={{ marginBottom: 16 }} data-testid="binding-template">
              <Form.Item name={['bindingTemplate', 'name']} label="模板名称" required>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name={['bindingTemplate', 'stageOrder']} label="阶段顺序" extra={`卷内文书先按阶段、再按日期排列。${canEdit ? '拖动调整，或在某一行上按 Alt+↑ / Alt+↓。' : ''}`}>
                <StageOrderList disabled={disabled} />
              </Form.Item>
              <Form.Item name={['bindingTemplate', 'secondaryTypes']} label="默认装入副卷的文书类型" extra="其余文书默认装入正卷；组卷时仍可逐件调整。">
                <TypePicker options={options} isLoading={catalog.isPending} placeholder="选择文书类型" ariaLabel="默认装入副卷的文书类型" />
              </Form.Item>
              <Form.Item name={['bindingTemplate', 'generatedTypes']} label="由卷宗自动生成、不作为文书装订的类型" extra="如档案封面、卷宗目录、卷内备考表：组卷时自动生成。">
                <TypePicker options={options} isLoading={catalog.isPending} placeholder="选择文书类型" ariaLabel="由卷宗自动生成的文书类型" />
              </Form.Item>
            </Card>
            <Card size="small" title="页号位置" data-testid="stamp-position">
              <Form.Item name="stampPosition" style={{ marginBottom: 0 }} extra="只在有内容的页面上编号。此后新建的卷宗采用此设置；已有卷宗的页号位置在组卷页面的“目录预览”中调整。">
                <StampPositionPicker />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card size="small" title="必备文书（归档前检查）" styles={{ body: { paddingBottom: 0 } }}>
              <Typography.Paragraph type="secondary">每条规则列出的文书有任一件即满足。级别“必须”：缺少时不能归档；“提醒”：缺少时只提示，不影响归档。</Typography.Paragraph>
              {PROCEDURES.map((procedure) => (
                <RequiredRecordsEditor key={procedure} procedure={procedure} typeOptions={options} isCatalogLoading={catalog.isPending} disabled={disabled} />
              ))}
            </Card>
          </Col>
        </Row>
        {/* Enter in a text field saves, as in every form of the workstation. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </>
  );
}
