import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { ROLES, ROLE_LABELS, type MediaSettingsDto } from '../../../contract';
import { call } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/apiErrors';
import { useApiError } from '../../components/useApiError';
import { MEDIA_KEY, MEDIA_SETTINGS_KEY, fitsTagPattern } from './mediaModel';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** One approval chain (§6.1.3 c): its steps in order, each a role and the name the step goes by. */
function ChainEditor({ name, title }: { name: 'checkoutChain' | 'wipeChain'; title: string }) {
  return (
    <Card size="small" title={title}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start">
                <Typography.Text style={{ width: 52, paddingTop: 5 }}>第 {index + 1} 步</Typography.Text>
                <Form.Item name={[field.name, 'role']} noStyle>
                  <Select options={ROLE_OPTIONS} style={{ width: 170 }} aria-label={`${title}第 ${index + 1} 步角色`} />
                </Form.Item>
                <Form.Item name={[field.name, 'label']} style={{ flex: 1, marginBottom: 0 }}>
                  <Input maxLength={30} placeholder="步骤名称，例如 部门负责人审批" aria-label={`${title}第 ${index + 1} 步名称`} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} aria-label={`删除${title}第 ${index + 1} 步`} />
              </Flex>
            ))}
            <Button icon={<PlusOutlined />} disabled={fields.length >= 6} onClick={() => add({ role: 'department-head', label: '' })} style={{ alignSelf: 'start' }}>
              添加一步
            </Button>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

/**
 * 介质规则: the unit's asset-tag pattern (§6.1.3 a) with an example that must fit it, and the two
 * approval chains, for checkout (§6.1.3 c) and for wiping (§6.1.3 d).
 */
export function MediaRulesPage() {
  const [form] = Form.useForm<MediaSettingsDto>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const settings = useQuery({ queryKey: MEDIA_SETTINGS_KEY, queryFn: () => call('media.settings'), staleTime: 0 });
  const save = useMutation({
    mutationFn: (values: MediaSettingsDto) =>
      call('media.updateSettings', {
        assetTagPattern: values.assetTagPattern ?? '',
        assetTagExample: (values.assetTagExample ?? '').trim(),
        checkoutChain: values.checkoutChain ?? [],
        wipeChain: values.wipeChain ?? [],
      }),
    onSuccess: (saved) => {
      void message.success('介质规则已保存');
      queryClient.setQueryData(MEDIA_SETTINGS_KEY, saved);
      void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const pattern = Form.useWatch('assetTagPattern', form) ?? '';
  const example = Form.useWatch('assetTagExample', form) ?? '';
  const fits = pattern && example ? fitsTagPattern(pattern, example) : null;

  if (settings.isPending) return <Spin />;
  if (settings.isError) {
    return (
      <>
        <PageHeader title="介质规则" />
        <Alert type="error" showIcon title={errorMessage(settings.error)} />
      </>
    );
  }
  return (
    <div>
      <PageHeader title="介质规则" />
      <Form
        form={form}
        name="media-rules"
        layout="vertical"
        onFinish={(values) => !save.isPending && save.mutate(values)}
        // The page stays after a refusal: a field's refusal goes once the field is changed.
        onValuesChange={(changed: Partial<MediaSettingsDto>) => form.setFields((Object.keys(changed) as (keyof MediaSettingsDto)[]).map((name) => ({ name, errors: [] })))}
        style={{ maxWidth: 760 }}
      >
        <Card size="small" title="资产编号" style={{ marginBottom: 16 }}>
          <Form.Item name="assetTagPattern" label="资产编号规则（正则表达式）" required extra="每个介质的资产编号都须符合此规则，例如 ^[A-Z]{2,8}-\d{4}-\d{4}$">
            <Input maxLength={200} spellCheck={false} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item
            name="assetTagExample"
            label="资产编号示例"
            required
            // A hint, not help: help would hide the core's refusal under the field.
            extra={fits === false ? <Typography.Text type="warning">示例不符合上面的规则</Typography.Text> : '登记介质时作为提示显示'}
          >
            <Input maxLength={40} />
          </Form.Item>
        </Card>
        <Flex vertical gap={16} style={{ marginBottom: 16 }}>
          <ChainEditor name="checkoutChain" title="领用审批流程" />
          <ChainEditor name="wipeChain" title="清除审批流程" />
        </Flex>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </div>
  );
}
