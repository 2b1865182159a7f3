import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Modal, Typography } from 'antd';
import { PLEDGE_TEXT, PLEDGE_VERSION, type AccessRequestDto } from '../../../contract';
import { call } from '../../app/api';
import { useApiError } from '../../components/useApiError';
import { ACCESS_LIST_KEY } from './accessKeys';

/**
 * The confidentiality pledge (保密承诺, DB3206/T 1060 §4.10.3), accepted before the first view of a
 * grant. The version accepted is kept with the grant, so a later wording cannot rewrite it.
 */
export function PledgeModal({ request, onClose, onAccepted }: { request: AccessRequestDto | null; onClose: () => void; onAccepted: (request: AccessRequestDto) => void }) {
  const queryClient = useQueryClient();
  const showError = useApiError();
  const accept = useMutation({
    mutationFn: () => call('access.pledge', { requestId: request!.id, version: PLEDGE_VERSION }),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: ACCESS_LIST_KEY });
      onAccepted(updated);
    },
    onError: (error) => showError(error),
  });
  return (
    <Modal
      open={request !== null}
      title="保密承诺书"
      okText="我已阅读并承诺"
      cancelText="取消"
      onOk={() => accept.mutate()}
      onCancel={() => !accept.isPending && onClose()}
      confirmLoading={accept.isPending}
      destroyOnHidden
      width={640}
      okButtonProps={{ autoFocus: true }}
    >
      {request ? (
        <Typography.Paragraph type="secondary">
          查阅 {request.caseNumber}（{request.cause}）之前，请阅读并接受以下承诺。承诺的时间、终端和版本（{PLEDGE_VERSION}）随本次借阅授权保存。
        </Typography.Paragraph>
      ) : null}
      <div
        data-testid="pledge-text"
        style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, padding: '12px 16px', border: '1px solid #d9d9d9', borderRadius: 4, background: '#fafafa', maxHeight: 360, overflow: 'auto' }}
      >
        {PLEDGE_TEXT}
      </div>
    </Modal>
  );
}
