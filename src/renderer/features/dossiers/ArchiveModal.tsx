import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Skeleton, Typography } from 'antd';
import type { ArchiveReportDto } from '../../../contract';
import { call } from '../../app/api';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { FormModal } from '../../components/FormModal';
import { JobProgress } from '../../components/JobProgress';
import { useApiError } from '../../components/useApiError';
import { useJob } from '../../components/useJob';
import { ARCHIVE_ASSIGNED_FIELDS } from './dossierModel';

/**
 * 接收归档 (§5.5.1): the archive department gives the 分类号; the core assigns 案卷号, compiles the final
 * volumes and runs the 四性检测 as one job, shown here with progress and 取消.
 */
export function ArchiveModal({ open, caseId, onClose, onArchived }: { open: boolean; caseId: string; onClose: () => void; onArchived: (report: ArchiveReportDto) => void }) {
  const [form] = Form.useForm<{ classCode: string; confirmPassword: string }>();
  const showError = useApiError();
  const { job, run, cancel, isCancelling } = useJob();
  // The archive-stage checks as the dossier stands, less what this acceptance itself assigns.
  const precheck = useQuery({
    queryKey: ['dossiers.check', caseId, 'archive'],
    queryFn: () => call('dossiers.check', { caseId, stage: 'archive' }),
    enabled: open,
    staleTime: 0,
    gcTime: 0,
  });
  const blocking = (precheck.data ?? []).filter((f) => f.level === 'error' && !ARCHIVE_ASSIGNED_FIELDS.includes(f.field));
  const archive = useMutation({
    mutationFn: ({ classCode, confirmPassword }: { classCode: string; confirmPassword: string }) =>
      run('准备接收归档…', (jobId) => call('dossiers.archive', { caseId, classCode: (classCode ?? '').trim(), confirmPassword: confirmPassword ?? '', jobId })),
    onSuccess: (report) => onArchived(report),
    onError: (error) => showError(error, form),
  });
  return (
    <FormModal open={open} title="接收归档" okText="接收并检测" isPending={archive.isPending} form={form} focusField="classCode" onClose={() => !archive.isPending && onClose()}>
      <Typography.Paragraph>
        档案部门接收本卷宗：填写分类号后，系统分配案卷号（年度第号）和档号，重新生成最终的卷宗 PDF 并签章，再做四性检测（真实性、完整性、可用性、安全性）。全部通过后卷宗归档，此后不能再修改。
      </Typography.Paragraph>
      {precheck.isPending && open ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : blocking.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="archive-precheck"
          title={`归档前检查有 ${blocking.length} 项须先处理，否则不能接收`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {blocking.map((f, i) => (
                <li key={i}>{f.message}</li>
              ))}
            </ul>
          }
        />
      ) : precheck.isSuccess ? (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="archive-precheck" title="归档前检查通过（分类号、案卷号将在接收时填写）" />
      ) : null}
      <Form form={form} name="dossier-archive" layout="vertical" onFinish={(values) => archive.mutate(values)} preserve={false} disabled={archive.isPending}>
        <Form.Item name="classCode" label="分类号" required extra="例如 XZCF（行政处罚）">
          <Input maxLength={20} placeholder="XZCF" />
        </Form.Item>
        <ConfirmPasswordField />
        <button type="submit" hidden />
      </Form>
      {job ? <JobProgress job={job} onCancel={() => void cancel()} isCancelling={isCancelling} testId="archive-job" /> : null}
    </FormModal>
  );
}
