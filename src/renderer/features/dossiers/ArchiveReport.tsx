import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { ArchiveReportDto, FourPropertyItemDto } from '../../../contract';
import { formatBeijingTime } from '../pdf/pdfFormat';
import { PdfViewer } from '../records/PdfViewer';
import { fileUrl } from '../records/pageModel';

const COLUMNS: TableColumnsType<FourPropertyItemDto> = [
  { title: '性质', dataIndex: 'property', width: 90 },
  { title: '检测项', dataIndex: 'item', width: 220 },
  {
    title: '结果',
    dataIndex: 'passed',
    width: 90,
    render: (passed: boolean) => (
      <Tag color={passed ? 'green' : 'red'} data-testid="report-result">
        {passed ? '通过' : '不通过'}
      </Tag>
    ),
  },
  { title: '说明', dataIndex: 'detail', render: (detail: string) => <span style={{ whiteSpace: 'pre-line' }}>{detail}</span> },
];

/** The 四性检测 (DA/T 70) of the acceptance: each item passed or why not, and the signed report. */
export function ArchiveReport({ report, caseNumber }: { report: ArchiveReportDto; caseNumber: string }) {
  const [isShowingPdf, setShowingPdf] = useState(false);
  const failed = report.items.filter((i) => !i.passed).length;
  return (
    <Flex vertical gap={12} data-testid="archive-report">
      <Alert
        type={report.passed ? 'success' : 'error'}
        showIcon
        title={report.passed ? `四性检测全部通过，卷宗已归档（档号 ${report.archivalCode}）` : `四性检测有 ${failed} 项不通过，卷宗未归档。请按说明处理后重新接收。`}
      />
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
        <Descriptions.Item label="案卷号">{report.volumeNumber}</Descriptions.Item>
        <Descriptions.Item label="档号">{report.archivalCode}</Descriptions.Item>
        <Descriptions.Item label="检测人">{report.checkedBy}</Descriptions.Item>
        <Descriptions.Item label="检测时间">{formatBeijingTime(report.checkedAt)}</Descriptions.Item>
      </Descriptions>
      <Table<FourPropertyItemDto> rowKey={(i) => `${i.property}-${i.item}`} size="small" bordered columns={COLUMNS} dataSource={report.items} pagination={false} />
      <Flex gap={8}>
        <Button icon={<FilePdfOutlined />} onClick={() => setShowingPdf((s) => !s)} aria-expanded={isShowingPdf}>
          {isShowingPdf ? '收起检测报告 PDF' : '查看检测报告 PDF'}
        </Button>
        <Button icon={<DownloadOutlined />} href={`${fileUrl(report.reportJson.id, import.meta.env.DEV)}?download=1`} download={`${caseNumber}-四性检测.json`}>
          下载检测结果 JSON
        </Button>
      </Flex>
      {isShowingPdf ? <PdfViewer key={report.reportPdf.id} url={fileUrl(report.reportPdf.id, import.meta.env.DEV)} title="四性检测报告" /> : null}
    </Flex>
  );
}
