import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { MEDIUM_KIND_LABELS, WIPE_DESTINATION_LABELS, type FileRef, type SanitizationCertificateDto } from '../../../contract';
import { formatDateTime } from '../../components/format';
import { FileDownloadLink, PdfFileModal } from './PdfFileModal';

const CATEGORY_LABELS: Record<SanitizationCertificateDto['category'], string> = { clear: '清除（Clear）', purge: '清除（Purge）', destroy: '销毁（Destroy）' };

/**
 * Certificates of sanitization (NIST SP 800-88 Rev. 1 Appendix G): who, which medium, the method and
 * tool, the verification, the destination and the second person; the signed PDF to open, the JSON to save.
 */
export function CertificateTable({ certificates, isLoading, showMedium = true, testId }: { certificates: SanitizationCertificateDto[]; isLoading?: boolean; showMedium?: boolean; testId?: string }) {
  const [viewing, setViewing] = useState<{ file: FileRef; title: string } | null>(null);
  const columns: TableColumnsType<SanitizationCertificateDto> = [
    { title: '证书编号', dataIndex: 'number', width: 130 },
    ...(showMedium
      ? ([
          {
            title: '介质',
            key: 'medium',
            width: 200,
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{c.tag}</Typography.Text>
                <Typography.Text type="secondary">
                  {MEDIUM_KIND_LABELS[c.mediumKind]} {c.classification}
                </Typography.Text>
              </Space>
            ),
          },
        ] satisfies TableColumnsType<SanitizationCertificateDto>)
      : []),
    {
      title: '方法',
      key: 'method',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>
            <Tag style={{ marginInlineEnd: 4 }}>{CATEGORY_LABELS[c.category]}</Tag>
            {c.methodLabel}
          </span>
          <Typography.Text type="secondary">
            {c.tool} {c.toolVersion}；{c.verification}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '执行与复核',
      key: 'people',
      width: 190,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>执行：{c.performedByName}</span>
          <span>{c.category === 'destroy' ? '监督' : '复核'}：{c.witnessName}</span>
          <Typography.Text type="secondary">{formatDateTime(c.performedAt)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '去向',
      key: 'destination',
      width: 150,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>{WIPE_DESTINATION_LABELS[c.destination]}</span>
          {c.destructionBody ? <Typography.Text type="secondary">{c.destructionBody}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: '文件',
      key: 'files',
      width: 170,
      render: (_, c) => (
        <Space orientation="vertical" size={0} align="start">
          <Button type="link" size="small" icon={<FilePdfOutlined />} onClick={() => setViewing({ file: c.pdf, title: `清除证书 ${c.number}` })} aria-label={`查看证书 ${c.number}`}>
            查看证书 PDF
          </Button>
          <FileDownloadLink file={c.json} label="下载 JSON" />
          {c.attachment ? <FileDownloadLink file={c.attachment} label="销毁证明" /> : null}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<SanitizationCertificateDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={certificates}
        loading={isLoading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有清除证书' }}
        data-testid={testId}
      />
      <PdfFileModal file={viewing?.file ?? null} title={viewing?.title ?? ''} onClose={() => setViewing(null)} />
    </>
  );
}
