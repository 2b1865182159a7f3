import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { RecordDto } from '../../../contract';
import { call } from '../../app/api';
import { ReasonModal } from '../../components/ReasonModal';

/** Removal needs a reason, which goes into the audit log with the removal. */
export function RemoveRecordModal({ record, caseId, onClose }: { record: RecordDto | null; caseId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <ReasonModal
      open={record !== null}
      title="删除文书"
      intro={`将删除文书“${record?.title ?? ''}”（${record?.type ?? ''}）。请说明删除原因，原因将记入审计日志。`}
      label="删除原因"
      okText="删除"
      isDanger
      submit={(reason) => call('records.remove', { recordId: record!.id, reason })}
      onDone={() => {
        void message.success('文书已删除');
        void queryClient.invalidateQueries({ queryKey: ['cases.get', caseId] });
        void queryClient.invalidateQueries({ queryKey: ['cases.list'] });
        onClose();
      }}
      onClose={onClose}
    />
  );
}
