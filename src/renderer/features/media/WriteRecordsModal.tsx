import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CLASSIFICATIONS, isStateSecret, type Classification, type MediumDto } from '../../../contract';
import { call } from '../../app/api';
import { JobProgress } from '../../components/JobProgress';
import { useApiError } from '../../components/useApiError';
import { useDebounced } from '../../components/useDebounced';
import { useJob } from '../../components/useJob';
import { DevicePathField } from './DevicePathField';

interface Values {
  caseId: string;
  device: string;
  classification: Classification;
}

/**
 * 写入案件记录 (DB3206/T 1060 §6.1.3 e, f): a case's signed records copied onto the medium checked out to
 * the caller, encrypted with the medium's own key (so cryptographic erase can destroy them). The core
 * checks the medium's identity and holder first, and never puts classified records on a lower medium.
 * Mounted for one opening, so that each starts afresh.
 */
export function WriteRecordsModal({ medium, onClose }: { medium: MediumDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const { job, run, cancel, isCancelling } = useJob();
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 300);
  const cases = useQuery({ queryKey: ['cases.list', 'write-records', search], queryFn: () => call('cases.list', { search, offset: 0, limit: 20 }) });
  const write = useMutation({
    mutationFn: (values: Values) =>
      run(`正在向 ${medium.tag} 写入记录…`, (jobId) => call('media.writeRecords', { device: (values.device ?? '').trim(), caseId: values.caseId, classification: values.classification, jobId })),
    onError: (error) => showError(error, form),
  });

  useEffect(() => {
    form.setFieldsValue({ classification: '非涉密', device: '' });
  }, [form]);

  const result = write.data;
  return (
    <Modal
      open
      title={`写入案件记录：${medium.tag}`}
      width={640}
      onCancel={() => !write.isPending && onClose()}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={write.isPending}>
              取消
            </Button>
            <Button type="primary" loading={write.isPending} onClick={() => form.submit()}>
              写入
            </Button>
          </>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        记录以该介质自己的密钥加密写入；介质须是领用给您的这一个，程序先核验其身份记录。{isStateSecret(medium.classification) ? '' : `该介质为${medium.classification}，不能写入涉密记录。`}
      </Typography.Paragraph>
      <Form form={form} name="media-write-records" layout="vertical" onFinish={(values) => !write.isPending && write.mutate(values)}>
        <Form.Item name="caseId" label="案件" required>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearchText }}
            placeholder="输入案件编号或当事人查找"
            loading={cases.isFetching}
            options={(cases.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.caseNumber} ${c.partyName}` }))}
            notFoundContent="没有找到案件"
          />
        </Form.Item>
        <DevicePathField required extra="介质挂载后的文件夹，例如 /media/chenli/NTYC-2026-0001" />
        <Form.Item name="classification" label="记录密级" required>
          <Select options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
      {job ? <JobProgress job={job} onCancel={() => void cancel()} isCancelling={isCancelling} testId="write-records-job" /> : null}
      {result ? (
        <Alert
          type="success"
          showIcon
          title={`已写入 ${result.files.length} 个文件${result.isEncrypted ? '（已用介质密钥加密）' : ''}`}
          description={result.files.map((f) => f.name).join('、')}
        />
      ) : null}
    </Modal>
  );
}
