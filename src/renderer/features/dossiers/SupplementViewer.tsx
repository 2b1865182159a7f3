import { Modal, Typography } from 'antd';
import type { DossierSupplementDto } from '../../../contract';
import { PdfViewer } from '../records/PdfViewer';
import { fileUrl } from '../records/pageModel';

/** A signed supplement: the appended record's numbered pages, then its new remarks sheet (last page). */
export function SupplementViewer({ supplement, caseNumber, onClose }: { supplement: DossierSupplementDto | null; caseNumber: string; onClose: () => void }) {
  return (
    <Modal title={supplement ? `补充卷：《${supplement.title}》` : ''} open={supplement !== null} onCancel={onClose} footer={null} width={900} destroyOnHidden>
      {supplement ? (
        <>
          <Typography.Paragraph type="secondary">最后一页是新的卷内备考表（在查看器上按 End 键直接翻到）。</Typography.Paragraph>
          <PdfViewer url={fileUrl(supplement.file.id, import.meta.env.DEV)} title={`${caseNumber} 补充：${supplement.title}`} />
        </>
      ) : null}
    </Modal>
  );
}
