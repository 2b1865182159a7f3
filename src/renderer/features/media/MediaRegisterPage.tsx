import { PlusOutlined, PrinterOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { CLASSIFICATIONS, MEDIUM_KINDS, MEDIUM_KIND_LABELS, MEDIUM_STATUSES, MEDIUM_STATUS_LABELS, isStateSecret, type Classification, type FileRef, type MediumDto, type MediumKind, type MediumStatus } from '../../../contract';
import { call } from '../../app/api';
import { useCan } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/apiErrors';
import { useDebounced } from '../../components/useDebounced';
import { CheckoutModal } from './CheckoutModal';
import { CheckMediumModal } from './DeviceModals';
import { LabelModal } from './LabelModal';
import { MediumDetailDrawer } from './MediumDetailDrawer';
import { PdfFileModal } from './PdfFileModal';
import { RegisterMediumModal } from './RegisterMediumModal';
import { MEDIA_KEY, MEDIUM_STATUS_COLORS, formatCapacity, isCheckoutable } from './mediaModel';

/**
 * 存储介质台账 (DB3206/T 1060 §6.1.3 a, b): every medium that carries records, as a tagged asset with a
 * holder and a history. Filters by status, kind, 密级, department, holder and text; the custodians
 * register media and print labels for the rows chosen; anyone who may ask for one asks from its row.
 */
export function MediaRegisterPage() {
  const canManage = useCan('media.manage');
  const canRequest = useCan('media.request');
  const [status, setStatus] = useState<MediumStatus | undefined>();
  const [kind, setKind] = useState<MediumKind | undefined>();
  const [classification, setClassification] = useState<Classification | undefined>();
  const [departmentText, setDepartmentText] = useState('');
  const [holderText, setHolderText] = useState('');
  const [queryText, setQueryText] = useState('');
  const department = useDebounced(departmentText.trim(), 300);
  const holder = useDebounced(holderText.trim(), 300);
  const query = useDebounced(queryText.trim(), 300);
  const filter = { status, kind, classification, department, holder, query };
  const list = useQuery({ queryKey: [...MEDIA_KEY, 'list', filter], queryFn: () => call('media.list', filter), staleTime: 0 });
  const [selected, setSelected] = useState<string[]>([]);
  const [isRegistering, setRegistering] = useState(false);
  const [labelTags, setLabelTags] = useState<string[] | null>(null);
  const [label, setLabel] = useState<FileRef | null>(null);
  const [detailTag, setDetailTag] = useState<string | null>(null);
  const [checkout, setCheckout] = useState<{ tag: string | null } | null>(null);
  const [isChecking, setChecking] = useState(false);

  const columns: TableColumnsType<MediumDto> = [
    {
      title: '资产编号',
      dataIndex: 'tag',
      width: 170,
      render: (tag: string) => (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setDetailTag(tag)} aria-label={`查看 ${tag}`}>
          {tag}
        </Button>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 150, render: (k: MediumKind) => MEDIUM_KIND_LABELS[k] },
    {
      title: '密级',
      dataIndex: 'classification',
      width: 80,
      render: (c: Classification) => <Typography.Text type={isStateSecret(c) ? 'danger' : undefined}>{c}</Typography.Text>,
    },
    {
      title: '品牌型号',
      key: 'model',
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <span>{[m.brand, m.model].filter(Boolean).join(' ')}</span>
          <Typography.Text type="secondary">{[m.serial, formatCapacity(m.capacityBytes)].filter(Boolean).join(' ')}</Typography.Text>
        </Space>
      ),
    },
    { title: '所属部门', dataIndex: 'department', width: 140 },
    { title: '领用人', key: 'holder', width: 110, render: (_, m) => m.holderName ?? m.holder ?? '' },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, m) => (
        <Flex gap={4} wrap>
          <Tag color={MEDIUM_STATUS_COLORS[m.status]} style={{ marginInlineEnd: 0 }}>
            {MEDIUM_STATUS_LABELS[m.status]}
          </Tag>
          {m.isOverdue ? (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              逾期
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, m) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetailTag(m.tag)}>
            详情
          </Button>
          {canRequest && isCheckoutable(m) ? (
            <Button type="link" size="small" onClick={() => setCheckout({ tag: m.tag })} aria-label={`申领 ${m.tag}`}>
              申领
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="存储介质台账"
        extra={
          <>
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                登记介质
              </Button>
            ) : null}
            {canManage ? (
              <Button icon={<PrinterOutlined />} disabled={selected.length === 0} onClick={() => setLabelTags(selected)}>
                打印标签{selected.length > 0 ? `（${selected.length}）` : ''}
              </Button>
            ) : null}
            {canRequest ? <Button onClick={() => setCheckout({ tag: null })}>申领介质</Button> : null}
            <Button icon={<SafetyCertificateOutlined />} onClick={() => setChecking(true)}>
              核验介质
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              刷新
            </Button>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select allowClear aria-label="状态" placeholder="状态" style={{ width: 120 }} value={status} onChange={setStatus} options={MEDIUM_STATUSES.map((s) => ({ value: s, label: MEDIUM_STATUS_LABELS[s] }))} />
        <Select allowClear aria-label="类型" placeholder="类型" style={{ width: 200 }} value={kind} onChange={setKind} options={MEDIUM_KINDS.map((k) => ({ value: k, label: MEDIUM_KIND_LABELS[k] }))} />
        <Select allowClear aria-label="密级" placeholder="密级" style={{ width: 100 }} value={classification} onChange={setClassification} options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} />
        <Input allowClear aria-label="所属部门" placeholder="所属部门" style={{ width: 150 }} value={departmentText} onChange={(e) => setDepartmentText(e.target.value)} />
        <Input allowClear aria-label="领用人" placeholder="领用人用户名" style={{ width: 140 }} value={holderText} onChange={(e) => setHolderText(e.target.value)} />
        <Input.Search allowClear aria-label="搜索介质" placeholder="资产编号、品牌、型号或序列号" style={{ width: 260 }} value={queryText} onChange={(e) => setQueryText(e.target.value)} />
      </Flex>
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<MediumDto>
        rowKey="tag"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        rowSelection={canManage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '台账中没有符合条件的介质' }}
        data-testid="media-table"
      />
      <RegisterMediumModal open={isRegistering} onClose={() => setRegistering(false)} onRegistered={(m) => setDetailTag(m.tag)} />
      <LabelModal
        tags={labelTags}
        onClose={() => setLabelTags(null)}
        onMade={(file) => {
          setLabelTags(null);
          setLabel(file);
        }}
      />
      <PdfFileModal file={label} title="介质标签" onClose={() => setLabel(null)} />
      <CheckoutModal open={checkout !== null} tag={checkout?.tag ?? null} onClose={() => setCheckout(null)} />
      <CheckMediumModal open={isChecking} onClose={() => setChecking(false)} />
      <MediumDetailDrawer tag={detailTag} onClose={() => setDetailTag(null)} />
    </div>
  );
}
