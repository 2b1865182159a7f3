import { Alert, Descriptions, Flex, Typography } from 'antd';
import type { SanitizationCertificateDto, WipeResultDto } from '../../../contract';
import { CertificateTable } from './CertificateTable';
import { formatCapacity } from './mediaModel';

/** The outcome of a run: what was done, whether verification passed, and the certificate issued. */
export function WipeResultPanel({ result, certificate }: { result: WipeResultDto | null; certificate: SanitizationCertificateDto }) {
  return (
    <Flex vertical gap={12} data-testid="wipe-result">
      {result ? (
        <>
          <Alert
            type={result.isVerified ? 'success' : 'error'}
            showIcon
            title={result.isVerified ? `${result.tag} 已清除，校验通过` : `${result.tag} 校验未通过`}
            description={result.verificationDetail}
          />
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="方法">{certificate.methodLabel}</Descriptions.Item>
            <Descriptions.Item label="覆写遍数">{result.passes}</Descriptions.Item>
            <Descriptions.Item label="数据量">
              {result.bytes.toLocaleString('zh-CN')} 字节（{formatCapacity(result.bytes)}）
            </Descriptions.Item>
            <Descriptions.Item label="校验">{result.verification === 'full' ? '全盘回读' : result.verification === 'sample' ? '抽样' : '无'}</Descriptions.Item>
            {result.resumedFromBytes !== null ? <Descriptions.Item label="续接">从 {formatCapacity(result.resumedFromBytes)} 处继续</Descriptions.Item> : null}
          </Descriptions>
          {result.files && result.files.length > 0 ? (
            <Typography.Paragraph>
              已清除 {result.files.length} 个文件：{result.files.map((f) => f.path).join('、')}
            </Typography.Paragraph>
          ) : null}
        </>
      ) : (
        <Alert type="success" showIcon title={`${certificate.tag} 的交付销毁已登记`} description={certificate.destructionBody ? `销毁机构：${certificate.destructionBody}` : undefined} />
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        清除证书
      </Typography.Title>
      <CertificateTable certificates={[certificate]} testId="wipe-certificate" />
    </Flex>
  );
}
