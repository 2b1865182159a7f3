import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { call } from '../../app/api';
import { useApiError } from '../../components/useApiError';
import { SIGNING_STATUS_KEY, base64OfDataUrl } from './certificateFormat';

interface Values {
  pkcs12Base64: string;
  password: string;
}

/** A chosen .pfx read in the renderer as base64: the core gets the bytes, never a path. */
function PfxFileInput({ value, onChange }: { value?: string; onChange?: (base64: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  const read = (file: File) => {
    const reader = new FileReader();
    reader.onload = () => {
      setName(file.name);
      onChange?.(base64OfDataUrl(String(reader.result)));
    };
    reader.readAsDataURL(file);
  };
  return (
    <Space>
      <input
        ref={input}
        type="file"
        accept=".pfx,.p12,application/x-pkcs12"
        aria-label="证书文件"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) read(file);
          event.target.value = '';
        }}
      />
      <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
        选择 .pfx 文件
      </Button>
      <Typography.Text type={value ? undefined : 'secondary'} data-testid="pfx-file-name">
        {value && name ? name : '未选择文件'}
      </Typography.Text>
    </Space>
  );
}

/** 导入证书: a CA-issued PKCS#12 becomes the current certificate; the key is re-sealed at once. */
export function ImportCertificateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const importPfx = useMutation({
    mutationFn: (values: Values) => call('signing.importPkcs12', values),
    onSuccess: (certificate) => {
      void queryClient.invalidateQueries({ queryKey: SIGNING_STATUS_KEY });
      void message.success(`已导入证书（${certificate.subject}），自现在起用它签章`);
      form.resetFields();
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Modal
      title="导入证书"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="导入"
      confirmLoading={importPfx.isPending}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">
        选择 CA 颁发的 PKCS#12 证书文件（.pfx/.p12，须包含私钥），输入颁发机构提供的证书密码。导入后新证书成为当前证书；以往证书保留，其签章的文件仍可验证。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => importPfx.mutate(values)}>
        <Form.Item name="pkcs12Base64" label="证书文件" required rules={[{ required: true, message: '请选择证书文件' }]}>
          <PfxFileInput />
        </Form.Item>
        <Form.Item name="password" label="证书密码" initialValue="">
          <Input.Password autoComplete="off" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
