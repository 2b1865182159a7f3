import { FilePdfOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Flex, Form, Input, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiFailure, type ScanConvertResult, type ScannedPageDto } from '../../../contract';
import { call } from '../../app/api';
import { JobProgress } from '../../components/JobProgress';
import { PageHeader } from '../../components/PageHeader';
import { useJob } from '../../components/useJob';
import { errorMessage, isUnauthenticated, messageForField, toFieldPath } from '../../components/apiErrors';
import { DPI_SOURCE_LABELS, formatBeijingTime, formatBytes, formatPageSizeMm, formatSeconds, parsePathLines } from './pdfFormat';

interface ConvertFormValues {
  inputs?: string;
  outPath?: string;
  title?: string;
  caseNumber?: string;
  recordType?: string;
  ocr?: boolean;
}

const FORM_FIELDS = new Set<string>(['inputs', 'outPath', 'title', 'caseNumber', 'recordType']);

const PAGE_COLUMNS = [
  { key: 'n', title: '序号', width: 64, render: (_: unknown, __: ScannedPageDto, i: number) => i + 1 },
  {
    key: 'file',
    title: '文件',
    render: (_: unknown, p: ScannedPageDto) => (
      <span title={p.file} style={{ wordBreak: 'break-all' }}>
        {p.file}
        {p.pageInFile > 1 ? `（第 ${p.pageInFile} 页）` : ''}
      </span>
    ),
  },
  { key: 'size', title: '尺寸（mm）', width: 130, render: (_: unknown, p: ScannedPageDto) => formatPageSizeMm(p.widthPt, p.heightPt) },
  {
    key: 'dpi',
    title: '分辨率（dpi）',
    width: 150,
    render: (_: unknown, p: ScannedPageDto) => `${p.dpi}（${DPI_SOURCE_LABELS[p.dpiSource] ?? p.dpiSource}）`,
  },
  { key: 'blank', title: '空白页', width: 80, render: (_: unknown, p: ScannedPageDto) => (p.isBlank ? <Tag color="orange">空白页</Tag> : null) },
  { key: 'embedding', title: '嵌入方式', render: (_: unknown, p: ScannedPageDto) => p.embedding },
];

function ResultPanel({ result }: { result: ScanConvertResult }) {
  const t = result.timings;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }} data-testid="scan-result">
      <Alert type="success" showIcon title={`已生成签章 PDF：共 ${result.pages.length} 页`} description={result.outPath} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" title="文件">
            <Descriptions size="small" column={1} styles={{ label: { width: 110 } }}>
              <Descriptions.Item label="输出文件">
                <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                  {result.outPath}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="大小">{formatBytes(result.bytes)}</Descriptions.Item>
              <Descriptions.Item label="SHA-256">
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="scan-sha256">
                  {result.sha256}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="文字识别">{result.ocr ? `${result.ocr.lines} 行，${result.ocr.words} 词` : '未做'}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="签章">
            <Descriptions size="small" column={1} styles={{ label: { width: 110 } }}>
              <Descriptions.Item label="签章人">{result.signer.subject}</Descriptions.Item>
              <Descriptions.Item label="签章时间">{formatBeijingTime(result.signedAt)}（北京时间）</Descriptions.Item>
              <Descriptions.Item label="用时">
                读取 {formatSeconds(t.intake)}，文字识别 {formatSeconds(t.ocr)}，写入 {formatSeconds(t.write)}，签章 {formatSeconds(t.sign)}；共{' '}
                {formatSeconds(t.total)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <Table<ScannedPageDto>
        data-testid="scan-pages"
        size="small"
        rowKey={(p) => `${p.file}#${p.pageInFile}`}
        columns={PAGE_COLUMNS}
        dataSource={result.pages}
        pagination={result.pages.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        title={() => '页面'}
      />
    </Flex>
  );
}

/** 扫描件转 PDF: scans on this machine to one signed, read-only PDF/A, with progress and cancel. */
export function ScanConvertPage() {
  const [form] = Form.useForm<ConvertFormValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const { job, run, cancel, isCancelling } = useJob();

  const convert = useMutation({
    mutationFn: (values: ConvertFormValues) =>
      run('准备中…', (jobId) =>
        call('scans.convert', {
          inputs: parsePathLines(values.inputs),
          outPath: (values.outPath ?? '').trim(),
          title: (values.title ?? '').trim(),
          caseNumber: values.caseNumber?.trim() || undefined,
          recordType: values.recordType?.trim() || undefined,
          ocr: Boolean(values.ocr),
          jobId,
        }),
      ),
    onMutate: () => setFailure(null),
    onError: (error) => {
      if (isUnauthenticated(error)) return;
      // A bad path or title goes under its field (`inputs.2` under the list of paths); anything else,
      // e.g. a failed job, is shown in full below the form.
      const field = error instanceof ApiFailure && error.field ? toFieldPath(error.field)[0] : undefined;
      if (error instanceof ApiFailure && error.field && typeof field === 'string' && FORM_FIELDS.has(field)) {
        const name = field as keyof ConvertFormValues;
        form.setFields([{ name, errors: [messageForField(error.message, error.field)] }]);
        form.focusField(name);
        return;
      }
      setFailure(errorMessage(error));
    },
  });

  const isRunning = convert.isPending;
  return (
    <>
      <PageHeader title="扫描件转 PDF" />
      <Card style={{ maxWidth: 1100, marginBottom: 16 }}>
        <Form<ConvertFormValues>
          form={form}
          layout="vertical"
          requiredMark
          disabled={isRunning}
          initialValues={{ ocr: false }}
          onFinish={(values) => convert.mutate(values)}
        >
          <Form.Item
            name="inputs"
            label="扫描文件或文件夹（完整路径，每行一个）"
            required
            extra="文件夹中的图片按文件名顺序排列；页面尺寸和分辨率取自文件，空白页会标出但不会删除。"
          >
            <Input.TextArea autoFocus rows={4} placeholder={'D:\\扫描\\立案审批表\nD:\\扫描\\询问笔录\\001.jpg'} />
          </Form.Item>
          <Form.Item name="outPath" label="输出文件（完整路径）" required>
            <Input placeholder="D:\归档\立案审批表.pdf" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name="title" label="题名" required>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item name="caseNumber" label="案件编号">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item name="recordType" label="文书类型">
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="ocr" valuePropName="checked" extra="在图像下加入可检索的文字层，用时较长。">
            <Checkbox>文字识别</Checkbox>
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<FilePdfOutlined />} loading={isRunning}>
              开始转换
            </Button>
          </Flex>
        </Form>
        {job ? (
          <div style={{ marginTop: 16 }}>
            <JobProgress job={job} onCancel={() => void cancel()} isCancelling={isCancelling} testId="scan-progress" />
          </div>
        ) : null}
      </Card>
      {failure ? (
        <Alert
          type="error"
          showIcon
          style={{ maxWidth: 1100, marginBottom: 16 }}
          title="转换未完成，未生成任何文件"
          description={<div style={{ whiteSpace: 'pre-line' }} data-testid="scan-failure">{failure}</div>}
        />
      ) : null}
      {convert.data && !isRunning ? <ResultPanel result={convert.data} /> : null}
    </>
  );
}
