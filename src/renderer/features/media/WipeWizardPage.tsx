import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Spin, Steps, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { MEDIUM_KIND_LABELS, MEDIUM_STATUS_LABELS, type MediumDto, type SanitizationCertificateDto, type WipeResultDto } from '../../../contract';
import { call } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/apiErrors';
import { DestructionForm } from './DestructionForm';
import { WipePlanPanel } from './WipePlanPanel';
import { WipeResultPanel } from './WipeResultPanel';
import { WipeRunForm } from './WipeRunForm';
import { MEDIA_KEY, MEDIUM_STATUS_COLORS, defaultPath, formatCapacity, isWizardCandidate, type WizardPath } from './mediaModel';

type Done = { result: WipeResultDto | null; certificate: SanitizationCertificateDto };

/**
 * 清除向导 (DB3206/T 1060 §6.1.3 d; NIST SP 800-88 Rev. 1): a medium approved for wiping → the plan for
 * its kind and 密级 → the run (or, for 涉密 media and optical discs, the record of the hand-off to
 * certified destruction) → the result and its certificate.
 */
export function WipeWizardPage() {
  const queryClient = useQueryClient();
  const [tag, setTag] = useState<string | null>(null);
  const [path, setPath] = useState<WizardPath | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const media = useQuery({ queryKey: [...MEDIA_KEY, 'list', 'wizard'], queryFn: () => call('media.list', { department: '', holder: '', query: '' }), staleTime: 0 });
  const plan = useQuery({ queryKey: [...MEDIA_KEY, 'wipePlan', tag], queryFn: () => call('media.wipePlan', { tag: tag! }), enabled: tag !== null, staleTime: 0 });
  const candidates = (media.data ?? []).filter(isWizardCandidate);
  const chosenPath: WizardPath | null = plan.data ? (path ?? defaultPath(plan.data)) : null;

  const choose = (medium: MediumDto) => {
    setTag(medium.tag);
    setPath(null);
    setDone(null);
  };
  const restart = () => {
    setTag(null);
    setPath(null);
    setDone(null);
    void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
  };
  const finish = (outcome: Done) => {
    setDone(outcome);
    void queryClient.invalidateQueries({ queryKey: MEDIA_KEY });
  };

  const current = done ? 3 : tag === null ? 0 : plan.data?.approvedRequestId ? 2 : 1;
  const columns: TableColumnsType<MediumDto> = [
    { title: '资产编号', dataIndex: 'tag', width: 170 },
    { title: '类型', key: 'kind', width: 200, render: (_, m) => MEDIUM_KIND_LABELS[m.kind] },
    { title: '密级', dataIndex: 'classification', width: 80 },
    { title: '容量', key: 'capacity', width: 110, render: (_, m) => formatCapacity(m.capacityBytes) },
    { title: '所属部门', dataIndex: 'department' },
    { title: '状态', key: 'status', width: 100, render: (_, m) => <Tag color={MEDIUM_STATUS_COLORS[m.status]}>{MEDIUM_STATUS_LABELS[m.status]}</Tag> },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, m) => (
        <Button type="link" size="small" onClick={() => choose(m)} aria-label={`${m.status === 'awaiting-destruction' ? '登记销毁' : '清除'} ${m.tag}`}>
          {m.status === 'awaiting-destruction' ? '登记销毁' : '清除'}
        </Button>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="清除向导"
        extra={
          tag ? (
            <Button onClick={restart}>{done ? '清除其他介质' : '返回介质列表'}</Button>
          ) : (
            <Button icon={<ReloadOutlined />} onClick={() => void media.refetch()} loading={media.isFetching}>
              刷新
            </Button>
          )
        }
      />
      <Steps
        current={current}
        size="small"
        style={{ marginBottom: 20, maxWidth: 760 }}
        items={[{ title: '选择介质' }, { title: '清除方案' }, { title: '执行' }, { title: '证书' }]}
      />
      {tag === null ? (
        <>
          <Typography.Paragraph type="secondary">
            经审批同意清除的介质在此列出。清除前请将介质接入本机；涉密介质和光盘只登记交付有资质机构销毁的过程。
          </Typography.Paragraph>
          {media.isError ? <Alert type="error" showIcon title={errorMessage(media.error)} style={{ marginBottom: 12 }} /> : null}
          <Table<MediumDto>
            rowKey="tag"
            size="middle"
            columns={columns}
            dataSource={candidates}
            loading={media.isPending}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '没有待清除或待销毁的介质' }}
            data-testid="wipe-candidates"
          />
        </>
      ) : done ? (
        <WipeResultPanel result={done.result} certificate={done.certificate} />
      ) : plan.isPending ? (
        <Spin />
      ) : plan.isError ? (
        <Alert type="error" showIcon title={errorMessage(plan.error)} />
      ) : (
        <Flex vertical gap={16}>
          <Card size="small" title="清除方案">
            <WipePlanPanel plan={plan.data} path={chosenPath!} onPath={setPath} />
          </Card>
          <Card size="small" title={chosenPath === 'destruction' ? '登记交付销毁' : '执行清除'}>
            {chosenPath === 'destruction' ? (
              <DestructionForm plan={plan.data} onDone={(certificate) => finish({ result: null, certificate })} />
            ) : (
              <WipeRunForm
                key={`${plan.data.tag}-${chosenPath}`}
                plan={plan.data}
                path={chosenPath!}
                onDone={(result) => finish({ result, certificate: result.certificate })}
              />
            )}
          </Card>
        </Flex>
      )}
    </div>
  );
}
