import { CloudDownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Table, Tag, Tooltip } from 'antd';
import type { CertificateInfoDto } from '../../../contract';
import { call } from '../../app/api';
import { errorMessage } from '../../components/apiErrors';
import { PageHeader } from '../../components/PageHeader';
import { formatBeijingTime } from '../pdf/pdfFormat';
import { CERTIFICATE_FILE_NAME, PROTECTION_LABELS, downloadText, shortFingerprint } from './certificateFormat';

const dateOnly = (iso: string) => formatBeijingTime(iso).slice(0, 10);

const COLUMNS = [
  { key: 'subject', title: '主体', dataIndex: 'subject' },
  {
    key: 'fingerprint',
    title: '指纹（SHA-256）',
    render: (_: unknown, c: CertificateInfoDto) => (
      <Tooltip title={c.fingerprint}>
        <code>{shortFingerprint(c.fingerprint)}</code>
      </Tooltip>
    ),
  },
  { key: 'validity', title: '有效期', render: (_: unknown, c: CertificateInfoDto) => `${dateOnly(c.notBefore)} 至 ${dateOnly(c.notAfter)}` },
  { key: 'protection', title: '保护方式', render: (_: unknown, c: CertificateInfoDto) => PROTECTION_LABELS[c.protection] ?? c.protection },
  {
    key: 'current',
    title: '当前',
    render: (_: unknown, c: CertificateInfoDto) => (c.isCurrent ? <Tag color="green">当前</Tag> : <Tag>历史</Tag>),
  },
];

/** 签章证书: the unit's signing certificates, and the current one exported for others to trust. */
export function SigningCertificatePage() {
  const { message } = App.useApp();
  const status = useQuery({ queryKey: ['signing.status'], queryFn: () => call('signing.status') });
  const exportCertificate = useMutation({
    mutationFn: () => call('signing.exportCertificate'),
    onSuccess: (certificate) => {
      downloadText(CERTIFICATE_FILE_NAME, certificate.pem);
      void message.success(`已导出证书 ${CERTIFICATE_FILE_NAME}（${certificate.subject}）`);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const hasCurrent = Boolean(status.data?.current);

  return (
    <>
      <PageHeader title="签章证书" />
      <Card
        title="本单位签章证书"
        data-testid="signing-card"
        style={{ maxWidth: 1100 }}
        extra={
          <Button
            type="primary"
            icon={<CloudDownloadOutlined />}
            disabled={!hasCurrent}
            loading={exportCertificate.isPending}
            onClick={() => exportCertificate.mutate()}
          >
            导出证书
          </Button>
        }
      >
        {status.data && !hasCurrent ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="本单位还没有签章证书"
            description="没有签章证书就不能生成签章 PDF。证书在初始设置时创建（需要配置私钥保护方式），或由系统管理员导入。"
          />
        ) : null}
        {hasCurrent ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="证书是公开的"
            description="导出的证书可交给信息中心或其他单位，用于验证本单位签章的 PDF；私钥始终留在本机。以往证书签章的文件仍可验证。"
          />
        ) : null}
        <Table<CertificateInfoDto>
          size="small"
          rowKey="fingerprint"
          loading={status.isPending}
          columns={COLUMNS}
          dataSource={status.data?.certificates ?? []}
          pagination={false}
          locale={{ emptyText: '暂无证书' }}
        />
      </Card>
    </>
  );
}
