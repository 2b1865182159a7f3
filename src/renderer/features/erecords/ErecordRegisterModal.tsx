import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ACTIVITY_TYPES, CLASSIFICATIONS, RETENTION_CLASSES, type ActivityType, type Classification, type ElectronicRecordDto, type RetentionClassId } from '../../../contract';
import { call } from '../../app/api';
import { useSession } from '../../app/session';
import { FileDropZone } from '../../components/FileDropZone';
import { stageGroups } from '../../components/dropFiles';
import type { DropGroup } from '../../components/dropModel';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../components/useApiError';
import { ERECORDS_KEY, isLateUpload, namePreview, retentionClassLabel, retentionClassOf, retentionClassTerms, uploadDeadline } from './erecordsModel';

interface Values {
  retentionClass: RetentionClassId;
  activityType: ActivityType;
  unitName: string;
  squad: string;
  party: string;
  caseNumber: string;
  recorder: string;
  endedAt: Dayjs | null;
  uploadedAt: Dayjs | null;
  lateReason: string;
  classification: Classification;
  partyConfirmed: boolean;
}

/**
 * 登记电子记录 (DB3206/T 1060 §6.1.2 Table 2, §4.7.3): the class of Table 2 with its upload deadline
 * and retention, the activity and who recorded it, when it ended and when it was uploaded, and the
 * files. The name is shown as the core will store it (the contract's `electronicRecordName`).
 */
export function ErecordRegisterModal({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered?: (record: ElectronicRecordDto) => void }) {
  const [form] = Form.useForm<Values>();
  const { session } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const [files, setFiles] = useState<DropGroup<File>[]>([]);

  const register = useMutation({
    mutationFn: async (values: Values) => {
      const paths = files.length > 0 ? await stageGroups(files) : [];
      return call('erecords.register', {
        retentionClass: values.retentionClass,
        activityType: values.activityType,
        unitName: (values.unitName ?? '').trim(),
        squad: (values.squad ?? '').trim(),
        party: (values.party ?? '').trim(),
        caseNumber: (values.caseNumber ?? '').trim(),
        recorder: (values.recorder ?? '').trim(),
        endedAt: values.endedAt ? values.endedAt.toISOString() : '',
        ...(values.uploadedAt ? { uploadedAt: values.uploadedAt.toISOString() } : {}),
        // The field is hidden for an upload in time; an old value left in it would be refused by the core.
        lateReason: isLate ? (values.lateReason ?? '').trim() : '',
        classification: values.classification,
        paths,
        partyConfirmed: Boolean(values.partyConfirmed),
      });
    },
    onSuccess: (record) => {
      void message.success(record.isLate ? `已登记（逾期上传）：${record.name}` : `已登记：${record.name}`);
      void queryClient.invalidateQueries({ queryKey: ERECORDS_KEY });
      onRegistered?.(record);
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFiles([]);
    form.setFieldsValue({ unitName: session.unit.compilingUnit, recorder: session.user.displayName, classification: '非涉密', caseNumber: '', lateReason: '', partyConfirmed: false, uploadedAt: null, endedAt: null });
  }, [open, form, session.unit.compilingUnit, session.user.displayName]);

  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const cls = values?.retentionClass ? retentionClassOf(values.retentionClass) : null;
  const endedAt = values?.endedAt ? values.endedAt.toISOString() : null;
  const preview = namePreview(
    {
      endedAt,
      unitName: values?.unitName ?? '',
      squad: values?.squad ?? '',
      activityType: values?.activityType,
      party: values?.party ?? '',
      caseNumber: values?.caseNumber ?? '',
      recorder: values?.recorder ?? '',
    },
    session.unit.compilingUnit,
  );
  const uploadedAt = values?.uploadedAt ? values.uploadedAt.toISOString() : dayjs().toISOString();
  const isLate = cls && endedAt ? isLateUpload(endedAt, uploadedAt, cls) : false;
  const fileCount = files.reduce((n, g) => n + g.files.length, 0);

  return (
    <FormModal open={open} title="登记电子记录" okText="登记" isPending={register.isPending} form={form} focusField="retentionClass" width={820} onClose={() => !register.isPending && onClose()}>
      <Form form={form} name="erecord-register" layout="vertical" onFinish={(v) => !register.isPending && register.mutate(v)}>
        <Form.Item name="retentionClass" label="记录种类和内容特征（表 2）" required extra={cls ? retentionClassTerms(cls) : '按表 2 选择，决定上传时限和保存期限'}>
          <Select
            options={RETENTION_CLASSES.map((c) => ({ value: c.id, label: retentionClassLabel(c), title: retentionClassTerms(c) }))}
            optionRender={(option) => {
              const c = retentionClassOf(option.value as RetentionClassId);
              return (
                <div style={{ whiteSpace: 'normal' }}>
                  <div>{retentionClassLabel(c)}</div>
                  <Typography.Text type="secondary">{retentionClassTerms(c)}</Typography.Text>
                </div>
              );
            }}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="activityType" label="执法活动" required>
              <Select options={ACTIVITY_TYPES.map((a) => ({ value: a, label: a }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="unitName" label="单位名称" extra="××市（县）烟草专卖局">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="squad" label="中队（室）" required>
              <Input maxLength={30} placeholder="例如 第一中队" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="party" label="当事人" required>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="caseNumber" label="案件编号" extra="未立案的可不填">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="recorder" label="记录人" required>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="endedAt"
              label={cls?.uploadFrom === 'case-closed' ? '结案时间' : '活动结束时间'}
              required
              extra={cls && endedAt ? `应于 ${formatDateTime(uploadDeadline(endedAt, cls))} 前上传` : undefined}
            >
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="uploadedAt" label="上传时间" extra="不填为现在">
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="classification" label="密级" required>
              <Select options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          {isLate ? (
            <Col span={16}>
              <Form.Item name="lateReason" label="逾期上传原因" extra="超过表 2 的上传时限，写明原因（如连续作业、偏远地区）">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          ) : null}
          {cls?.id === 'case-evidence-medium' ? (
            <Col span={24}>
              <Form.Item name="partyConfirmed" valuePropName="checked">
                <Checkbox>已经当事人签字确认（表 2 备注）</Checkbox>
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <button type="submit" hidden />
      </Form>
      {isLate ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="超过上传时限，将列入逾期上传" /> : null}
      <FileDropZone
        title={fileCount > 0 ? `已选择 ${fileCount} 个文件` : '记录文件'}
        hint={fileCount > 0 ? files.flatMap((g) => g.files.map((f) => f.name)).join('、') : '拖入音视频等记录文件，或选择文件；原样保存并记录 SHA-256'}
        accept="*/*"
        isMultiple
        canChooseFolder={false}
        chooseLabel="选择文件"
        disabled={register.isPending}
        testId="erecord-files"
        onFiles={(groups) => setFiles(groups)}
      />
      <div data-testid="erecord-name-preview">
        <Typography.Text type="secondary">记录名称（第 4.7.3 条）：</Typography.Text>
        <Typography.Text strong data-testid="erecord-name">{preview ?? '填写执法活动、中队、当事人、记录人和结束时间后生成'}</Typography.Text>
      </div>
    </FormModal>
  );
}
