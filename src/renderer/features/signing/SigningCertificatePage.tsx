import { CloudDownloadOutlined, ImportOutlined, SyncOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import type { CertificateInfoDto } from '../../../contract';
import { call } from '../../app/api';
import { errorMessage } from '../../components/apiErrors';
import { PageHeader } from '../../components/PageHeader';
import { formatBeijingTime } from '../pdf/pdfFormat';
import { CERTIFICATE_FILE_NAME, PROTECTION_LABELS, SIGNING_STATUS_KEY, downloadText, shortFingerprint } from './certificateFormat';
import { ImportCertificateModal } from './ImportCertificateModal';
import { UnlockKeyModal } from './UnlockKeyModal';

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

const ROTATE_EXPLANATION =
  '将为本单位生成一张新的签章证书（主体同为本单位），自现在起用它签章。原证书不会删除，仍作为信任依据保留：用原证书签章的文件照常可以验证。更换后请把新证书导出，交给信息中心等验证方。';

/** 签章证书: the unit's signing certificates, and the current one exported for others to trust. */
export function SigningCertificatePage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [isImporting, setImporting] = useState(false);
  const [isUnlocking, setUnlocking] = useState(false);
  const status = useQuery({ queryKey: SIGNING_STATUS_KEY, queryFn: () => call('signing.status') });
  const rotate = useMutation({
    mutationFn: () => call('signing.rotate'),
    onSuccess: (certificate) => {
      void queryClient.invalidateQueries({ queryKey: SIGNING_STATUS_KEY });
      void message.success(`已更换签章证书（指纹 ${shortFingerprint(certificate.fingerprint)}），以往文件仍可验证`);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const confirmRotate = () =>
    modal.confirm({
      title: '更换签章证书？',
      content: ROTATE_EXPLANATION,
      okText: '更换证书',
      cancelText: '取消',
      onOk: () => rotate.mutateAsync().catch(() => undefined),
    });
  const exportCertificate = useMutation({
    mutationFn: () => call('signing.exportCertificate'),
    onSuccess: (certificate) => {
      downloadText(CERTIFICATE_FILE_NAME, certificate.pem);
      void message.success(`已导出证书 ${CERTIFICATE_FILE_NAME}（${certificate.subject}）`);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const hasCurrent = Boolean(status.data?.current);
  // Without an OS key store and before any certificate, the passphrase is chosen first (it seals the new key).
  const needsPassphrase = status.data?.keyProtection === 'none' && !hasCurrent;

  return (
    <>
      <PageHeader title="签章证书" />
      <Card
        title="本单位签章证书"
        data-testid="signing-card"
        style={{ maxWidth: 1100 }}
        extra={
          <Space>
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              导入证书
            </Button>
            <Button icon={<SyncOutlined />} loading={rotate.isPending} onClick={confirmRotate}>
              更换证书
            </Button>
            <Button
              type="primary"
              icon={<CloudDownloadOutlined />}
              disabled={!hasCurrent}
              loading={exportCertificate.isPending}
              onClick={() => exportCertificate.mutate()}
            >
              导出证书
            </Button>
          </Space>
        }
      >
        {status.data && !hasCurrent ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="本单位还没有签章证书"
            description={
              needsPassphrase
                ? '没有签章证书就不能生成签章 PDF。本机没有系统密钥库：请先设置私钥保护口令，再“更换证书”生成本单位证书或“导入证书”。'
                : '没有签章证书就不能生成签章 PDF。请“更换证书”生成本单位证书，或“导入证书”导入 CA 颁发的证书。'
            }
            action={
              needsPassphrase ? (
                <Button size="small" icon={<UnlockOutlined />} onClick={() => setUnlocking(true)}>
                  设置私钥保护口令
                </Button>
              ) : undefined
            }
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
      <ImportCertificateModal open={isImporting} onClose={() => setImporting(false)} />
      <UnlockKeyModal open={isUnlocking} isChoosing onClose={() => setUnlocking(false)} />
    </>
  );
}
