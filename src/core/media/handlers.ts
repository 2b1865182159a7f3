import { MEDIUM_STATUS_LABELS } from '../../contract';
import type { Context, Handlers } from '../context';
import { CoreError } from '../errors';
import { checkMedium } from './check';
import { mediumDetail } from './detail';
import { writeIdentityAt } from './identity';
import { printLabels } from './labels';
import { listMedia, registerMedium, setMediumStatus, updateMedium } from './register';
import { requestCheckout, requestWipe } from './requests/create';
import { approveStep, rejectRequest, withdrawRequest } from './requests/decide';
import { handOver, returnMedium } from './requests/handover';
import { listRequests } from './requests/list';
import { getRequestRow, toRequestDto } from './requests/store';
import { mediaSettings, saveMediaSettings } from './settings';
import { getMediumByTag, getMediumById, toMediumDto } from './store';

type MediaMethods =
  | 'media.settings'
  | 'media.updateSettings'
  | 'media.list'
  | 'media.get'
  | 'media.register'
  | 'media.update'
  | 'media.setStatus'
  | 'media.label'
  | 'media.identify'
  | 'media.check'
  | 'media.checkout'
  | 'media.wipeRequest'
  | 'media.requests'
  | 'media.approve'
  | 'media.reject'
  | 'media.withdraw'
  | 'media.handover'
  | 'media.return';

const requestDto = (ctx: Context, id: number | string) => toRequestDto(ctx.db, getRequestRow(ctx.db, id), ctx.user);

/**
 * Storage media as assets (DB3206/T 1060 §6.1.3 a–c, e, f; DOMAIN.md "Storage media"): the register
 * and its history, labels, checkout and wipe requests through the unit's approval chain, and the
 * signed identity record that tells registered media from any other. Sanitization is in sanitize/.
 */
export const mediaHandlers: Pick<Handlers, MediaMethods> = {
  /** Everyone who works with media reads the tag rule and chains (the forms show them). */
  'media.settings': { kind: 'read', access: 'media.read', run: (ctx) => mediaSettings(ctx.db) },
  'media.updateSettings': {
    kind: 'change',
    access: 'media.settings',
    run: (ctx, req) => {
      ctx.audit.target = 'settings:media';
      const saved = saveMediaSettings(ctx.db, req);
      ctx.audit.detail = `编号规则 ${saved.assetTagPattern}；领用流程：${saved.checkoutChain.map((s) => s.label).join(' → ')}；清除流程：${saved.wipeChain.map((s) => s.label).join(' → ')}`;
      return saved;
    },
  },
  'media.list': { kind: 'read', access: 'media.read', run: (ctx, req) => listMedia(ctx, req) },
  'media.get': { kind: 'read', access: 'media.read', run: (ctx, req) => mediumDetail(ctx, req.tag) },
  'media.register': { kind: 'change', access: 'media.manage', runAsync: (ctx, req) => registerMedium(ctx, req) },
  'media.update': { kind: 'change', access: 'media.manage', run: (ctx, req) => updateMedium(ctx, req) },
  'media.setStatus': { kind: 'change', access: 'media.manage', run: (ctx, req) => setMediumStatus(ctx, req) },
  'media.label': { kind: 'change', access: 'media.manage', runAsync: (ctx, req) => printLabels(ctx, req.tags, req.size) },
  'media.identify': {
    kind: 'change',
    access: 'media.manage',
    runAsync: async (ctx, req) => {
      const medium = getMediumByTag(ctx.db, req.tag);
      ctx.audit.target = `medium:${medium.tag}`;
      if (medium.status === 'destroyed' || medium.status === 'lost') {
        throw new CoreError('conflict', `${medium.tag} 在台账中为“${MEDIUM_STATUS_LABELS[medium.status]}”，不能再写入身份记录。`, 'tag');
      }
      await writeIdentityAt(ctx, medium, req.device);
      ctx.audit.detail = `写入身份记录到 ${req.device}，此前的记录作废`;
      return toMediumDto(ctx.db, getMediumById(ctx.db, medium.id), ctx.nowIso);
    },
  },
  'media.check': { kind: 'read', access: 'media.read', run: (ctx, req) => checkMedium(ctx, req.device) },
  'media.checkout': { kind: 'change', access: 'media.request', run: (ctx, req) => requestDto(ctx, requestCheckout(ctx, req)) },
  /** media.wipe, media.manage, or the holder: decided inside, for the holder holds no permission of their own for it. */
  'media.wipeRequest': { kind: 'change', access: 'signed-in', run: (ctx, req) => requestDto(ctx, requestWipe(ctx, req)) },
  'media.requests': { kind: 'read', access: 'media.read', run: (ctx, req) => listRequests(ctx, req) },
  'media.approve': {
    kind: 'change',
    access: 'media.approve',
    reauth: true,
    runAsync: async (ctx, req) => {
      await approveStep(ctx, req);
      return requestDto(ctx, req.requestId);
    },
  },
  'media.reject': {
    kind: 'change',
    access: 'media.approve',
    run: (ctx, req) => {
      rejectRequest(ctx, req);
      return requestDto(ctx, req.requestId);
    },
  },
  'media.withdraw': {
    kind: 'change',
    access: 'signed-in',
    run: (ctx, req) => {
      withdrawRequest(ctx, req.requestId);
      return requestDto(ctx, req.requestId);
    },
  },
  'media.handover': { kind: 'change', access: 'media.manage', run: (ctx, req) => handOver(ctx, req) },
  'media.return': { kind: 'change', access: 'signed-in', run: (ctx, req) => returnMedium(ctx, req) },
};
