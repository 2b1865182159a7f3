import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { AccessRequestDto } from '../../../contract';
import { formatDateTime } from '../../components/format';
import { GRANT_STATE_COLORS, GRANT_STATE_LABELS, REQUEST_STATUS_COLORS, REQUEST_STATUS_LABELS, grantPeriod, grantScope } from './borrowingModel';

/** Where a request stands: its status, its grant's state (逾期 when past its end and not revoked), and why. */
export function RequestStatus({ request }: { request: AccessRequestDto }) {
  const grant = request.grant;
  return (
    <Flex vertical gap={2} data-testid="request-status">
      <Flex gap={4} wrap>
        <Tag color={REQUEST_STATUS_COLORS[request.status]} style={{ marginInlineEnd: 0 }}>
          {REQUEST_STATUS_LABELS[request.status]}
        </Tag>
        {grant ? (
          <Tag color={GRANT_STATE_COLORS[grant.state]} style={{ marginInlineEnd: 0 }}>
            {GRANT_STATE_LABELS[grant.state]}
          </Tag>
        ) : null}
        {grant?.overdue ? (
          <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
            逾期
          </Tag>
        ) : null}
        {grant?.pledge ? (
          <Tooltip title={`${formatDateTime(grant.pledge.acceptedAt)} 于终端 ${grant.pledge.terminalId} 签署（版本 ${grant.pledge.version}）`}>
            <Tag style={{ marginInlineEnd: 0 }}>已签承诺</Tag>
          </Tooltip>
        ) : null}
      </Flex>
      {request.status === 'rejected' && request.decisionNote ? <Typography.Text type="danger">理由：{request.decisionNote}</Typography.Text> : null}
      {request.status === 'approved' && request.decisionNote ? <Typography.Text type="secondary">审批意见：{request.decisionNote}</Typography.Text> : null}
      {grant?.state === 'revoked' && grant.revokeReason ? <Typography.Text type="danger">撤销理由：{grant.revokeReason}</Typography.Text> : null}
    </Flex>
  );
}

/** The grant's window and what it allows, or what was asked while none has been given. */
export function GrantSummary({ request }: { request: AccessRequestDto }) {
  const grant = request.grant;
  if (!grant) {
    return (
      <Typography.Text type="secondary">
        申请 {request.days} 天，{grantScope({ print: request.wantPrint, export: request.wantExport })}
      </Typography.Text>
    );
  }
  return (
    <Flex vertical gap={2}>
      <span>{grantPeriod(grant)}</span>
      <Typography.Text type="secondary">
        {grantScope(grant)}
        {grant.renewals > 0 ? `，已续借 ${grant.renewals} 次` : ''}
      </Typography.Text>
    </Flex>
  );
}
