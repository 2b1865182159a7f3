import { DownloadOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import type { FileRef } from '../../../contract';
import { PdfViewer } from '../records/PdfViewer';
import { fileUrl } from '../records/pageModel';

/**
 * A stored PDF (label sheet, filed checkout record, certificate) as pdf.js draws it, with the file to
 * save: label stock goes to the label printer's own driver, so the sheet is printed from the saved file.
 */
export function PdfFileModal({ file, title, onClose }: { file: FileRef | null; title: string; onClose: () => void }) {
  return (
    <Modal
      open={file !== null}
      title={title}
      width={900}
      onCancel={onClose}
      destroyOnHidden
      footer={
        file ? (
          <>
            <Button icon={<DownloadOutlined />} href={`${fileUrl(file.id, import.meta.env.DEV)}?download=1`} download={file.name}>
              下载 {file.name}
            </Button>
            <Button type="primary" onClick={onClose}>
              关闭
            </Button>
          </>
        ) : null
      }
    >
      {file ? <PdfViewer key={file.id} url={fileUrl(file.id, import.meta.env.DEV)} title={title} /> : null}
    </Modal>
  );
}

/** A stored file to save (a certificate's JSON, a destruction body's scan). */
export function FileDownloadLink({ file, label }: { file: FileRef; label: string }) {
  return (
    <Button type="link" size="small" icon={<DownloadOutlined />} href={`${fileUrl(file.id, import.meta.env.DEV)}?download=1`} download={file.name}>
      {label}
    </Button>
  );
}
