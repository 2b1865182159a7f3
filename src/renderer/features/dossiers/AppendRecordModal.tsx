import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import type { DossierSupplementDto, RecordDto } from '../../../contract';
import { call } from '../../app/api';
import { stageGroups } from '../../components/dropFiles';
import type { DropGroup } from '../../components/dropModel';
import { JobProgress } from '../../components/JobProgress';
import { errorMessage } from '../../components/apiErrors';
import { useApiError } from '../../components/useApiError';
import { useJob } from '../../components/useJob';
import { groupCatalog } from '../cases/catalog';
import { ScanPicker } from './ScanPicker';

/** A correction is a new record; "new" or the id of the case record it corrects (it stays as it was). */
const NEW_RECORD = 'new';

interface AppendValues {
  basis: string;
  record: { type?: string; title?: string; documentNumber?: string; responsible?: string; date?: Dayjs | null; approvedOn?: Dayjs | null };
  reason?: string;
  inputs?: DropGroup<File>[];
}

const toDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The form as the corrected record had it, so that only what changed has to be typed. */
type RecordFields = AppendValues['record'];

function prefill(record: RecordDto | undefined): { [K in keyof Required<RecordFields>]: RecordFields[K] } {
  if (!record) return { type: undefined, title: '', documentNumber: '', responsible: '', date: dayjs(), approvedOn: null };
  return {
    type: record.type,
    title: record.title,
    documentNumber: record.documentNumber,
    responsible: record.responsible,
    date: dayjs(),
    approvedOn: record.approvedOn ? dayjs(record.approvedOn) : null,
  };
}

/**
 * 补充归档 (DOMAIN.md "Dossier rules"; DB3206/T 1060 §6.2.2 d): after archiving nothing in the volume
 * changes, so a correction is appended as a new record with its reason and scans. The core signs a
 * supplement numbered on from the volume with a new remarks sheet; this runs as a job with 取消.
 */
export function AppendRecordModal({ open, caseId, onClose, onAppended }: { open: boolean; caseId: string; onClose: () => void; onAppended: (s: DossierSupplementDto) => void }) {
  const [form] = Form.useForm<AppendValues>();
  const { message } = App.useApp();
  const showError = useApiError();
  const { job, run, cancel, isCancelling } = useJob();
  const detail = useQuery({ queryKey: ['cases.get', caseId], queryFn: () => call('cases.get', { caseId }), enabled: open });
  const catalog = useQuery({ queryKey: ['catalog.list'], queryFn: () => call('catalog.list'), staleTime: Infinity });
  const groups = useMemo(() => groupCatalog(catalog.data ?? []), [catalog.data]);
  const records = useMemo(() => detail.data?.records ?? [], [detail.data]);
  const type = Form.useWatch(['record', 'type'], form);
  const entry = catalog.data?.find((e) => e.name === type);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ basis: NEW_RECORD, record: prefill(undefined), inputs: [] });
  }, [open, form]);

  // Every field is set, so that going back to 新的文书材料 clears what a chosen record filled in.
  const fillFrom = (basis: string) => {
    const values = prefill(records.find((r) => r.id === basis));
    form.setFields(Object.entries(values).map(([key, value]) => ({ name: ['record', key as keyof RecordFields] as const, value, errors: [] })));
  };

  const append = useMutation({
    mutationFn: (values: AppendValues) =>
      run('准备追加文书…', async (jobId) => {
        const inputs = await stageGroups(values.inputs ?? []);
        const r = values.record;
        return call('dossiers.appendRecord', {
          caseId,
          jobId,
          reason: (values.reason ?? '').trim(),
          inputs,
          record: {
            type: r.type ?? '',
            title: r.title ?? '',
            documentNumber: r.documentNumber ?? '',
            responsible: r.responsible ?? '',
            date: toDate(r.date) as string,
            approvedOn: entry?.isApprovalForm ? (toDate(r.approvedOn) ?? null) : null,
          },
        });
      }),
    onSuccess: (supplement) => onAppended(supplement),
    // A cancel the user asked for is news, not a failure.
    onError: (error) => (isCancelling ? void message.info(errorMessage(error)) : showError(error, form)),
  });

  return (
    <Modal
      title="补充归档：追加文书"
      open={open}
      width={720}
      onCancel={() => !append.isPending && onClose()}
      onOk={() => form.submit()}
      okText="追加并签章"
      confirmLoading={append.isPending}
      destroyOnHidden
      forceRender
      mask={{ closable: false }}
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('basis');
      }}
    >
      <Typography.Paragraph>
        卷宗已归档，原卷保持不变。更正或补充的材料作为新文书追加：系统生成签章的补充卷，页号接着原卷（及此前的补充）编排，并附新的卷内备考表，写明追加的内容和原因。
      </Typography.Paragraph>
      <Form form={form} name="dossier-append" layout="vertical" onFinish={(values) => append.mutate(values)} preserve={false} disabled={append.isPending}>
        <Form.Item name="basis" label="追加的文书" extra="选择要更正的文书时，按其著录信息预填，原文书保留在原卷中。">
          <Select
            loading={detail.isPending}
            options={[
              { value: NEW_RECORD, label: '新的文书材料' },
              ...records.map((r) => ({ value: r.id, label: `更正：《${r.title}》（新版本）` })),
            ]}
            onChange={fillFrom}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name={['record', 'type']} label="类型" required>
              <Select showSearch={{ optionFilterProp: 'label' }} options={groups} loading={catalog.isPending} placeholder="选择文书类型" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['record', 'title']} label="题名" required>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['record', 'documentNumber']} label="文号">
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['record', 'responsible']} label="责任者" required>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['record', 'date']} label="日期" required>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {entry?.isApprovalForm ? (
            <Col span={8}>
              <Form.Item name={['record', 'approvedOn']} label="审批日期">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Form.Item name="reason" label="追加原因" required extra="写入新的卷内备考表">
          <Input maxLength={200} placeholder="例如：原结案报告表漏签审批意见，补签后追加" />
        </Form.Item>
        <Form.Item name="inputs" label="扫描件" required>
          <ScanPicker disabled={append.isPending} />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
      {job ? <JobProgress job={job} onCancel={() => void cancel()} isCancelling={isCancelling} testId="append-job" /> : null}
    </Modal>
  );
}
