import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import type { DossierFindingDto } from '../../../contract';
import { groupFindings } from './dossierModel';

const COLORS = { red: '#cf1322', amber: '#d48806', green: '#389e0d' } as const;

function FindingItem({ finding, onOpen }: { finding: DossierFindingDto; onOpen: (finding: DossierFindingDto) => void }) {
  const isError = finding.level === 'error';
  return (
    <button
      type="button"
      data-testid="finding"
      data-level={finding.level}
      data-field={finding.field}
      onClick={() => onOpen(finding)}
      style={{
        display: 'flex',
        gap: 8,
        alignItems: 'flex-start',
        textAlign: 'start',
        width: '100%',
        padding: '6px 8px',
        border: `1px solid ${isError ? '#ffccc7' : '#ffe58f'}`,
        background: isError ? '#fff2f0' : '#fffbe6',
        borderRadius: 4,
        cursor: 'pointer',
        font: 'inherit',
      }}
    >
      {isError ? <CloseCircleFilled style={{ color: COLORS.red, marginTop: 4 }} /> : <ExclamationCircleFilled style={{ color: COLORS.amber, marginTop: 4 }} />}
      <span style={{ whiteSpace: 'pre-line' }}>{finding.message}</span>
    </button>
  );
}

/**
 * The checks the core runs on the dossier, red (blocks compiling) and amber (reminders), or green when
 * there is nothing to do. A click goes to the place to fix it.
 */
export function ChecksPanel({ findings, onOpen }: { findings: DossierFindingDto[]; onOpen: (finding: DossierFindingDto) => void }) {
  const { errors, warnings, status } = groupFindings(findings);
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <span>检查</span>
          <Typography.Text style={{ color: COLORS[status], fontWeight: 'normal' }} data-testid="checks-status" data-status={status}>
            {status === 'green' ? '全部通过' : `${errors.length} 项错误，${warnings.length} 项提醒`}
          </Typography.Text>
        </Flex>
      }
      data-testid="checks-panel"
    >
      {status === 'green' ? (
        <Flex align="center" gap={8} style={{ color: COLORS.green }}>
          <CheckCircleFilled />
          <span>组卷前检查全部通过，可以组卷。</span>
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          {errors.length ? (
            <Flex vertical gap={6} data-testid="findings-errors">
              <Typography.Text strong style={{ color: COLORS.red }}>
                错误（须处理后才能组卷）
              </Typography.Text>
              {errors.map((f, i) => (
                <FindingItem key={`${f.rule}-${f.field}-${i}`} finding={f} onOpen={onOpen} />
              ))}
            </Flex>
          ) : null}
          {warnings.length ? (
            <Flex vertical gap={6} data-testid="findings-warnings">
              <Typography.Text strong style={{ color: COLORS.amber }}>
                提醒
              </Typography.Text>
              {warnings.map((f, i) => (
                <FindingItem key={`${f.rule}-${f.field}-${i}`} finding={f} onOpen={onOpen} />
              ))}
            </Flex>
          ) : null}
        </Flex>
      )}
    </Card>
  );
}
