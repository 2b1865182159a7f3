import { useMutation } from '@tanstack/react-query';
import { Button, Col, DatePicker, Form, Input, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { SanitizationCertificateDto, WipePlanDto } from '../../../contract';
import { call } from '../../app/api';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { FileDropZone } from '../../components/FileDropZone';
import { stageGroups } from '../../components/dropFiles';
import { useApiError } from '../../components/useApiError';
import { WitnessFields } from './WitnessFields';

interface Values {
  destructionBody: string;
  destructionCertificateNumber: string;
  handedOverAt: Dayjs | null;
  witness: string;
  witnessPassword: string;
  confirmPassword: string;
}

/**
 * 涉密 media and optical discs (DB3206/T 1060 §6.1.3 d): software is not sufficient, so the app records
 * the hand-off to the certified destruction body under two-person supervision, with the body's own
 * certificate (a scan) attached, and issues the certificate of sanitization.
 */
export function DestructionForm({ plan, onDone }: { plan: WipePlanDto; onDone: (certificate: SanitizationCertificateDto) => void }) {
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const [scan, setScan] = useState<File | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);

  useEffect(() => {
    form.resetFields();
    setScan(null);
  }, [plan.tag, form]);

  const record = useMutation({
    mutationFn: async ({ values, file }: { values: Values; file: File }) => {
      const [path] = await stageGroups([{ folder: null, files: [file] }]);
      return call('media.recordDestruction', {
        tag: plan.tag,
        destructionBody: (values.destructionBody ?? '').trim(),
        destructionCertificateNumber: (values.destructionCertificateNumber ?? '').trim(),
        destructionCertificatePath: path!,
        handedOverAt: values.handedOverAt ? values.handedOverAt.toISOString() : '',
        witness: (values.witness ?? '').trim(),
        witnessPassword: values.witnessPassword ?? '',
        confirmPassword: values.confirmPassword ?? '',
      });
    },
    onSuccess: (certificate) => onDone(certificate),
    onError: (error) => showError(error, form),
  });

  return (
    <Form form={form} name="media-destruction" layout="vertical" onFinish={(values) => {
        if (record.isPending) return;
        if (!scan) setScanError('请选择销毁机构出具的销毁证明扫描件');
        else record.mutate({ values, file: scan });
      }} style={{ maxWidth: 760 }}>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="destructionBody" label="销毁机构" required extra="具有涉密载体销毁资质的机构">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="destructionCertificateNumber" label="销毁证明编号" required>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="handedOverAt" label="交接时间" required>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <FileDropZone
        title={scan ? `销毁证明：${scan.name}` : '销毁证明扫描件'}
        hint="拖入销毁机构出具的销毁证明（PDF 或图片），或选择文件；随证书存档"
        accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff"
        isMultiple={false}
        canChooseFolder={false}
        chooseLabel="选择销毁证明"
        disabled={record.isPending}
        testId="destruction-scan"
        onFiles={(groups) => {
          const file = groups[0]?.files[0] ?? null;
          setScan(file);
          setScanError(null);
        }}
      />
      {scanError ? (
        <Typography.Paragraph type="danger" style={{ marginTop: -8 }}>
          {scanError}
        </Typography.Paragraph>
      ) : null}
      <WitnessFields role="监督人" />
      <ConfirmPasswordField extra="登记销毁须再次输入您本人的登录密码" />
      <Button type="primary" danger htmlType="submit" loading={record.isPending} disabled={plan.approvedRequestId === null}>
        登记交付销毁
      </Button>
    </Form>
  );
}
