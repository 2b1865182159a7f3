import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Col, Descriptions, Flex, Row, Tabs, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { CompiledVolumeDto, DossierDto } from '../../../contract';
import { JobProgress } from '../../components/JobProgress';
import { errorMessage } from '../../components/apiErrors';
import type { JobState } from '../../components/useJob';
import { formatBeijingTime } from '../pdf/pdfFormat';
import { PdfViewer } from '../records/PdfViewer';
import { SignaturePanel } from '../records/SignaturePanel';
import { fileUrl } from '../records/pageModel';
import { PRINT_FORM_LABELS, printPages, type PrintForm } from './dossierModel';
import { printPdfPages } from './printVolume';

const PRINT_FORMS: PrintForm[] = ['volume', 'archivalCover', 'dossierCover', 'contents', 'remarks'];

function VolumePreview({ dossier, compiled }: { dossier: DossierDto; compiled: CompiledVolumeDto }) {
  const { message } = App.useApp();
  const [printing, setPrinting] = useState<JobState | null>(null);
  const abort = useRef<AbortController | null>(null);
  const url = fileUrl(compiled.file.id, import.meta.env.DEV);

  const print = async (form: PrintForm) => {
    const controller = new AbortController();
    abort.current = controller;
    const label = `准备打印${compiled.volume}${PRINT_FORM_LABELS[form]}…`;
    setPrinting({ jobId: 'print', label, done: 0, total: 0, isStarted: true });
    try {
      await printPdfPages(url, (total) => printPages(form, total, compiled.formPages), ({ done, total }) => setPrinting({ jobId: 'print', label, done, total, isStarted: true }), controller.signal);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') void message.info('已取消打印');
      else void message.error({ content: errorMessage(error), duration: 8 });
    } finally {
      abort.current = null;
      setPrinting(null);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <PdfViewer key={compiled.file.id} url={url} title={`${dossier.caseNumber} ${compiled.volume}`} />
      </Col>
      <Col xs={24} xl={9}>
        <Flex vertical gap={12}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="版次">第 {compiled.edition} 版</Descriptions.Item>
            <Descriptions.Item label="件数 / 页数">
              {compiled.itemCount} 件 {compiled.pageCount} 页
            </Descriptions.Item>
            <Descriptions.Item label="组卷">
              {compiled.compiledBy}，{formatBeijingTime(compiled.compiledAt)}
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Text strong>打印</Typography.Text>
            <Flex gap={8} wrap style={{ marginTop: 8 }} data-testid="print-buttons">
              {PRINT_FORMS.map((form) => (
                <Button key={form} icon={form === 'volume' ? <PrinterOutlined /> : undefined} type={form === 'volume' ? 'primary' : 'default'} disabled={printing !== null} onClick={() => void print(form)}>
                  {form === 'volume' ? '打印整卷' : PRINT_FORM_LABELS[form]}
                </Button>
              ))}
            </Flex>
          </div>
          {printing ? <JobProgress job={printing} onCancel={() => abort.current?.abort()} isCancelling={false} testId="print-job" /> : null}
          <SignaturePanel key={compiled.file.id} version={compiled} />
        </Flex>
      </Col>
    </Row>
  );
}

/** The compiled volumes, each in the viewer with its signature verified now, and printing. */
export function CompiledPreview({ dossier }: { dossier: DossierDto }) {
  if (dossier.compiled.length === 1) return <VolumePreview dossier={dossier} compiled={dossier.compiled[0]!} />;
  return (
    <Tabs
      items={dossier.compiled.map((c) => ({
        key: c.volume,
        label: `${c.volume}（${c.itemCount} 件 ${c.pageCount} 页）`,
        children: <VolumePreview dossier={dossier} compiled={c} />,
      }))}
    />
  );
}
