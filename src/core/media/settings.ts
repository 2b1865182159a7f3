import type { MediaSettingsDto, MediaSettingsUpdate } from '../../contract';
import { ROLE_LABELS } from '../../contract';
import { hasPermission } from '../access/permissions';
import { CoreError } from '../errors';
import type { Db } from '../store/db';
import { getSetting, setSetting } from '../store/settings';
import { tagMatches } from './rules';

export function mediaSettings(db: Db): MediaSettingsDto {
  return {
    assetTagPattern: getSetting(db, 'media.assetTagPattern'),
    assetTagExample: getSetting(db, 'media.assetTagExample'),
    checkoutChain: getSetting(db, 'media.checkoutChain').map((s) => ({ ...s })),
    wipeChain: getSetting(db, 'media.wipeChain').map((s) => ({ ...s })),
  };
}

/**
 * The unit's asset-tag rule and approval chains (§6.1.3 a, c). The example must match the rule, so the
 * form can show it as a hint; each step's role must be one that may approve media requests, or the
 * chain could never be completed.
 */
export function saveMediaSettings(db: Db, s: MediaSettingsUpdate): MediaSettingsDto {
  if (!tagMatches(s.assetTagPattern, s.assetTagExample.trim().toUpperCase())) {
    throw new CoreError('bad-request', `资产编号示例“${s.assetTagExample}”不符合所设的编号规则，请修改规则或示例。`, 'assetTagExample');
  }
  for (const [field, chain] of [['checkoutChain', s.checkoutChain], ['wipeChain', s.wipeChain]] as const) {
    const unable = chain.find((step) => !hasPermission([step.role], 'media.approve'));
    if (unable) throw new CoreError('bad-request', `“${ROLE_LABELS[unable.role]}”没有审批存储介质申请的权限，不能作为审批步骤“${unable.label}”的角色。`, field);
  }
  setSetting(db, 'media.assetTagPattern', s.assetTagPattern);
  setSetting(db, 'media.assetTagExample', s.assetTagExample.trim().toUpperCase());
  setSetting(db, 'media.checkoutChain', s.checkoutChain);
  setSetting(db, 'media.wipeChain', s.wipeChain);
  return mediaSettings(db);
}

/** A new tag must follow the unit's rule (§6.1.3 a); existing tags are never renamed by a rule change. */
export function assertTagAllowed(db: Db, tag: string): void {
  const pattern = getSetting(db, 'media.assetTagPattern');
  if (!tagMatches(pattern, tag)) {
    throw new CoreError('bad-request', `资产编号“${tag}”不符合本单位的编号规则（${pattern}），例如 ${getSetting(db, 'media.assetTagExample')}。`, 'tag');
  }
}
