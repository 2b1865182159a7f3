import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { RecordVersionDto } from '../../../contract';
import { call } from '../../app/api';
import { formatBeijingTime } from '../pdf/pdfFormat';
import { shortFingerprint } from '../signing/certificateFormat';
import { PdfViewer } from './PdfViewer';
import { SignaturePanel } from './SignaturePanel';
import { fileUrl } from './pageModel';

/**
 * The record's signed versions, oldest first (they never change; a later one supersedes an earlier
 * with a reason), and the chosen one in the viewer with its signature verified.
 */
export function VersionsCard({ versions, chosen, onChoose, title }: { versions: RecordVersionDto[]; chosen: number | null; onChoose: (version: number) => void; title: string }) {
  // Versions name their signer by certificate fingerprint; the unit's certificates give the name.
  const signing = useQuery({ queryKey: ['signing.status'], queryFn: () => call('signing.status'), staleTime: 60_000 });
  const signerName = (fingerprint: string) =>
    signing.data?.certificates.find((c) => c.fingerprint === fingerprint)?.subject ?? `证书 ${shortFingerprint(fingerprint)}`;
  const current = versions.find((v) => v.version === chosen) ?? versions.at(-1) ?? null;

  const columns: TableColumnsType<RecordVersionDto> = [
    { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第 ${v} 版` },
    { title: '页数', dataIndex: 'pageCount', width: 70, align: 'right' },
    {
      title: '空白页',
      key: 'blank',
      width: 110,
      render: (_, v) => (v.blankPages.length ? v.blankPages.map((n) => `第 ${n} 页`).join('、') : '无'),
    },
    { title: '签章时间（北京时间）', dataIndex: 'signedAt', width: 180, render: (at: string) => formatBeijingTime(at) },
    { title: '签章人', key: 'signer', render: (_, v) => signerName(v.signerFingerprint) },
    { title: '经办', dataIndex: 'createdBy', width: 100 },
    {
      title: '更正',
      key: 'supersedes',
      render: (_, v) =>
        v.supersedesVersion === null ? (
          <Typography.Text type="secondary">首次签章</Typography.Text>
        ) : (
          <span>
            <Tag color="purple">取代第 {v.supersedesVersion} 版</Tag>
            {v.reason}
          </span>
        ),
    },
    { title: '文字层', dataIndex: 'hasOcr', width: 70, render: (has: boolean) => (has ? '有' : '无') },
  ];

  return (
    <Card size="small" title={`签章版本（${versions.length}）`} style={{ marginBottom: 16 }} data-testid="versions-card">
      {versions.length === 0 ? (
        <Empty description="尚未签章：页面整理好后点“生成签章 PDF”" />
      ) : (
        <>
          <Table<RecordVersionDto>
            rowKey="version"
            size="small"
            columns={columns}
            dataSource={versions}
            pagination={false}
            rowSelection={{ type: 'radio', selectedRowKeys: current ? [current.version] : [], onChange: (keys) => onChoose(Number(keys[0])), columnTitle: '查看' }}
            onRow={(v) => ({ onClick: () => onChoose(v.version), style: { cursor: 'pointer' } })}
            style={{ marginBottom: 16 }}
          />
          {current ? (
            <Row gutter={16}>
              <Col xs={24} xl={16}>
                <PdfViewer key={current.file.id} url={fileUrl(current.file.id, import.meta.env.DEV)} title={`${title} 第 ${current.version} 版`} />
              </Col>
              <Col xs={24} xl={8}>
                <SignaturePanel key={current.file.id} version={current} />
              </Col>
            </Row>
          ) : null}
        </>
      )}
    </Card>
  );
}
