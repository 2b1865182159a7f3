import { Alert, Descriptions, Flex, Radio, Tag, Typography } from 'antd';
import { MEDIUM_KIND_LABELS, WIPE_METHOD_LABELS, isStateSecret, type WipePlanDto } from '../../../contract';
import { formatCapacity, pathsFor, resumedPercent, type WizardPath } from './mediaModel';

export const PATH_LABELS: Record<WizardPath, string> = {
  wipe: '整盘清除',
  files: '文件级清除',
  crypto: '密码擦除（销毁介质密钥）',
  destruction: '交付销毁（登记）',
};

/**
 * What sanitizing this medium means before anything is done (NIST SP 800-88 Rev. 1): the method for its
 * kind and 密级, each pass, the verification, why, and what the method cannot promise, said plainly.
 */
export function WipePlanPanel({ plan, path, onPath }: { plan: WipePlanDto; path: WizardPath; onPath: (path: WizardPath) => void }) {
  const paths = pathsFor(plan);
  return (
    <Flex vertical gap={12} data-testid="wipe-plan">
      {plan.approvedRequestId === null ? (
        <Alert type="error" showIcon title="该介质没有已批准的清除申请" description="清除须先经审批：请在“存储介质台账”中为该介质申请清除，审批通过后再来。" />
      ) : null}
      {!plan.isSoftwareSufficient ? (
        <Alert
          type="warning"
          showIcon
          title={isStateSecret(plan.classification) ? `${plan.classification}介质不能用软件清除` : `${MEDIUM_KIND_LABELS[plan.kind]}不能用软件清除`}
          description="软件清除对该介质不能视为充分。本程序只登记审批、两人监督和交付有资质销毁机构的过程，并附其销毁证明（第 6.1.3 条 d）。"
        />
      ) : null}
      {plan.resumable ? (
        <Alert
          type="info"
          showIcon
          data-testid="wipe-resumable"
          title={`上次清除未完成：第 ${plan.resumable.pass} 遍已完成 ${resumedPercent(plan.resumable)}%（${formatCapacity(plan.resumable.bytesDone)} / ${formatCapacity(plan.resumable.bytesTotal)}）`}
          description="在同一设备上再次执行将从上次的检查点继续。"
        />
      ) : null}
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label="介质">
          {plan.tag}（{MEDIUM_KIND_LABELS[plan.kind]}，{plan.classification}）
        </Descriptions.Item>
        <Descriptions.Item label="方法">
          <Typography.Text strong data-testid="wipe-method">
            {plan.methodLabel}
          </Typography.Text>
        </Descriptions.Item>
        {plan.passes.length > 0 ? (
          <Descriptions.Item label="覆写">
            <Flex vertical>
              {plan.passes.map((p) => (
                <span key={p}>{p}</span>
              ))}
            </Flex>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="校验">{plan.verification}</Descriptions.Item>
        <Descriptions.Item label="依据">{plan.explanation}</Descriptions.Item>
        {plan.limits.length > 0 ? (
          <Descriptions.Item label="局限">
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="wipe-limits">
              {plan.limits.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </Descriptions.Item>
        ) : null}
        {plan.alternatives.length > 0 ? (
          <Descriptions.Item label="其他可用方法">
            {plan.alternatives.map((m) => (
              <Tag key={m}>{WIPE_METHOD_LABELS[m]}</Tag>
            ))}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {paths.length > 1 ? (
        <Radio.Group
          aria-label="清除方式"
          value={path}
          onChange={(e) => onPath(e.target.value as WizardPath)}
          options={paths.map((p) => ({ value: p, label: PATH_LABELS[p] }))}
        />
      ) : null}
    </Flex>
  );
}
