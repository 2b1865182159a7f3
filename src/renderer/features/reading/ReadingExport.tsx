import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import type { ReadingExportDto, ReadingSessionDto } from '../../../contract';
import { JobProgress } from '../../components/JobProgress';
import { useApiError } from '../../components/useApiError';
import { useJob } from '../../components/useJob';
import { call } from '../../app/api';
import { fileUrl } from '../records/pageModel';
import type { Volume } from './readingModel';

/**
 * 导出 (export granted): a job that writes the volume as a PDF with the watermark burned into every
 * page; progress and 取消 as for every job, then the file to download (it is the reader's, watermarked).
 * Mounted for one opening, so that each starts afresh. The link asks for a download (`?download=1`):
 * saving is an export under the policy, and only such requests are saved by the desktop app.
 */
export function ReadingExport({ open, session, volume, onClose }: { open: boolean; session: ReadingSessionDto; volume: Volume; onClose: () => void }) {
  const showError = useApiError();
  const { job, run, cancel, isCancelling } = useJob();
  const exporting = useMutation({
    mutationFn: () => run(`正在导出${volume}…`, (jobId) => call('reading.export', { readingId: session.readingId, volume, jobId })),
    onError: (error) => showError(error),
  });
  const result: ReadingExportDto | undefined = exporting.data;

  return (
    <Modal
      open={open}
      title={`导出${volume}`}
      onCancel={() => !exporting.isPending && onClose()}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>完成</Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={exporting.isPending}>
              取消
            </Button>
            <Button type="primary" autoFocus loading={exporting.isPending} onClick={() => exporting.mutate()}>
              开始导出
            </Button>
          </>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        导出为 PDF，每一页都带有查阅人、终端和时间的水印；导出记入审计日志。导出件请妥善保管，用后按规定交回或销毁。
      </Typography.Paragraph>
      {job ? <JobProgress job={job} onCancel={() => void cancel()} isCancelling={isCancelling} testId="reading-export-job" /> : null}
      {result ? (
        <>
          <Alert type="success" showIcon title={`已导出 ${result.pageCount} 页`} style={{ marginBottom: 12 }} />
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="文件">{result.name}</Descriptions.Item>
            <Descriptions.Item label="SHA-256">
              <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                {result.sha256}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Button type="primary" icon={<DownloadOutlined />} href={`${fileUrl(result.fileId, import.meta.env.DEV)}?download=1`} download={result.name} data-testid="reading-export-download">
            下载 {result.name}
          </Button>
        </>
      ) : null}
    </Modal>
  );
}
