import type { Handlers } from '../../context';
import { getMediumByTag } from '../store';
import { allCertificates, certificatesOf } from './certificateStore';
import { driveSanitizeSupport } from './driveSanitize';
import { wipePlan } from './plan';
import { approvedWipeRequest } from './preconditions';
import { cryptoErase } from './cryptoErase';
import { recordDestruction } from './recordDestruction';
import { wipeFiles } from './wipeFiles';
import { wipeMedium } from './wipeMedium';
import { writeRecords } from './writeRecords';
import { resumableOf, unfinishedRun } from './wipeRuns';

/** Sanitization of media (issue 6 items 5, 6; DB3206/T 1060 §6.1.3 d; NIST SP 800-88 Rev. 1). */
export const sanitizeHandlers: Partial<Handlers> = {
  'media.wipePlan': {
    kind: 'read',
    access: 'media.read',
    run(ctx, req) {
      const medium = getMediumByTag(ctx.db, req.tag);
      const hasContentKey = ctx.db.prepare('SELECT 1 FROM media_keys WHERE medium_id = ?').get(medium.id) !== undefined;
      const request = approvedWipeRequest(ctx, medium.id);
      return wipePlan({
        tag: medium.tag,
        kind: medium.kind,
        classification: medium.classification,
        hasContentKey,
        driveSanitize: driveSanitizeSupport(),
        approvedRequestId: request ? String(request.id) : null,
        resumable: resumableOf(unfinishedRun(ctx.db, medium.id)),
      });
    },
  },
  'media.wipe': { kind: 'change', access: 'media.wipe', reauth: true, runAsync: wipeMedium },
  'media.wipeFiles': { kind: 'change', access: 'media.wipe', reauth: true, runAsync: wipeFiles },
  'media.cryptoErase': { kind: 'change', access: 'media.wipe', reauth: true, runAsync: cryptoErase },
  'media.recordDestruction': { kind: 'change', access: 'media.wipe', reauth: true, runAsync: recordDestruction },
  // The holder writes onto their checked-out medium; the case's access policy decides on the export.
  'media.writeRecords': { kind: 'change', access: 'media.request', runAsync: writeRecords },
  'media.certificates': {
    kind: 'read',
    access: 'media.read',
    run(ctx, req) {
      return req.tag ? certificatesOf(ctx.db, getMediumByTag(ctx.db, req.tag).id) : allCertificates(ctx.db);
    },
  },
};
