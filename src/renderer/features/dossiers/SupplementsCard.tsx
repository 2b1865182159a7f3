import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { DossierDto, DossierSupplementDto } from '../../../contract';
import { formatDateTime } from '../../components/format';
import { SupplementViewer } from './SupplementViewer';

/**
 * Records appended after archiving, each a signed supplement with its reason and 页次 numbered on from
 * the volume; the archived volume itself is unchanged (DOMAIN.md "Dossier rules").
 */
export function SupplementsCard({ dossier, canAppend, onAppend }: { dossier: DossierDto; canAppend: boolean; onAppend: () => void }) {
  const [viewing, setViewing] = useState<DossierSupplementDto | null>(null);
  const columns: TableColumnsType<DossierSupplementDto> = [
    { title: '序', key: 'n', width: 48, align: 'center', render: (_, __, i) => i + 1 },
    { title: '题名', dataIndex: 'title' },
    { title: '追加原因', dataIndex: 'reason' },
    { title: '页次', dataIndex: 'pageRange', width: 90, align: 'center', render: (range: string) => <span data-testid="supplement-range">{range || '无编号页'}</span> },
    { title: '追加人', dataIndex: 'addedBy', width: 100 },
    { title: '追加时间', dataIndex: 'addedAt', width: 170, render: (at: string) => formatDateTime(at) },
    {
      title: '补充卷',
      key: 'file',
      width: 150,
      render: (_, s) => (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(s)}>
          查看 PDF 和备考表
        </Button>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title="补充归档"
      style={{ marginTop: 16 }}
      data-testid="supplements"
      extra={
        canAppend ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={onAppend}>
            追加文书
          </Button>
        ) : null
      }
    >
      <Table<DossierSupplementDto>
        rowKey={(s) => s.file.id}
        size="small"
        columns={columns}
        dataSource={dossier.supplements}
        pagination={false}
        onRow={() => ({ 'data-testid': 'supplement' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: '归档后没有追加文书' }}
      />
      <SupplementViewer supplement={viewing} caseNumber={dossier.caseNumber} onClose={() => setViewing(null)} />
    </Card>
  );
}
