import type { Handlers } from '../context';
import { approveDisposal, rejectDisposal, requestDisposal } from './disposal';
import { registerRecord } from './register';
import { listDisposals, listRecords, recordDto } from './store';

type ErecordMethods = 'erecords.list' | 'erecords.get' | 'erecords.register' | 'erecords.requestDisposal' | 'erecords.disposals' | 'erecords.approveDisposal' | 'erecords.rejectDisposal';

/**
 * Electronic records (DB3206/T 1060 §6.1.2 Table 2, §4.7.3): the register with its late-upload and
 * disposal lists, and disposal of records whose retention has ended, approved by a second person
 * with the password asked again, leaving a signed certificate.
 */
export const erecordHandlers: Pick<Handlers, ErecordMethods> = {
  'erecords.list': {
    kind: 'read',
    access: 'erecords.read',
    run: (ctx, req) => listRecords(ctx.db, req.view, req.query, ctx.now),
  },

  'erecords.get': {
    kind: 'read',
    access: 'erecords.read',
    run: (ctx, req) => recordDto(ctx.db, req.recordId, ctx.now),
  },

  'erecords.register': {
    kind: 'change',
    access: 'erecords.write',
    runAsync: (ctx, req) => registerRecord(ctx, req),
  },

  'erecords.requestDisposal': {
    kind: 'change',
    access: 'erecords.dispose',
    run: (ctx, req) => requestDisposal(ctx, req),
  },

  'erecords.disposals': {
    kind: 'read',
    access: 'erecords.read',
    run: (ctx) => listDisposals(ctx.db),
  },

  'erecords.approveDisposal': {
    kind: 'change',
    access: 'erecords.approve',
    reauth: true,
    runAsync: (ctx, req) => approveDisposal(ctx, req),
  },

  'erecords.rejectDisposal': {
    kind: 'change',
    access: 'erecords.approve',
    run: (ctx, req) => rejectDisposal(ctx, req),
  },
};
