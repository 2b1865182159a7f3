import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import type { RecordVersionDto } from '../../../contract';
import { call } from '../../app/api';
import { errorMessage } from '../../components/apiErrors';
import { VERIFY_STATUS_LABELS, formatBeijingTime } from '../pdf/pdfFormat';

const STATUS_COLORS = { valid: 'green', invalid: 'red', unreadable: 'orange' } as const;

/**
 * The signature of a stored version, verified now by the core (pdf.verify by file id): signer,
 * signing time, 有效 or 无效 with the reasons. Verified on every opening rather than trusted from the
 * record, since the point is to learn whether the file changed since it was signed.
 */
export function SignaturePanel({ version }: { version: Pick<RecordVersionDto, 'file'> }) {
  const verify = useQuery({
    queryKey: ['pdf.verify', version.file.id],
    queryFn: () => call('pdf.verify', { fileId: version.file.id }),
    staleTime: 0,
    gcTime: 0,
  });
  return (
    <Card
      size="small"
      title="签章"
      data-testid="signature-panel"
      extra={
        <Button size="small" icon={<ReloadOutlined />} loading={verify.isFetching} onClick={() => void verify.refetch()}>
          重新验证
        </Button>
      }
    >
      {verify.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : verify.isError ? (
        <Alert type="error" showIcon title={errorMessage(verify.error)} />
      ) : (
        <>
          <Descriptions size="small" column={1} styles={{ label: { width: 96 } }}>
            <Descriptions.Item label="验证结果">
              <Tag color={STATUS_COLORS[verify.data.status]} data-testid="signature-status">
                {VERIFY_STATUS_LABELS[verify.data.status]}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="签章人">
              {verify.data.signer ? (
                <>
                  <span data-testid="signature-signer">{verify.data.signer.subject}</span>{' '}
                  {verify.data.isSignerTrusted ? <Tag color="green">本单位证书</Tag> : <Tag color="orange">非本单位证书</Tag>}
                </>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label="签章时间">{verify.data.signedAt ? `${formatBeijingTime(verify.data.signedAt)}（北京时间）` : '—'}</Descriptions.Item>
            <Descriptions.Item label="禁止修改">{verify.data.hasDocMdpP1 ? '是（DocMDP P=1）' : '否'}</Descriptions.Item>
            <Descriptions.Item label="SHA-256">
              <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {verify.data.fileSha256 ?? version.file.sha256}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {verify.data.reasons.length > 0 ? (
            <Alert
              type="error"
              showIcon
              title="无效的原因"
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="signature-reasons">
                  {verify.data.reasons.map((reason, i) => (
                    <li key={i} style={{ whiteSpace: 'pre-line' }}>
                      {reason}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
        </>
      )}
    </Card>
  );
}
