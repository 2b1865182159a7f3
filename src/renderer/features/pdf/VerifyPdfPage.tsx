import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Tag, Typography } from 'antd';
import type { PdfVerifyResult } from '../../../contract';
import { call } from '../../app/api';
import { stageGroups } from '../../components/dropFiles';
import { FileDropZone } from '../../components/FileDropZone';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../components/useApiError';
import { VERIFY_STATUS_LABELS, formatBeijingTime, formatBytes } from './pdfFormat';

const yesNo = (value: boolean) => (value ? <Tag color="green">是</Tag> : <Tag color="red">否</Tag>);

function VerifyResultPanel({ result, path }: { result: PdfVerifyResult; path: string }) {
  const status = result.status;
  return (
    <Card data-testid="pdf-verify-result" style={{ maxWidth: 900 }}>
      <Result
        style={{ padding: '8px 0 16px' }}
        status={status === 'valid' ? 'success' : status === 'invalid' ? 'error' : 'warning'}
        title={<span data-testid="pdf-verify-status">{VERIFY_STATUS_LABELS[status]}</span>}
        subTitle={
          status === 'valid'
            ? '签章有效：文件自签章以来未被改动，签章人为本单位证书。'
            : status === 'invalid'
              ? '签章无效：文件不能作为本单位签章的原件使用。'
              : '无法读取：该文件不是可识别的签章 PDF。'
        }
      />
      {result.reasons.length > 0 ? (
        <Alert
          type={status === 'unreadable' ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title="原因"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="pdf-verify-reasons">
              {result.reasons.map((reason, i) => (
                <li key={i} style={{ whiteSpace: 'pre-line' }}>
                  {reason}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 200 } }}>
        <Descriptions.Item label="文件">
          <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
            {path}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="签章人">
          {result.signer ? (
            <>
              {result.signer.subject}{' '}
              {result.isSignerTrusted ? <Tag color="green">本单位证书</Tag> : <Tag color="orange">非本单位证书</Tag>}
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="签章时间（北京时间）">{result.signedAt ? formatBeijingTime(result.signedAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label="签章覆盖全文">{status === 'unreadable' ? '—' : yesNo(result.coversWholeFile)}</Descriptions.Item>
        <Descriptions.Item label="禁止修改（DocMDP P=1）">{status === 'unreadable' ? '—' : yesNo(result.hasDocMdpP1)}</Descriptions.Item>
        <Descriptions.Item label="文件大小">{result.bytes > 0 ? formatBytes(result.bytes) : '—'}</Descriptions.Item>
        <Descriptions.Item label="文件 SHA-256">
          {result.fileSha256 ? (
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="pdf-verify-sha256">
              {result.fileSha256}
            </Typography.Text>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** 验证 PDF: any signed-in user checks a certified PDF against every certificate the unit has signed with. */
export function VerifyPdfPage() {
  const [form] = Form.useForm<{ path?: string }>();
  const showError = useApiError();
  const verify = useMutation({
    mutationFn: ({ path }: { path: string; shownAs: string }) => call('pdf.verify', { path }),
    onError: (error) => showError(error, form),
  });
  // A dropped or chosen file: its path here (the app) or an uploaded copy (the web host).
  const verifyLocal = useMutation({
    mutationFn: async (file: File) => {
      const [path] = await stageGroups([{ folder: null, files: [file] }]);
      return verify.mutateAsync({ path: path!, shownAs: file.name });
    },
    onError: (error) => showError(error),
  });

  return (
    <>
      <PageHeader title="验证 PDF" />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        检查签章 PDF 自签章以来是否被改动、签章人是否为本单位证书。把文件拖到下方或点“选择 PDF 文件”，也可以填写本机上的完整路径。
      </Typography.Paragraph>
      <div style={{ maxWidth: 900 }}>
        <FileDropZone
          testId="verify-drop-zone"
          title="把要验证的 PDF 拖到这里"
          hint="任何来源的 PDF 都可以验证，文件不会被改动或保存。"
          accept="application/pdf,.pdf"
          isMultiple={false}
          canChooseFolder={false}
          chooseLabel="选择 PDF 文件"
          disabled={verify.isPending || verifyLocal.isPending}
          onFiles={(groups) => {
            const file = groups.flatMap((g) => g.files)[0] ?? groups[0]?.entry;
            if (file) verifyLocal.mutate(file);
          }}
        />
      </div>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, maxWidth: 900 }}
        onFinish={(values) => {
          const path = (values.path ?? '').trim();
          verify.mutate({ path, shownAs: path });
        }}
        requiredMark
      >
        <Form.Item name="path" label="完整路径" required style={{ flex: 1 }}>
          <Input autoFocus allowClear placeholder="例如 D:\归档\通烟立〔2024〕第31号\立案审批表.pdf" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined />} loading={verify.isPending}>
            验证
          </Button>
        </Form.Item>
      </Form>
      {verify.data && verify.variables ? <VerifyResultPanel result={verify.data} path={verify.variables.shownAs} /> : null}
    </>
  );
}
