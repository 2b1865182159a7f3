import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect } from 'react';
import { ApiFailure, CLASSIFICATIONS, MEDIUM_KINDS, MEDIUM_KIND_LABELS, isStateSecret, type Classification, type MediaSettingsDto, type MediumDto, type MediumKind } from '../../../contract';
import { call } from '../../app/api';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../components/useApiError';
import { MEDIA_KEY, MEDIA_SETTINGS_KEY, capacityFromGb, fitsTagPattern } from './mediaModel';
import { DEVICE_PATH_KINDS, DevicePathField } from './DevicePathField';

interface Values {
  tag: string;
  kind: MediumKind;
  classification: Classification;
  brand: string;
  model: string;
  serial: string;
  capacityGb: number | null;
  department: string;
  note: string;
  device: string;
}

async function readSettingsIfAllowed(): Promise<MediaSettingsDto | null> {
  try {
    return await call('media.settings');
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'forbidden') return null;
    throw error;
  }
}

/**
 * 登记存储介质 (DB3206/T 1060 §6.1.3 a): the asset tag in the unit's pattern, kind, 密级 and the rest of
 * the register's fields. With a device path the core writes the signed identity record onto the medium
 * at once (§6.1.3 e), so that it is recognised, and refused when it is not the one it claims to be.
 */
export function RegisterMediumModal({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered: (medium: MediumDto) => void }) {
  const [form] = Form.useForm<Values>();
  const { session } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  // The pattern is for the hint and a first check; the core checks it again on every registration, so
  // a role that may not read the settings just goes without the hint.
  const settings = useQuery({ queryKey: MEDIA_SETTINGS_KEY, queryFn: readSettingsIfAllowed, enabled: open });
  const pattern = settings.data?.assetTagPattern ?? null;
  const example = settings.data?.assetTagExample ?? null;

  const register = useMutation({
    mutationFn: (values: Values) =>
      call('media.register', {
        tag: values.tag,
        kind: values.kind,
        classification: values.classification,
        brand: values.brand ?? '',
        model: values.model ?? '',
        serial: values.serial ?? '',
        capacityBytes: capacityFromGb(values.capacityGb),
        department: values.department ?? '',
        note: values.note ?? '',
        ...(values.device?.trim() ? { device: values.device.trim() } : {}),
      }),
    onSuccess: (medium) => {
      void message.success(medium.identityWrittenAt ? `已登记 ${medium.tag}，身份记录已写入介质` : `已登记 ${medium.tag}`);
      void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
      onRegistered(medium);
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'usb-flash', classification: '非涉密', department: session.user.department, brand: '', model: '', serial: '', note: '', device: '', capacityGb: null });
  }, [open, form, session.user.department]);

  const classification = Form.useWatch('classification', form);

  return (
    <FormModal open={open} title="登记存储介质" okText="登记" isPending={register.isPending} form={form} focusField="tag" width={720} onClose={() => !register.isPending && onClose()}>
      <Form form={form} name="media-register" layout="vertical" onFinish={(values) => !register.isPending && register.mutate(values)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="tag"
              label="资产编号"
              required
              extra={example ? `按本单位资产编号规则填写，例如 ${example}` : '按本单位资产编号规则填写'}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if (!value?.trim()) throw new Error('请填写资产编号');
                    if (pattern && fitsTagPattern(pattern, value) === false) {
                      throw new Error(example ? `资产编号不符合本单位规则，例如 ${example}` : '资产编号不符合本单位规则');
                    }
                  },
                },
              ]}
            >
              <Input maxLength={40} style={{ textTransform: 'uppercase' }} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label="介质类型" required>
              <Select options={MEDIUM_KINDS.map((k) => ({ value: k, label: MEDIUM_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="classification"
              label="密级"
              required
              extra={classification && isStateSecret(classification) ? '涉密介质不能用软件清除，报废时须交有资质机构销毁' : undefined}
            >
              <Select options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="department" label="所属部门" required>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="brand" label="品牌">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="model" label="型号">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="capacityGb" label="容量（GB）">
              <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="serial" label="硬件序列号">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="note" label="备注">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <DevicePathField extra={`可不填。填写后立即在介质上写入本单位签名的身份记录（第 6.1.3 条 e）：${DEVICE_PATH_KINDS}。`} />
          </Col>
        </Row>
        <button type="submit" hidden />
      </Form>
    </FormModal>
  );
}
